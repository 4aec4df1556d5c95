using System.Text.Json;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// AllergyIntolerance JSON → <see cref="AllergyEntry"/>, only for allergies that still count: clinicalStatus absent
/// or active (not inactive or resolved), and verificationStatus absent or neither refuted nor entered-in-error.
/// </summary>
public static class AllergyEntryReader
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    /// <summary>The allergy, or null when it is inactive, resolved, refuted or entered in error, or names no substance.</summary>
    public static AllergyEntry? Read(JsonElement resource, string reference)
    {
        if (JsonRead.String(resource, "resourceType") != "AllergyIntolerance" || !Counts(resource))
        {
            return null;
        }

        var code = JsonRead.Property(resource, "code");
        var codes = code is { } concept ? MedicationEntryReader.CodesOf(concept) : [];
        var text = code is { } named ? MedicationEntryReader.TextOf(named) : null;
        if (codes.Count == 0 && text is null)
        {
            return null;
        }

        return new AllergyEntry { Reference = reference, Codes = codes, Text = text, Criticality = JsonRead.String(resource, "criticality") };
    }

    /// <summary>True unless the allergy is inactive, resolved, refuted or entered in error.</summary>
    public static bool Counts(JsonElement resource)
    {
        var clinical = JsonRead.Property(resource, "clinicalStatus");
        if (clinical is not null && !JsonRead.HasCode(clinical, ClinicalSystem, "active") && JsonRead.Codings(clinical.Value).Any())
        {
            return false;
        }

        return !JsonRead.HasCode(JsonRead.Property(resource, "verificationStatus"), VerificationSystem, "refuted", "entered-in-error");
    }
}
