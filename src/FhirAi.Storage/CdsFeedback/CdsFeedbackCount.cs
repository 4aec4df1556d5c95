namespace FhirAi.Storage.CdsFeedback;

/// <summary>How many feedback events of one card type (null: card never recorded as issued), outcome and override reason.</summary>
public sealed record CdsFeedbackCount(string? CardType, string Outcome, string? ReasonSystem, string? ReasonCode, string? ReasonDisplay, long Count);
