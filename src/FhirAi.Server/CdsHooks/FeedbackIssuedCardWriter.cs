using System.Threading.Channels;
using FhirAi.CdsHooks;
using FhirAi.CdsHooks.Feedback;
using FhirAi.Storage.CdsFeedback;

namespace FhirAi.Server.CdsHooks;

/// <summary>
/// <see cref="IIssuedCardLog"/> over the database: <see cref="Record"/> queues the cards (bounded; when full they are
/// dropped and a warning logged) and returns at once, and this background service writes them in batches.
/// </summary>
internal sealed class FeedbackIssuedCardWriter(CdsFeedbackStore store, TimeProvider time, ILogger<FeedbackIssuedCardWriter> logger)
    : BackgroundService, IIssuedCardLog
{
    public const int QueueCapacity = 10_000;
    private const int BatchSize = 500;
    private const int MaxChars = 128;

    private readonly Channel<CdsIssuedCard> _queue = Channel.CreateBounded<CdsIssuedCard>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Record(string serviceId, IReadOnlyList<IssuedCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (!CdsServiceIds.All.Contains(serviceId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{serviceId} is not one of CdsServiceIds.All.", nameof(serviceId));
        }

        var now = time.GetUtcNow();
        foreach (var card in cards)
        {
            if (string.IsNullOrEmpty(card.CardUuid) || card.CardUuid.Length > MaxChars || string.IsNullOrEmpty(card.CardType) || card.CardType.Length > MaxChars)
            {
                throw new ArgumentException($"A card needs a uuid and a card type of 1 to {MaxChars} characters.", nameof(cards));
            }

            if (!_queue.Writer.TryWrite(new CdsIssuedCard(serviceId, card.CardUuid, card.CardType, now)))
            {
                FeedbackLog.IssuedCardDropped(logger, serviceId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CdsIssuedCard>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAvailableAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is queued, without the stopping token, so cards recorded just before shutdown are kept.
            await WriteAvailableAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WriteAvailableAsync(List<CdsIssuedCard> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var card))
            {
                batch.Add(card);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await store.RecordIssuedAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                FeedbackLog.IssuedCardWriteFailed(logger, batch.Count, exception.GetType().Name);
            }
        }
    }
}
