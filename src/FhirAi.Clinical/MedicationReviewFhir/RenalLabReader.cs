using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;
using FhirAi.Clinical.Renal;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// The patient's latest renal function from lab Observations: the latest eGFR (LOINC 33914-3, 62238-1, 98979-8,
/// 48642-3, 48643-1, 50044-7, 69405-9) in mL/min/1.73 m², unless a serum creatinine (2160-0, 38483-4) is more
/// recent, in which case eGFR is computed from it with CKD-EPI 2021 (age at the sample and sex). Observations
/// that are cancelled, entered in error or without a usable value and time are skipped.
/// </summary>
public static class RenalLabReader
{
    private const string Loinc = "http://loinc.org";

    public static readonly string[] EgfrCodes = ["33914-3", "62238-1", "98979-8", "48642-3", "48643-1", "50044-7", "69405-9"];

    public static readonly string[] CreatinineCodes = ["2160-0", "38483-4"];

    /// <summary>One candidate Observation and its reference.</summary>
    public sealed record Candidate(JsonElement Observation, string Reference);

    /// <summary>The latest renal function, or null when no usable eGFR or (with birth date and sex) creatinine exists.</summary>
    public static RenalFunction? Latest(IEnumerable<Candidate> observations, ReviewPatient patient)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(patient);
        (DateTimeOffset When, decimal Egfr, string Reference)? egfr = null;
        (DateTimeOffset When, decimal MgDl, string Reference)? creatinine = null;
        foreach (var (observation, reference) in observations)
        {
            if (!Usable(observation) || WhenOf(observation) is not { } when || JsonRead.Property(observation, "valueQuantity") is not { } quantity
                || JsonRead.Decimal(quantity, "value") is not { } value || value <= 0)
            {
                continue;
            }

            var code = JsonRead.Property(observation, "code");
            var unit = JsonRead.String(quantity, "code") ?? JsonRead.String(quantity, "unit");
            if (JsonRead.HasCode(code, Loinc, EgfrCodes) && IsEgfrUnit(unit) && (egfr is null || when > egfr.Value.When))
            {
                egfr = (when, value, reference);
            }
            else if (JsonRead.HasCode(code, Loinc, CreatinineCodes) && CreatinineMgDl(value, unit) is { } mgDl
                && (creatinine is null || when > creatinine.Value.When))
            {
                creatinine = (when, mgDl, reference);
            }
        }

        if (creatinine is { } scr && (egfr is null || scr.When > egfr.Value.When) && patient.BirthDate is { } born
            && ReviewPatient.AgeAt(born, scr.When) is { } age
            && CkdEpi2021Creatinine.Egfr((double)scr.MgDl, age, patient.Sex) is { } computed)
        {
            return new RenalFunction(Math.Round((decimal)computed, 1), scr.Reference, Computed: true);
        }

        return egfr is { } latest ? new RenalFunction(latest.Egfr, latest.Reference, Computed: false) : null;
    }

    /// <summary>True for an Observation that may be relied on: final, amended, corrected or preliminary.</summary>
    private static bool Usable(JsonElement observation) =>
        JsonRead.String(observation, "resourceType") == "Observation"
        && JsonRead.String(observation, "status") is "final" or "amended" or "corrected" or "preliminary";

    private static DateTimeOffset? WhenOf(JsonElement observation) =>
        JsonRead.Instant(JsonRead.String(observation, "effectiveDateTime"))
        ?? JsonRead.Instant(JsonRead.String(observation, "effectiveInstant"))
        ?? (JsonRead.Property(observation, "effectivePeriod") is { } period
            ? JsonRead.Instant(JsonRead.String(period, "end")) ?? JsonRead.Instant(JsonRead.String(period, "start"))
            : null)
        ?? JsonRead.Instant(JsonRead.String(observation, "issued"));

    // eGFR is reported per 1.73 m² (mL/min/{1.73_m2}); a bare mL/min is a clearance, not an eGFR, and is skipped.
    private static bool IsEgfrUnit(string? unit) =>
        unit is null || (unit.StartsWith("mL/min", StringComparison.OrdinalIgnoreCase) && unit.Contains("1.73", StringComparison.Ordinal));

    private static decimal? CreatinineMgDl(decimal value, string? unit) => unit switch
    {
        "mg/dL" => value,
        "umol/L" or "µmol/L" => value / (decimal)CkdEpi2021Creatinine.MicromolPerLitrePerMgDl,
        "mmol/L" => value * 1000m / (decimal)CkdEpi2021Creatinine.MicromolPerLitrePerMgDl,
        _ => null,
    };
}
