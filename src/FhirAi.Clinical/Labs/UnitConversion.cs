using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>An accepted UCUM unit and its factor to the test's canonical unit: canonical = value × <paramref name="Factor"/>.</summary>
public sealed record UnitConversion(string Unit, decimal Factor, Citation? Citation);
