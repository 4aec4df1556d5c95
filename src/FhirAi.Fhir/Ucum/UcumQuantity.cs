namespace FhirAi.Fhir.Ucum;

/// <summary>
/// A unit reduced to a factor times a product of base dimensions, so that <c>mg/dL</c> (10 g·m⁻³) and
/// <c>g/L</c> (1000 g·m⁻³) compare after conversion. <see cref="Canonical"/> names the dimensions, e.g. <c>g.m-3</c>.
/// </summary>
public sealed record UcumQuantity(double Factor, string Canonical);
