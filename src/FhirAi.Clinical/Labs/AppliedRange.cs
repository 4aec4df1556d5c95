using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>The reference range a result was judged against, in the canonical unit, with where it came from.</summary>
public sealed record AppliedRange(decimal? Low, decimal? High, RangeSource Source, Citation? Citation);
