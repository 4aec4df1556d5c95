namespace FhirAi.Clinical.Labs;

/// <summary>Change from the previous result of the same test, both in the canonical unit.</summary>
public sealed record ResultDelta(
    string PreviousReference,
    decimal PreviousValue,
    DateTimeOffset? PreviousEffective,
    decimal Change,
    decimal? PercentChange,
    bool Significant,
    DeltaDirection Direction)
{
    /// <summary>The knowledge-base threshold that decided <see cref="Significant"/>; null when the test has none (then never significant).</summary>
    public DeltaThreshold? Threshold { get; init; }
}
