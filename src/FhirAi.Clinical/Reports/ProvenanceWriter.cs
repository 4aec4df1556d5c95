using System.Text.Json.Nodes;
using FhirAi.Fhir.Json;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The Provenance of an interpretation: targets the report and every new resource; the agent names FhirAi's version;
/// the entities are every input used (results, history, patient, conditions, medications), the lab knowledge base
/// version and each model run with its version.
/// </summary>
internal static class ProvenanceWriter
{
    public static JsonObject Write(
        string id, IEnumerable<string> targets, DateTimeOffset now, string softwareVersion, string knowledgeBaseVersion,
        IEnumerable<RiskRun> ran, IEnumerable<string> inputs)
    {
        var entities = new JsonArray();
        foreach (var input in inputs.Distinct(StringComparer.Ordinal))
        {
            entities.Add(new JsonObject { ["role"] = "source", ["what"] = InterpretationCodes.Reference(input) });
        }

        entities.Add(new JsonObject
        {
            ["role"] = "source",
            ["what"] = new JsonObject
            {
                ["identifier"] = new JsonObject { ["system"] = InterpretationCodes.KnowledgeBaseSystem, ["value"] = knowledgeBaseVersion },
                ["display"] = $"FhirAi lab knowledge base {knowledgeBaseVersion}",
            },
        });
        foreach (var run in ran)
        {
            entities.Add(new JsonObject
            {
                ["role"] = "source",
                ["what"] = new JsonObject { ["reference"] = $"Library/{run.Model.Id}", ["display"] = $"model {run.Model.Id} {run.Model.Version}" },
            });
        }

        return new JsonObject
        {
            ["resourceType"] = "Provenance",
            ["id"] = id,
            ["target"] = new JsonArray([.. targets.Distinct(StringComparer.Ordinal).Select(t => (JsonNode)InterpretationCodes.Reference(t))]),
            ["recorded"] = ResourceStamper.FormatInstant(now),
            ["agent"] = new JsonArray(new JsonObject
            {
                ["type"] = InterpretationCodes.Concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler"),
                ["who"] = new JsonObject { ["display"] = $"FhirAi {softwareVersion} ($interpret, decision support)" },
            }),
            ["entity"] = entities,
        };
    }
}
