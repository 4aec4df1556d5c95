namespace FhirAi.Clinical.Labs;

/// <summary>Observation.referenceRange low/high as reported by the lab, in <paramref name="Unit"/> (UCUM; null means the result's unit).</summary>
public sealed record ObservedRange(decimal? Low, decimal? High, string? Unit);
