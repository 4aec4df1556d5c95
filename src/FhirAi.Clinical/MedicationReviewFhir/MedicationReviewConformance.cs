using System.Text.Json.Nodes;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>The OperationDefinition of <c>MedicationRequest/$interpret</c>, as published in conformance/.</summary>
public static class MedicationReviewConformance
{
    public const string InterpretOperationId = "MedicationRequest-interpret";

    public const string InterpretOperationUrl = "http://fhirai.org/fhir/OperationDefinition/" + InterpretOperationId;

    /// <summary>A fresh copy of conformance/OperationDefinition-MedicationRequest-interpret.json (embedded at build).</summary>
    public static JsonObject InterpretOperationDefinition()
    {
        using var stream = typeof(MedicationReviewConformance).Assembly.GetManifestResourceStream("FhirAi.Clinical.OperationDefinition-MedicationRequest-interpret.json")
            ?? throw new InvalidOperationException("The embedded OperationDefinition-MedicationRequest-interpret.json is missing from FhirAi.Clinical.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
