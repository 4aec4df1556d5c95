namespace FhirAi.Clinical.Medications;

/// <summary>
/// A dose and how often it is given per day: <paramref name="DoseUnit"/> is a UCUM code or unit text
/// (<c>mg</c>, <c>g</c>, <c>ug</c>, <c>mcg</c>, <c>{tbl}</c>, <c>tablet</c>, …); <paramref name="TimesPerDay"/> is
/// frequency ÷ period in days (timing.repeat), null when unknown.
/// </summary>
public sealed record DoseInstruction(decimal? DoseValue, string? DoseUnit, decimal? TimesPerDay);
