using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Milligrams per day of one ingredient from an entry's dose and frequency: a mass dose (mg, g, ug/mcg) is taken as
/// is for single-ingredient entries; a count dose (tablet, capsule, actuation, or no unit) or a volume dose (mL) is
/// multiplied by the product's strength per unit. Null when anything needed is missing or ambiguous.
/// </summary>
internal static class DailyDose
{
    public static decimal? Milligrams(ResolvedMedication medication, string ingredientId)
    {
        if (medication.Entry.Dose is not { DoseValue: { } value, TimesPerDay: { } timesPerDay } dose || value <= 0 || timesPerDay <= 0)
        {
            return null;
        }

        var perAdministration = PerAdministration(medication, ingredientId, value, dose.DoseUnit);
        return perAdministration * timesPerDay;
    }

    /// <summary>True when the maximum-dose route (if any) applies to this entry's product route.</summary>
    public static bool RouteApplies(ResolvedMedication medication, string? route) =>
        route is null || medication.Route is null || string.Equals(medication.Route, route, StringComparison.OrdinalIgnoreCase);

    private static decimal? PerAdministration(ResolvedMedication medication, string ingredientId, decimal value, string? unit)
    {
        if (DoseUnits.ToMilligrams(value, unit) is { } milligrams)
        {
            return medication.Ingredients.Count == 1 ? milligrams : null;
        }

        var productUnit = DoseUnits.ProductUnit(unit);
        var strength = medication.Product?.Components.FirstOrDefault(c => c.Ingredient == ingredientId)?.Strength;
        if (productUnit is null || strength is null)
        {
            return null;
        }

        var units = productUnit switch
        {
            "*" when strength.PerUnit is "{tbl}" or "{actuat}" => value,
            "L" when strength.PerUnit == "mL" => value * 1000m,
            _ when productUnit == strength.PerUnit => value,
            _ => (decimal?)null,
        };
        return units is null ? null : units.Value / strength.PerValue * DoseUnits.ToMilligrams(strength.Value, strength.Unit)!.Value;
    }
}
