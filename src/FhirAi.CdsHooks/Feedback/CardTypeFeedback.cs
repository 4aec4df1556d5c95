namespace FhirAi.CdsHooks.Feedback;

/// <summary>
/// Feedback on one card type of a service: cards issued, feedback events accepted and overridden, and the override
/// reasons with their counts (most frequent first). <see cref="CardType"/> is <c>unrecorded</c> for feedback on cards
/// whose issue was not recorded.
/// </summary>
public sealed record CardTypeFeedback(string CardType, long Issued, long Accepted, long Overridden, IReadOnlyList<OverrideReasonCount> OverrideReasons)
{
    /// <summary>Overridden / (accepted + overridden); null without feedback.</summary>
    public double? OverrideRate => Accepted + Overridden == 0 ? null : Math.Round((double)Overridden / (Accepted + Overridden), 4);
}
