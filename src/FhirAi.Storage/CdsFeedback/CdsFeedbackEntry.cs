namespace FhirAi.Storage.CdsFeedback;

/// <summary>A feedback event to store. <see cref="Outcome"/> is <c>accepted</c> or <c>overridden</c>.</summary>
public sealed record CdsFeedbackEntry
{
    public required string ServiceId { get; init; }
    public required string CardUuid { get; init; }
    public required string Outcome { get; init; }
    public required DateTimeOffset OutcomeTimestamp { get; init; }
    public string? ReasonSystem { get; init; }
    public string? ReasonCode { get; init; }
    public string? ReasonDisplay { get; init; }
    public bool HasUserComment { get; init; }
    public IReadOnlyList<string> AcceptedSuggestions { get; init; } = [];
}
