using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Reports;

/// <summary>Codes and small JSON shapes shared by the output writers.</summary>
internal static class InterpretationCodes
{
    public const string InterpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ModelSystem = "http://fhirai.org/fhir/model";
    public const string KnowledgeBaseSystem = "http://fhirai.org/fhir/lab-knowledge";

    public static string Display(string flag) => flag switch
    {
        "N" => "Normal",
        "L" => "Low",
        "H" => "High",
        "LL" => "Critical low",
        "HH" => "Critical high",
        "A" => "Abnormal",
        "AA" => "Critical abnormal",
        "U" => "Significant change up",
        "D" => "Significant change down",
        _ => flag,
    };

    public static bool IsCritical(string? flag) => flag is "HH" or "LL" or "AA";

    public static JsonObject Concept(string system, string code, string? display, string? text = null)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        var concept = new JsonObject { ["coding"] = new JsonArray(coding) };
        if (text is not null)
        {
            concept["text"] = text;
        }

        return concept;
    }

    public static JsonObject Concept(CodedConcept code) => Concept(code.System, code.Code, code.Display);

    public static JsonObject Reference(string reference) => new() { ["reference"] = reference };

    public static JsonObject Note(string text) => new() { ["text"] = text };
}
