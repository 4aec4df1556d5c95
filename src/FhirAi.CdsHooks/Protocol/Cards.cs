using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FhirAi.CdsHooks.Protocol;

// The CDS Hooks 2.0.1 response objects (https://cds-hooks.hl7.org/2.0/#cds-service-response). Optional members are
// null and left out when written: the spec forbids null and empty JSON elements.

/// <summary>The service response: <c>cards</c> (possibly empty: no guidance) and no system actions.</summary>
internal sealed record CdsResponse([property: JsonPropertyName("cards")] IReadOnlyList<Card> Cards);

/// <summary>One card.</summary>
internal sealed record Card
{
    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    /// <summary>Under 140 characters (<see cref="CardText.Summary"/> enforces it).</summary>
    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    /// <summary>GitHub-flavoured Markdown.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary>info, warning or critical.</summary>
    [JsonPropertyName("indicator")]
    public required string Indicator { get; init; }

    [JsonPropertyName("source")]
    public required CardSource Source { get; init; }

    [JsonPropertyName("suggestions")]
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    /// <summary>at-most-one or any; present exactly when there are suggestions.</summary>
    [JsonPropertyName("selectionBehavior")]
    public string? SelectionBehavior { get; init; }

    [JsonPropertyName("overrideReasons")]
    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }

    [JsonPropertyName("links")]
    public IReadOnlyList<CardLink>? Links { get; init; }

    /// <summary>Namespaced extension: FhirAi's rule id and kind of the card, for feedback summaries.</summary>
    [JsonPropertyName("extension")]
    public JsonObject? Extension { get; init; }

    /// <summary>The card type feedback is summarised by: the rule id in <see cref="Extension"/>, else the source topic.</summary>
    [JsonIgnore]
    public string CardType =>
        Extension?["org.fhirai.cds"]?["rule"]?.GetValue<string>() is { Length: > 0 and <= 128 } rule ? rule : Source.Topic?.Code ?? "unknown";
}

internal sealed record CardSource
{
    [JsonPropertyName("label")]
    public required string Label { get; init; }

    /// <summary>An absolute URL to the evidence (the cited guideline or knowledge source).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("topic")]
    public CdsCoding? Topic { get; init; }
}

internal sealed record CdsCoding
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("system")]
    public required string System { get; init; }

    [JsonPropertyName("display")]
    public string? Display { get; init; }
}

internal sealed record Suggestion
{
    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    [JsonPropertyName("isRecommended")]
    public bool? IsRecommended { get; init; }

    [JsonPropertyName("actions")]
    public required IReadOnlyList<CardAction> Actions { get; init; }
}

/// <summary>create (with a new resource), update (the whole resource) or delete (with <c>resourceId</c>, never a resource).</summary>
internal sealed record CardAction
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("resource")]
    public JsonObject? Resource { get; init; }

    /// <summary>For delete: the relative reference of the draft order (<c>MedicationRequest/123</c>).</summary>
    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; init; }
}

internal sealed record CardLink
{
    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>absolute or smart; FhirAi only sends absolute links.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }
}
