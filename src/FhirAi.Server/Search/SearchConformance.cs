using System.Text.Json.Nodes;
using FhirAi.Fhir.Definitions;

namespace FhirAi.Server.Search;

/// <summary>
/// What the CapabilityStatement says about search beyond the per-type parameters: system-level search
/// and its parameters, the compartments, the result parameters, and the $everything OperationDefinition
/// (conformance/OperationDefinition-Patient-everything.json, embedded at build).
/// </summary>
internal static class SearchConformance
{
    public const string EverythingUrl = "http://fhirai.org/fhir/OperationDefinition/Patient-everything";

    public const string ResultParameters =
        "Result parameters on every search: _sort (several keys, '-' for descending, on string, token, uri, reference, date, number and quantity " +
        "parameters, _id and _lastUpdated; missing values last), _count, _total (none | estimate | accurate; estimate counts on the first page only), " +
        "_summary (true | text | data | count | false) and _elements. Paging links (next, previous) carry an opaque, tamper-checked keyset cursor. " +
        "_text and _content match words by prefix (docs/search.md). Not supported: _list, _query, _contained, _containedType.";

    /// <summary>A fresh copy of the embedded OperationDefinition.</summary>
    public static JsonObject EverythingDefinition()
    {
        using var stream = typeof(SearchConformance).Assembly.GetManifestResourceStream("FhirAi.Server.OperationDefinition-Patient-everything.json")
            ?? throw new InvalidOperationException("The embedded OperationDefinition-Patient-everything.json is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>The compartments compartment search serves: every CompartmentDefinition of the package.</summary>
    public static JsonArray Compartments(FhirDefinitions definitions) =>
        new(definitions.Compartments.Select(c => (JsonNode)JsonValue.Create(c.Url)).ToArray());
}
