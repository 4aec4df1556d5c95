using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>Critical (panic) limits in the canonical unit: a value at or beyond one is flagged LL or HH.</summary>
public sealed record CriticalLimits(decimal? Low, decimal? High, Citation Citation);
