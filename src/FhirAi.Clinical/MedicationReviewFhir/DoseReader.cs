using System.Text.Json;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// The first dosageInstruction (MedicationRequest) or dosage (MedicationStatement) → dose and times per day.
/// The dose is <c>doseAndRate[0].doseQuantity</c> (or the high end of <c>doseRange</c>), in its UCUM code when the
/// system is UCUM, else its unit text; times per day come from <c>timing.repeat</c> (frequencyMax or frequency over
/// periodMax or period in days, or the number of timeOfDay/when entries per day) or else <c>timing.code</c>.
/// The maximum of a range is used so that a dose-range check sees the most that may be given.
/// </summary>
internal static class DoseReader
{
    private const string Ucum = "http://unitsofmeasure.org";

    // v3-GTSAbbreviation codes with a fixed number of administrations per day.
    private static readonly Dictionary<string, decimal> TimingCodes = new(StringComparer.Ordinal)
    {
        ["QD"] = 1m, ["AM"] = 1m, ["PM"] = 1m, ["BID"] = 2m, ["TID"] = 3m, ["QID"] = 4m, ["QOD"] = 0.5m,
        ["Q4H"] = 6m, ["Q6H"] = 4m, ["Q8H"] = 3m, ["Q12H"] = 2m,
    };

    public static DoseInstruction? Read(JsonElement resource)
    {
        var dosage = JsonRead.Array(resource, "dosageInstruction").Concat(JsonRead.Array(resource, "dosage")).Cast<JsonElement?>().FirstOrDefault();
        if (dosage is not { } instruction)
        {
            return null;
        }

        decimal? value = null;
        string? unit = null;
        if (JsonRead.Array(instruction, "doseAndRate").Cast<JsonElement?>().FirstOrDefault() is { } doseAndRate)
        {
            var quantity = JsonRead.Property(doseAndRate, "doseQuantity")
                ?? (JsonRead.Property(doseAndRate, "doseRange") is { } range ? JsonRead.Property(range, "high") : null);
            if (quantity is { } dose)
            {
                value = JsonRead.Decimal(dose, "value");
                unit = JsonRead.String(dose, "system") == Ucum && JsonRead.String(dose, "code") is { Length: > 0 } code
                    ? code
                    : JsonRead.String(dose, "unit") ?? JsonRead.String(dose, "code");
            }
        }

        var timesPerDay = JsonRead.Property(instruction, "timing") is { } timing ? TimesPerDay(timing) : null;
        return value is null && unit is null && timesPerDay is null ? null : new DoseInstruction(value, unit, timesPerDay);
    }

    internal static decimal? TimesPerDay(JsonElement timing)
    {
        if (JsonRead.Property(timing, "repeat") is { } repeat)
        {
            var frequency = JsonRead.Decimal(repeat, "frequencyMax") ?? JsonRead.Decimal(repeat, "frequency");
            var period = JsonRead.Decimal(repeat, "period");
            var perDay = PeriodsPerDay(JsonRead.String(repeat, "periodUnit"));
            if (frequency is > 0m && period is > 0m && perDay is > 0m)
            {
                // The shortest period (period, not periodMax) gives the most administrations per day.
                return Math.Round(frequency.Value * perDay.Value / period.Value, 10);
            }

            var times = JsonRead.Array(repeat, "timeOfDay").Count() + JsonRead.Array(repeat, "when").Count();
            if (times > 0 && (period is null || (period == 1m && perDay == 1m)))
            {
                return times;
            }
        }

        return JsonRead.Property(timing, "code") is { } code
            ? JsonRead.Codings(code).Select(c => TimingCodes.TryGetValue(c.Code, out var n) ? n : (decimal?)null).FirstOrDefault(n => n is not null)
            : null;
    }

    /// <summary>How many of the UCUM period unit fit in a day (a month counted as 30 days, a year as 365).</summary>
    private static decimal? PeriodsPerDay(string? unit) => unit switch
    {
        "s" => 86400m,
        "min" => 1440m,
        "h" => 24m,
        "d" => 1m,
        "wk" => 1m / 7m,
        "mo" => 1m / 30m,
        "a" => 1m / 365m,
        _ => null,
    };
}
