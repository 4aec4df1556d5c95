namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>Unit handling for doses: mass units to milligrams, and which units count product units (tablets, actuations).</summary>
internal static class DoseUnits
{
    /// <summary>Milligrams in <paramref name="value"/> of a UCUM or common mass unit (mg, g, ug, mcg, µg, ng), else null.</summary>
    public static decimal? ToMilligrams(decimal value, string? unit) => Normalise(unit) switch
    {
        "mg" => value,
        "g" => value * 1000m,
        "ug" or "mcg" or "µg" or "μg" => value / 1000m,
        "ng" => value / 1_000_000m,
        _ => null,
    };

    /// <summary>
    /// The product unit a count-type dose unit stands for (<c>{tbl}</c>, <c>mL</c>, <c>{actuat}</c>, <c>{device}</c>),
    /// or null when the unit is not a count or volume. A missing unit counts as one product unit (Synthea writes
    /// <c>doseQuantity.value = 1</c> without a unit).
    /// </summary>
    public static string? ProductUnit(string? unit) => Normalise(unit) switch
    {
        null or "" or "1" or "{unit}" => "*",
        "{tbl}" or "tbl" or "tab" or "tabs" or "tablet" or "tablets" or "{tablet}" or "{cap}" or "cap" or "caps" or "capsule"
            or "capsules" or "{capsule}" or "{pill}" or "pill" => "{tbl}",
        "ml" => "mL",
        "l" => "L",
        "{actuat}" or "actuat" or "{puff}" or "puff" or "puffs" or "spray" or "{spray}" => "{actuat}",
        _ => null,
    };

    private static string? Normalise(string? unit) => unit?.Trim().ToLowerInvariant();
}
