using System.Text.Json;
using System.Text.RegularExpressions;

namespace FhirAi.Clinical.Reports;

/// <summary>Yes/no facts of the record that risk models need: smoking status, diabetes, blood-pressure and statin treatment.</summary>
internal static partial class RecordFacts
{
    private static readonly HashSet<string> ActiveClinical = new(StringComparer.Ordinal) { "active", "recurrence", "relapse" };
    private static readonly HashSet<string> RefutedVerification = new(StringComparer.Ordinal) { "refuted", "entered-in-error" };

    /// <summary>Current smoker (true), former/never (false), or null when no usable smoking-status Observation is recorded.</summary>
    public static (bool? Value, string? Source) Smoker(RecordIndex record, DateTimeOffset asOf, DateTimeOffset notBefore)
    {
        var latest = record.Latest([RecordCodeSets.SmokingStatusLoinc], asOf, notBefore,
            r => r.CodedValue is { } c && c.System == FhirJson.Snomed && (RecordCodeSets.CurrentSmoker.Contains(c.Code) || RecordCodeSets.NotCurrentSmoker.Contains(c.Code)));
        return latest?.CodedValue is { } code ? (RecordCodeSets.CurrentSmoker.Contains(code.Code), latest.Reference) : (null, null);
    }

    /// <summary>The diabetes Conditions recorded (active or without a clinical status, not refuted, with onset at or before <paramref name="asOf"/>).</summary>
    public static IReadOnlyList<string> DiabetesConditions(RecordIndex record, DateTimeOffset asOf) =>
        record.Conditions.Where(c => IsCurrentCondition(c.Resource, asOf) && IsDiabetes(c.Resource)).Select(c => c.Reference).ToList();

    /// <summary>
    /// The active MedicationRequests of a drug class, matched by ATC prefix: of an ATC coding, or of an RxNorm code the drug
    /// knowledge base maps (when one is given); else by ingredient name in the medication's text or displays.
    /// </summary>
    public static IReadOnlyList<string> ActiveMedications(
        RecordIndex record, DateTimeOffset asOf, string[] atcPrefixes, IReadOnlySet<string> ingredients, Medications.DrugKnowledgeBase? drugs = null) =>
        record.MedicationRequests
            .Where(m => FhirJson.String(m.Resource, "status") == "active"
                && (FhirJson.DateTime(FhirJson.String(m.Resource, "authoredOn")) is not { } authored || authored <= asOf)
                && MatchesClass(FhirJson.Property(m.Resource, "medicationCodeableConcept"), atcPrefixes, ingredients, drugs))
            .Select(m => m.Reference)
            .ToList();

    private static bool IsCurrentCondition(JsonElement condition, DateTimeOffset asOf)
    {
        var clinical = FhirJson.Code(FhirJson.Property(condition, "clinicalStatus"), "http://terminology.hl7.org/CodeSystem/condition-clinical");
        var verification = FhirJson.Code(FhirJson.Property(condition, "verificationStatus"), "http://terminology.hl7.org/CodeSystem/condition-ver-status");
        var onset = FhirJson.DateTime(FhirJson.String(condition, "onsetDateTime")) ?? FhirJson.DateTime(FhirJson.String(condition, "recordedDate"));
        return (clinical is null || ActiveClinical.Contains(clinical))
            && (verification is null || !RefutedVerification.Contains(verification))
            && (onset is null || onset <= asOf);
    }

    private static bool IsDiabetes(JsonElement condition)
    {
        var code = FhirJson.Property(condition, "code");
        return FhirJson.HasCode(code, FhirJson.Snomed, RecordCodeSets.DiabetesSnomed)
            || FhirJson.Codings(code).Any(c => c.System == RecordCodeSets.Icd10CmSystem && c.Code is { } icd
                && RecordCodeSets.DiabetesIcd10Prefixes.Any(p => icd.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool MatchesClass(JsonElement? medication, string[] atcPrefixes, IReadOnlySet<string> ingredients, Medications.DrugKnowledgeBase? drugs)
    {
        if (medication is not { } concept)
        {
            return false;
        }

        var codings = FhirJson.Codings(concept).ToList();
        if (codings.Any(c => c.System == RecordCodeSets.AtcSystem && c.Code is { } atc && atcPrefixes.Any(p => atc.StartsWith(p, StringComparison.Ordinal))))
        {
            return true;
        }

        if (drugs is not null && codings.Any(c => c.System is { } system && Medications.Knowledge.MedicationResolver.IsRxNorm(system) && c.Code is { } code
            && drugs.AtcCodesOf(code).Any(atc => atcPrefixes.Any(p => atc.StartsWith(p, StringComparison.Ordinal)))))
        {
            return true;
        }

        var names = codings.Select(c => c.Display).Append(FhirJson.String(concept, "text"));
        return names.Any(name => name is not null && Words().Matches(name).Any(w => ingredients.Contains(w.Value)));
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Words();
}
