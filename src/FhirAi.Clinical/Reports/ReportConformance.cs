using System.Text.Json.Nodes;

namespace FhirAi.Clinical.Reports;

/// <summary>The conformance resources of report interpretation, as published in conformance/.</summary>
public static class ReportConformance
{
    public const string InterpretOperationId = "DiagnosticReport-interpret";

    public const string InterpretOperationUrl = "http://fhirai.org/fhir/OperationDefinition/" + InterpretOperationId;

    /// <summary>Extension on a GuidanceResponse <c>dataRequirement</c>: the model (valueCanonical Library url|version) the data is for.</summary>
    public const string ModelExtensionUrl = "http://fhirai.org/fhir/StructureDefinition/model";

    /// <summary>A fresh copy of conformance/OperationDefinition-DiagnosticReport-interpret.json (embedded at build).</summary>
    public static JsonObject InterpretOperationDefinition()
    {
        using var stream = typeof(ReportConformance).Assembly.GetManifestResourceStream("FhirAi.Clinical.OperationDefinition-DiagnosticReport-interpret.json")
            ?? throw new InvalidOperationException("The embedded OperationDefinition-DiagnosticReport-interpret.json is missing from FhirAi.Clinical.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
