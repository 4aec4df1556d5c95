namespace FhirAi.CdsHooks.Feedback;

/// <summary>One validated feedback entry: the card's uuid, the outcome, its time (UTC), the accepted suggestions' ids and any override reason.</summary>
public sealed record FeedbackItem(
    string CardUuid,
    FeedbackOutcome Outcome,
    DateTimeOffset OutcomeTimestamp,
    IReadOnlyList<string> AcceptedSuggestions,
    FeedbackOverrideReason? OverrideReason);
