using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// The change between two results of the same test that counts as significant: an absolute change in the canonical unit
/// and/or a percent change; either one reached is significant.
/// </summary>
public sealed record DeltaThreshold(decimal? Absolute, decimal? Percent, Citation Citation);
