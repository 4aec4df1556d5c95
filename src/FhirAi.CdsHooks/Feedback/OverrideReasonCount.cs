namespace FhirAi.CdsHooks.Feedback;

/// <summary>How often one override reason was given (system and code null: overridden without a reason Coding).</summary>
public sealed record OverrideReasonCount(string? System, string? Code, string? Display, long Count);
