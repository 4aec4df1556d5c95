namespace FhirAi.CdsHooks.Feedback;

/// <summary>How many feedback events of one card type (null: a card never recorded as issued), outcome and override reason.</summary>
public sealed record FeedbackCount(string? CardType, FeedbackOutcome Outcome, string? ReasonSystem, string? ReasonCode, string? ReasonDisplay, long Count);
