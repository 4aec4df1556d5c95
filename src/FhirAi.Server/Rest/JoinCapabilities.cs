using System.Text.Json.Nodes;
using FhirAi.Fhir.Search;

namespace FhirAi.Server.Rest;

/// <summary>
/// What the CapabilityStatement says of chaining, <c>_has</c>, <c>_include</c> and <c>_revinclude</c>.
/// R4 has no element for chains, so reference parameters say it in their documentation, and
/// <c>_has</c> is listed as a special parameter on every type some reference parameter can point at.
/// </summary>
internal static class JoinCapabilities
{
    public static readonly string ChainDocumentation =
        $" Chaining: '{{name}}.{{parameter}}' and '{{name}}:{{Type}}.{{parameter}}', up to {SearchCriteriaParser.MaxJoinSteps} steps;" +
        " without a type modifier every target type that has the chained parameter is searched.";

    public static IEnumerable<JsonNode> HasParameter(SearchCriteriaParser search, string type)
    {
        if (search.SupportedRevIncludes(type).Count == 0)
        {
            yield break;
        }

        yield return new JsonObject
        {
            ["name"] = "_has",
            ["type"] = "special",
            ["documentation"] = $"Reverse chaining: _has:Type:parameter:criterion, nestable, up to {SearchCriteriaParser.MaxJoinSteps} steps;" +
                " Type:parameter is any value of searchRevInclude.",
        };
    }

    /// <summary>searchInclude and searchRevInclude, each only when not empty (R4 forbids empty arrays).</summary>
    public static void AddIncludes(JsonObject resource, SearchCriteriaParser search, string type)
    {
        if (search.SupportedIncludes(type) is { Count: > 0 } includes)
        {
            resource["searchInclude"] = Values(includes);
        }

        if (search.SupportedRevIncludes(type) is { Count: > 0 } revIncludes)
        {
            resource["searchRevInclude"] = Values(revIncludes);
        }
    }

    private static JsonArray Values(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
