namespace FhirAi.Clinical.Labs;

/// <summary>
/// Unit conversion for one test: any accepted UCUM unit to the canonical one (value × factor) and between accepted units.
/// Units match exactly, else case-insensitively when that is unambiguous ("mg/dl" for "mg/dL"); a missing unit is accepted
/// only where the test lists the dimensionless unit "1". Anything else is unknown: no guessing.
/// </summary>
public static class LabUnits
{
    /// <summary>Converts <paramref name="value"/> in <paramref name="unit"/> to the test's canonical unit, or null when the unit is not accepted.</summary>
    public static decimal? ToCanonical(LabTest test, decimal value, string? unit)
    {
        ArgumentNullException.ThrowIfNull(test);
        return FactorOf(test, unit) is { } factor ? value * factor : null;
    }

    /// <summary>Converts between two accepted units of the same test (for example glucose mg/dL → mmol/L), or null when either is not accepted.</summary>
    public static decimal? Convert(LabTest test, decimal value, string? fromUnit, string? toUnit)
    {
        ArgumentNullException.ThrowIfNull(test);
        return FactorOf(test, fromUnit) is { } from && FactorOf(test, toUnit) is { } to ? value * from / to : null;
    }

    /// <summary>The factor from <paramref name="unit"/> to the canonical unit, or null when the unit is not accepted.</summary>
    public static decimal? FactorOf(LabTest test, string? unit)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (string.IsNullOrWhiteSpace(unit))
        {
            return test.Units.FirstOrDefault(u => u.Unit == "1")?.Factor;
        }

        var trimmed = unit.Trim();
        if (trimmed == test.CanonicalUnit)
        {
            return 1m;
        }

        if (test.Units.FirstOrDefault(u => u.Unit == trimmed) is { } exact)
        {
            return exact.Factor;
        }

        var folded = test.Units.Where(u => string.Equals(u.Unit, trimmed, StringComparison.OrdinalIgnoreCase)).Select(u => u.Factor).ToList();
        if (string.Equals(test.CanonicalUnit, trimmed, StringComparison.OrdinalIgnoreCase))
        {
            folded.Add(1m);
        }

        return folded.Count > 0 && folded.All(f => f == folded[0]) ? folded[0] : null;
    }
}
