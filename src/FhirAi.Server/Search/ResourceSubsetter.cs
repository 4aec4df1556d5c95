using System.Text.Json.Nodes;
using FhirAi.Fhir.Definitions;

namespace FhirAi.Server.Search;

/// <summary>
/// Cuts a stored resource down for <c>_summary</c> and <c>_elements</c>, by the base StructureDefinition
/// of its type: <c>true</c> keeps the elements marked isSummary (within backbone elements too),
/// <c>text</c> keeps text plus the mandatory top-level elements, <c>data</c> drops text, and
/// <c>_elements</c> keeps the named top-level elements. Mandatory (min ≥ 1) elements, <c>id</c> and
/// <c>meta</c> always stay, and <c>meta.tag</c> gains SUBSETTED, so the result still validates
/// and says it is not the whole resource.
/// </summary>
internal sealed class ResourceSubsetter(FhirDefinitions definitions)
{
    public const string SubsettedSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    public string Summary(string json, SummaryMode mode) => mode switch
    {
        SummaryMode.True => Subset(json, (element, _) => element.IsSummary || element.Min > 0, recurse: true),
        SummaryMode.Text => Subset(json, (element, name) => element.Min > 0 || name == "text", recurse: false),
        SummaryMode.Data => Subset(json, (_, name) => name != "text", recurse: false),
        _ => json,
    };

    public string Elements(string json, IReadOnlySet<string> elements) =>
        Subset(json, (element, name) => element.Min > 0 || elements.Contains(name) || elements.Contains(element.Name), recurse: false);

    private string Subset(string json, Func<ElementDefinitionInfo, string, bool> keep, bool recurse)
    {
        if (JsonNode.Parse(json) is not JsonObject resource || resource["resourceType"]?.GetValue<string>() is not { } typeName ||
            !definitions.TryGetType(typeName, out var type))
        {
            return json;
        }

        Filter(type, typeName, resource, keep, recurse, topLevel: true);
        Tag(resource);
        return resource.ToJsonString();
    }

    private static void Filter(TypeDefinition type, string path, JsonObject node, Func<ElementDefinitionInfo, string, bool> keep, bool recurse, bool topLevel)
    {
        foreach (var name in node.Select(p => p.Key).ToList())
        {
            if (topLevel && name is "resourceType" or "id" or "meta")
            {
                continue;
            }

            var elementName = name.StartsWith('_') ? name[1..] : name;
            if (!type.TryGetChild(path, elementName, out var child) || !keep(child.Element, elementName))
            {
                node.Remove(name);
                continue;
            }

            if (recurse && child.Element.HasInlineChildren && !name.StartsWith('_'))
            {
                var items = node[name] is JsonArray array ? array.OfType<JsonObject>() : node[name] is JsonObject single ? [single] : [];
                foreach (var item in items)
                {
                    Filter(type, child.Element.Path, item, keep, recurse, topLevel: false);
                }
            }
        }
    }

    private static void Tag(JsonObject resource)
    {
        if (resource["meta"] is not JsonObject meta)
        {
            meta = [];
            resource["meta"] = meta;
        }

        if (meta["tag"] is not JsonArray tags)
        {
            tags = [];
            meta["tag"] = tags;
        }

        if (!tags.OfType<JsonObject>().Any(t => t["code"]?.GetValue<string>() == "SUBSETTED"))
        {
            tags.Add(new JsonObject { ["system"] = SubsettedSystem, ["code"] = "SUBSETTED", ["display"] = "Resource encoded in summary mode" });
        }
    }
}
