using System.Text.Json.Nodes;
using FhirAi.Clinical.MedicationReviewFhir;

namespace FhirAi.Server.Medications;

/// <summary>The CapabilityStatement's entry for <c>MedicationRequest/$interpret</c>.</summary>
internal static class MedicationReviewOperations
{
    public static JsonObject InterpretEntry() => new()
    {
        ["name"] = "interpret",
        ["definition"] = MedicationReviewConformance.InterpretOperationUrl,
        ["documentation"] = "Medication review (decision support): interactions, duplicate therapy, allergies, renal dose limits, " +
            "dose range and AGS Beers 2023 for a stored order (instance) or proposed orders in a Parameters (type); one DetectedIssue per finding and a Provenance.",
    };
}
