using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>The contained Device naming FhirAi, its version and the knowledge base version: the author of every output.</summary>
internal static class ReviewDevice
{
    public const string Id = "fhirai";

    public const string Reference = "#" + Id;

    public static JsonObject Create(OutputLanguage language, string softwareVersion, string knowledgeBaseVersion) => new()
    {
        ["resourceType"] = "Device",
        ["id"] = Id,
        ["status"] = "active",
        ["manufacturer"] = "FhirAi",
        ["deviceName"] = new JsonArray(new JsonObject
        {
            ["name"] = ReviewTexts.DeviceName.For(language),
            ["type"] = "user-friendly-name",
        }),
        ["type"] = new JsonObject { ["text"] = language == OutputLanguage.SimplifiedChinese ? "临床决策支持软件" : "Clinical decision support software" },
        ["version"] = new JsonArray(
            new JsonObject { ["type"] = new JsonObject { ["text"] = "FhirAi" }, ["value"] = softwareVersion },
            new JsonObject { ["type"] = new JsonObject { ["text"] = ReviewTexts.KnowledgeBase.For(language) }, ["value"] = knowledgeBaseVersion }),
    };

    /// <summary>XHTML narrative from plain paragraphs (escaped).</summary>
    public static JsonObject Narrative(IEnumerable<string> paragraphs) => new()
    {
        ["status"] = "generated",
        ["div"] = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + string.Concat(paragraphs.Select(p => "<p>" + Escape(p) + "</p>")) + "</div>",
    };

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
