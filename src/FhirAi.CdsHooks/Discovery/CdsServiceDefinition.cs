using System.Text.Json.Serialization;

namespace FhirAi.CdsHooks.Discovery;

/// <summary>One entry of the discovery document (https://cds-hooks.hl7.org/2.0/#response).</summary>
internal sealed record CdsServiceDefinition
{
    [JsonPropertyName("hook")]
    public required string Hook { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Prefetch key → FHIR query template with <c>{{context.x}}</c> tokens.</summary>
    [JsonPropertyName("prefetch")]
    public required IReadOnlyDictionary<string, string> Prefetch { get; init; }

    [JsonPropertyName("usageRequirements")]
    public string? UsageRequirements { get; init; }
}
