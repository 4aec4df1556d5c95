using FhirAi.CdsHooks.Feedback;
using FhirAi.Storage.CdsFeedback;

namespace FhirAi.Server.CdsHooks;

/// <summary>The CDS Hooks feedback store over the database (<see cref="CdsFeedbackStore"/>, table <c>cds_feedback</c>).</summary>
internal sealed class FeedbackStoreAdapter(CdsFeedbackStore store) : ICdsFeedbackStore
{
    public Task<int> SaveAsync(string serviceId, IReadOnlyList<FeedbackItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var entries = items.Select(item => new CdsFeedbackEntry
        {
            ServiceId = serviceId,
            CardUuid = item.CardUuid,
            Outcome = Name(item.Outcome),
            OutcomeTimestamp = item.OutcomeTimestamp,
            ReasonSystem = item.OverrideReason?.System,
            ReasonCode = item.OverrideReason?.Code,
            ReasonDisplay = item.OverrideReason?.Display,
            HasUserComment = item.OverrideReason?.HasUserComment ?? false,
            AcceptedSuggestions = item.AcceptedSuggestions,
        }).ToList();
        return store.SaveFeedbackAsync(entries, receivedAt, cancellationToken);
    }

    public async Task<IReadOnlyList<FeedbackCount>> CountFeedbackAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var counts = await store.CountFeedbackAsync(serviceId, from, to, cancellationToken).ConfigureAwait(false);
        return counts
            .Select(c => new FeedbackCount(c.CardType, c.Outcome == "accepted" ? FeedbackOutcome.Accepted : FeedbackOutcome.Overridden, c.ReasonSystem, c.ReasonCode, c.ReasonDisplay, c.Count))
            .ToList();
    }

    public async Task<IReadOnlyList<IssuedCardCount>> CountIssuedAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var counts = await store.CountIssuedAsync(serviceId, from, to, cancellationToken).ConfigureAwait(false);
        return counts.Select(c => new IssuedCardCount(c.CardType, c.Count)).ToList();
    }

    private static string Name(FeedbackOutcome outcome) => outcome == FeedbackOutcome.Accepted ? "accepted" : "overridden";
}
