using System.Collections.Frozen;
using FhirAi.Fhir.Definitions;

namespace FhirAi.Server.Search;

/// <summary>
/// Which date search parameter of the R4 package is a type's care date for <c>$everything</c>'s <c>start</c>/<c>end</c>
/// ("care dates, not record currency dates", OperationDefinition Patient-everything). By default a type's <c>date</c>
/// parameter, which R4 gives to most clinical types as their clinically relevant time (Observation.effective,
/// Encounter.period, Procedure.performed, …). The table below names the others; each is checked against the package and
/// dropped if the type does not define it as a date. Types with neither, and types outside the Patient compartment
/// (Practitioner, Organization, Medication, Location, …), have no care date and are always kept.
/// </summary>
internal static class CareDates
{
    /// <summary>Types whose care date is not their <c>date</c> parameter, or that have no <c>date</c>.</summary>
    private static readonly Dictionary<string, string?> Named = new(StringComparer.Ordinal)
    {
        // Demographics, not care: birthDate is never a care date.
        ["Patient"] = null,
        ["Person"] = null,
        ["RelatedPerson"] = null,
        // Its date is the dosage timing's events (often absent); when it was ordered is authoredOn.
        ["MedicationRequest"] = "authoredon",
        ["Account"] = "period",
        ["Basic"] = "created",
        ["ChargeItem"] = "occurrence",
        ["Claim"] = "created",
        ["ClaimResponse"] = "created",
        ["Communication"] = "sent",
        ["CommunicationRequest"] = "authored",
        ["Condition"] = "onset-date",
        ["CoverageEligibilityRequest"] = "created",
        ["CoverageEligibilityResponse"] = "created",
        ["DetectedIssue"] = "identified",
        ["DeviceRequest"] = "event-date",
        ["DocumentManifest"] = "created",
        ["ExplanationOfBenefit"] = "created",
        ["Goal"] = "start-date",
        ["ImagingStudy"] = "started",
        ["Media"] = "created",
        ["MedicationAdministration"] = "effective-time",
        ["MedicationDispense"] = "whenhandedover",
        ["MedicationStatement"] = "effective",
        ["NutritionOrder"] = "datetime",
        ["Provenance"] = "when",
        ["QuestionnaireResponse"] = "authored",
        ["RequestGroup"] = "authored",
        ["ServiceRequest"] = "authored",
        ["Specimen"] = "collected",
        ["VisionPrescription"] = "datewritten",
    };

    /// <summary>
    /// The care-date parameter of each of <paramref name="types"/> (the Patient compartment's) that has one. Only those:
    /// elsewhere <c>date</c> can mean something else (a Questionnaire's is its publication date).
    /// </summary>
    public static FrozenDictionary<string, string> ParameterByType(FhirDefinitions definitions, IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(types);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var code = Named.TryGetValue(type, out var named) ? named : "date";
            if (code is not null && definitions.TryGetSearchParameter(type, code, out var parameter) && parameter.Type == SearchParamType.Date)
            {
                map[type] = code;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
