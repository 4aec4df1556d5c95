using System.Reflection;
using System.Text.Json.Nodes;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Json;
using FhirAi.Fhir.Search;
using FhirAi.Server.Configuration;
using FhirAi.Server.Models;
using FhirAi.Server.Reindex;
using FhirAi.Server.Search;
using Microsoft.Extensions.Options;

namespace FhirAi.Server.Rest;

/// <summary>
/// Builds the CapabilityStatement from what is really wired: every R4 resource type of the loaded
/// definitions, the interactions <see cref="FhirRoutes"/> maps, and exactly the search parameters
/// <see cref="SearchCriteriaParser"/> accepts, custom SearchParameters included once searchable.
/// </summary>
internal sealed class CapabilityStatementBuilder(
    FhirDefinitions definitions, SearchCriteriaParser search, IOptions<FhirServerOptions> options, TimeProvider time, InferenceStatus inference)
{
    private static readonly string[] TypeInteractions =
        ["read", "vread", "update", "patch", "delete", "history-instance", "history-type", "create", "search-type"];

    private volatile BuiltStatement? _built;

    /// <summary>Built on first use and again whenever the custom SearchParameters change.</summary>
    public JsonObject Statement
    {
        get
        {
            var version = definitions.CustomSearchParameters.Current.Version;
            var built = _built;
            if (built is null || built.CustomVersion != version)
            {
                built = new BuiltStatement(version, Build(definitions, search, options.Value, time, inference));
                _built = built;
            }

            return built.Statement;
        }
    }

    private static JsonArray SearchParams(SearchCriteriaParser search, string type) =>
        new(search.SupportedParameters(type).Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Definition.Code,
            ["definition"] = p.Definition.Url,
            ["type"] = p.Definition.Type.ToString().ToLowerInvariant(),
            ["documentation"] = (p.Modifiers.Count == 0
                ? "No modifiers; prefixes as the R4 search page defines them."
                : "Modifiers: " + string.Join(", ", p.Modifiers.Select(m => ":" + m)) + ".")
                + (p.Definition.Type == SearchParamType.Reference ? JoinCapabilities.ChainDocumentation : string.Empty),
        }).Concat(JoinCapabilities.HasParameter(search, type)).ToArray());

    private static JsonObject Build(FhirDefinitions definitions, SearchCriteriaParser search, FhirServerOptions options, TimeProvider time, InferenceStatus inference)
    {
        var version = typeof(CapabilityStatementBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
        var resources = new JsonArray();
        foreach (var type in definitions.ResourceTypes)
        {
            resources.Add(new JsonObject
            {
                ["type"] = type,
                ["profile"] = $"http://hl7.org/fhir/StructureDefinition/{type}",
                ["interaction"] = new JsonArray(TypeInteractions.Select(code => (JsonNode)new JsonObject { ["code"] = code }).ToArray()),
                ["versioning"] = "versioned-update",
                ["readHistory"] = true,
                ["updateCreate"] = true,
                ["conditionalCreate"] = true,
                ["conditionalRead"] = "full-support",
                ["conditionalUpdate"] = true,
                ["conditionalDelete"] = options.AllowMultipleConditionalDelete ? "multiple" : "single",
                ["searchParam"] = SearchParams(search, type),
                ["operation"] = new JsonArray(new JsonObject
                {
                    ["name"] = "validate",
                    ["definition"] = "http://hl7.org/fhir/OperationDefinition/Resource-validate",
                }, ReindexConformance.CapabilityEntry()),
            });
            JoinCapabilities.AddIncludes(resources[^1]!.AsObject(), search, type);
            if (type == "Library")
            {
                resources[^1]!["operation"]!.AsArray().Add(ModelOperations.EvaluateEntry(inference));
            }

            if (type == "Patient")
            {
                resources[^1]!["operation"]!.AsArray().Add(new JsonObject { ["name"] = "everything", ["definition"] = SearchConformance.EverythingUrl });
            }

            if (type == "MedicationRequest")
            {
                resources[^1]!["operation"]!.AsArray().Add(Medications.MedicationReviewOperations.InterpretEntry());
            }
        }

        return new JsonObject
        {
            ["resourceType"] = "CapabilityStatement",
            ["status"] = "active",
            ["date"] = ResourceStamper.FormatInstant(time.GetUtcNow()),
            ["publisher"] = "FhirAi",
            ["kind"] = "instance",
            ["software"] = new JsonObject { ["name"] = "FhirAi", ["version"] = version },
            ["implementation"] = new JsonObject { ["description"] = "FhirAi FHIR R4 server with clinical decision support" },
            ["fhirVersion"] = "4.0.1",
            ["format"] = new JsonArray("application/fhir+json", "json"),
            ["patchFormat"] = new JsonArray("application/json-patch+json"),
            ["rest"] = new JsonArray(new JsonObject
            {
                ["mode"] = "server",
                ["resource"] = resources,
                ["interaction"] = new JsonArray(
                    new JsonObject { ["code"] = "transaction" },
                    new JsonObject { ["code"] = "batch" },
                    new JsonObject { ["code"] = "history-system" },
                    new JsonObject { ["code"] = "search-system" }),
                ["documentation"] = SearchConformance.ResultParameters,
                ["searchParam"] = SearchParams(search, "Resource"),
                ["compartment"] = SearchConformance.Compartments(definitions),
                ["operation"] = new JsonArray(new JsonObject
                {
                    // FHIRPath Lab's convention; no HL7 OperationDefinition exists for it in R4.
                    ["name"] = "fhirpath",
                    ["definition"] = "http://fhirpath-lab.com/OperationDefinition/fhirpath",
                }, ReindexConformance.CapabilityEntry()),
            }),
        };
    }

    private sealed record BuiltStatement(int CustomVersion, JsonObject Statement);
}
