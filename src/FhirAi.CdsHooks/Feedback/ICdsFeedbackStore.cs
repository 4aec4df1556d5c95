namespace FhirAi.CdsHooks.Feedback;

/// <summary>Durable storage of feedback (implemented over the database by the server).</summary>
public interface ICdsFeedbackStore
{
    /// <summary>Stores the items not stored before (same service, card and outcome time: a re-send is a no-op); returns how many were new.</summary>
    Task<int> SaveAsync(string serviceId, IReadOnlyList<FeedbackItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Feedback events with outcome time in [from, to), by card type, outcome and override reason.</summary>
    Task<IReadOnlyList<FeedbackCount>> CountFeedbackAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Cards issued in [from, to), by card type.</summary>
    Task<IReadOnlyList<IssuedCardCount>> CountIssuedAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
