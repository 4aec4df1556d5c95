namespace FhirAi.CdsHooks.Feedback;

/// <summary>
/// Where a CDS service records the cards it returns, so that feedback (which names only the card's uuid) can be
/// summarised per card type. <see cref="Record"/> does not wait for storage: it queues the cards and returns at once
/// (a full queue drops them and logs a warning), so it costs the hook call no database round trip.
/// </summary>
public interface IIssuedCardLog
{
    /// <summary>Records the cards of one response of service <paramref name="serviceId"/> (one of <see cref="CdsServiceIds.All"/>).</summary>
    void Record(string serviceId, IReadOnlyList<IssuedCard> cards);
}
