namespace FhirAi.CdsHooks.Feedback;

/// <summary>The feedback summary of one service over a window (either bound may be open): totals and per card type.</summary>
public sealed record FeedbackSummary(
    string Service, DateTimeOffset? From, DateTimeOffset? To, long Issued, long Accepted, long Overridden, IReadOnlyList<CardTypeFeedback> CardTypes)
{
    /// <summary>The card type reported for feedback on cards whose issue was not recorded.</summary>
    public const string UnrecordedCardType = "unrecorded";

    /// <summary>Builds the summary from the stored counts; card types ordered by feedback volume, then name.</summary>
    public static FeedbackSummary Build(string service, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<FeedbackCount> feedback, IReadOnlyList<IssuedCardCount> issued)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(issued);
        var types = issued.Select(i => i.CardType).Concat(feedback.Select(f => f.CardType ?? UnrecordedCardType)).Distinct(StringComparer.Ordinal);
        var cardTypes = types.Select(type =>
        {
            var rows = feedback.Where(f => string.Equals(f.CardType ?? UnrecordedCardType, type, StringComparison.Ordinal)).ToList();
            var reasons = rows.Where(r => r.Outcome == FeedbackOutcome.Overridden)
                .GroupBy(r => (r.ReasonSystem, r.ReasonCode))
                .Select(g => new OverrideReasonCount(g.Key.ReasonSystem, g.Key.ReasonCode, g.Select(r => r.ReasonDisplay).FirstOrDefault(d => d is not null), g.Sum(r => r.Count)))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();
            return new CardTypeFeedback(
                type,
                issued.Where(i => i.CardType == type).Sum(i => i.Count),
                rows.Where(r => r.Outcome == FeedbackOutcome.Accepted).Sum(r => r.Count),
                rows.Where(r => r.Outcome == FeedbackOutcome.Overridden).Sum(r => r.Count),
                reasons);
        })
            .OrderByDescending(c => c.Accepted + c.Overridden).ThenBy(c => c.CardType, StringComparer.Ordinal)
            .ToList();
        return new FeedbackSummary(service, from, to, cardTypes.Sum(c => c.Issued), cardTypes.Sum(c => c.Accepted), cardTypes.Sum(c => c.Overridden), cardTypes);
    }
}
