using System.Text.Json;

namespace FhirAi.CdsHooks.Data;

/// <summary>What a prefetch key yielded: resources (possibly none), or a failure that makes the call a 412.</summary>
internal sealed record FetchOutcome(IReadOnlyList<JsonElement> Resources, string? Failure, string Origin)
{
    public bool Failed => Failure is not null;

    public static FetchOutcome Found(IReadOnlyList<JsonElement> resources, string origin) => new(resources, null, origin);

    public static FetchOutcome NoData(string origin) => new([], null, origin);

    public static FetchOutcome Fail(string failure, string origin) => new([], failure, origin);

    /// <summary>The resources of a prefetch value or response body: a Bundle's entry resources, or the resource itself.</summary>
    public static List<JsonElement> ResourcesOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var type = value.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "Bundle")
        {
            return type is null or "OperationOutcome" ? [] : [value];
        }

        var resources = new List<JsonElement>();
        if (value.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object
                    && resource.TryGetProperty("resourceType", out var rt) && rt.ValueKind == JsonValueKind.String && rt.GetString() != "OperationOutcome")
                {
                    resources.Add(resource);
                }
            }
        }

        return resources;
    }
}
