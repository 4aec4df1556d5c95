using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// A default adult reference interval in the canonical unit, for one sex (null = both) and an age band in whole years
/// (inclusive, null = open); used only when the Observation carries no referenceRange.
/// </summary>
public sealed record ReferenceInterval(AdministrativeSex? Sex, int? AgeMin, int? AgeMax, decimal? Low, decimal? High, Citation Citation);
