using System.Text.Json.Nodes;
using FhirAi.Server.Rest;

namespace FhirAi.Server.Reindex;

/// <summary>The $reindex OperationDefinition as published in conformance/ (embedded at build) and its CapabilityStatement entry.</summary>
internal static class ReindexConformance
{
    public static IResult OperationDefinitionResult() => new JsonBodyResult(OperationDefinition());

    public static JsonObject OperationDefinition()
    {
        using var stream = typeof(ReindexConformance).Assembly.GetManifestResourceStream("FhirAi.Server.OperationDefinition-reindex.json")
            ?? throw new InvalidOperationException("The embedded OperationDefinition-reindex.json is missing from FhirAi.Server.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    public static JsonObject CapabilityEntry() => new()
    {
        ["name"] = "reindex",
        ["definition"] = ReindexEndpoints.OperationUrl,
        ["documentation"] = "Background re-extraction of the search index (all types, or one); progress at [base]/$reindex-status/[job]. " +
                            "A custom SearchParameter is listed under searchParam once a reindex over the type has completed.",
    };
}
