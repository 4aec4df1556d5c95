using System.Text.Json.Nodes;
using FhirAi.Fhir.Json;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// The Provenance of one review: targets are the DetectedIssues written (or, when none, the proposed orders
/// reviewed), the agent is FhirAi as a contained Device carrying its version and the knowledge base version, and
/// every input used (patient, proposed and current medications, allergies, renal lab) is an entity of role source.
/// </summary>
internal static class ReviewProvenanceWriter
{
    public static JsonObject Write(
        string id, IReadOnlyList<string> targets, IReadOnlyList<string> inputs, string knowledgeBaseVersion, ReviewOutputSettings settings, string summary)
    {
        var language = settings.Language;
        return new JsonObject
        {
            ["resourceType"] = "Provenance",
            ["id"] = id,
            ["language"] = FhirAi.Clinical.Common.OutputLanguages.Tag(language),
            ["text"] = ReviewDevice.Narrative([ReviewTexts.ReviewActivity.For(language), summary]),
            ["contained"] = new JsonArray(ReviewDevice.Create(language, settings.SoftwareVersion, knowledgeBaseVersion)),
            ["target"] = new JsonArray([.. targets.Select(t => (JsonNode)ReviewReferences.ToJson(t))]),
            ["recorded"] = ResourceStamper.FormatInstant(settings.Now),
            ["activity"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject
                {
                    ["system"] = "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                    ["code"] = "CREATE",
                    ["display"] = "create",
                }),
                ["text"] = ReviewTexts.ReviewActivity.For(language),
            },
            ["agent"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonObject
                {
                    ["coding"] = new JsonArray(new JsonObject
                    {
                        ["system"] = "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                        ["code"] = "assembler",
                        ["display"] = "Assembler",
                    }),
                },
                ["who"] = new JsonObject { ["reference"] = ReviewDevice.Reference },
            }),
            ["entity"] = new JsonArray([.. inputs.Distinct(StringComparer.Ordinal).Select(input => (JsonNode)new JsonObject
            {
                ["role"] = "source",
                ["what"] = ReviewReferences.ToJson(input),
            })]),
        };
    }
}
