using System.Text.Json.Nodes;

namespace FhirAi.CdsHooks.Tests.Conformance;

/// <summary>
/// Checks a CDS service response against the service-side SHALL rows of the CDS Hooks 2.0 requirement list
/// (crd-test-kit/requirements/cds-hooks_2.0_requirements.sheet2.csv) that a response can show. Each check is keyed by
/// its row ID; <see cref="Exercised"/> records the rows a response actually gave something to check (a delete action
/// for row 133, …), so a test can require that every row was met at least once.
/// </summary>
internal sealed class CdsResponseRules
{
    /// <summary>Rows this class checks on responses.</summary>
    public static readonly IReadOnlySet<int> Rows = new HashSet<int>
    {
        3, 74, 75, 80, 83, 85, 87, 88, 90, 92, 93, 95, 96, 98, 100, 103, 105, 107, 111, 115, 117, 119, 121, 124,
        127, 128, 130, 131, 132, 133, 134, 135, 136, 138, 139, 141, 142, 144, 147, 214, 216, 217, 218, 219, 220,
    };

    private static readonly string[] Indicators = ["info", "warning", "critical"];

    public List<string> Violations { get; } = [];

    public HashSet<int> Exercised { get; } = [];

    public void Check(JsonObject response, string what)
    {
        Rule(74, response["cards"] is JsonArray, what, "a 200 response is an object with a cards array");
        if (response.ContainsKey("systemActions"))
        {
            Rule(75, response["systemActions"] is JsonArray, what, "systemActions, when present, is an array");
        }

        NoNullOrEmpty(response, what, "$");
        foreach (var (card, i) in (response["cards"] as JsonArray ?? []).Select((c, i) => (c as JsonObject, i)))
        {
            var at = $"{what} cards[{i}]";
            if (card is null)
            {
                Violations.Add($"{at}: not an object");
                continue;
            }

            Card(card, at);
        }
    }

    private void Card(JsonObject card, string at)
    {
        if (card.ContainsKey("uuid"))
        {
            Rule(80, IsString(card["uuid"]), at, "uuid is a string");
        }

        Rule(83, IsString(card["summary"]) && ((string)card["summary"]!).Length < 140, at, "summary is a string under 140 characters");
        if (card.ContainsKey("detail"))
        {
            Rule(85, IsString(card["detail"]), at, "detail is a (Markdown) string");
        }

        Rule(87, IsString(card["indicator"]), at, "indicator is present, a string");
        Rule(88, Indicators.Contains((string?)card["indicator"]), at, "indicator is info, warning or critical");
        Rule(90, card["source"] is JsonObject, at, "source is an object");
        if (card["source"] is JsonObject source)
        {
            Rule(105, IsString(source["label"]), at, "source.label is a string");
            if (source.ContainsKey("url"))
            {
                Rule(107, IsAbsolute(source["url"]), at, "source.url is an absolute URL");
            }

            if (source.ContainsKey("icon"))
            {
                Rule(111, IsAbsolute(source["icon"]), at, "source.icon is an absolute URL");
            }

            if (source["topic"] is { } topic)
            {
                Rule(115, topic is JsonObject, at, "source.topic is a Coding");
                Coding(topic as JsonObject, at + " source.topic", overrideReason: false);
            }
        }

        if (card.ContainsKey("suggestions"))
        {
            Rule(92, card["suggestions"] is JsonArray, at, "suggestions is an array");
            Rule(93, card.ContainsKey("selectionBehavior"), at, "selectionBehavior is given with suggestions");
            Rule(96, IsString(card["selectionBehavior"]), at, "selectionBehavior is a string");
            Rule(95, (string?)card["selectionBehavior"] is "at-most-one" or "any", at, "selectionBehavior is at-most-one or any");
            foreach (var suggestion in (card["suggestions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Suggestion(suggestion, at);
            }
        }

        if (card.ContainsKey("overrideReasons"))
        {
            Rule(98, card["overrideReasons"] is JsonArray, at, "overrideReasons is an array of Codings");
            foreach (var reason in card["overrideReasons"] as JsonArray ?? [])
            {
                Coding(reason as JsonObject, at + " overrideReason", overrideReason: true);
            }
        }

        if (card.ContainsKey("links"))
        {
            Rule(103, card["links"] is JsonArray, at, "links is an array");
            foreach (var link in (card["links"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Rule(138, IsString(link["label"]), at, "link.label is a string");
                Rule(139, IsAbsolute(link["url"]), at, "link.url is a URL");
                Rule(141, IsString(link["type"]), at, "link.type is a string");
                Rule(142, (string?)link["type"] is "absolute" or "smart", at, "link.type is absolute or smart");
                if (link.ContainsKey("appContext"))
                {
                    Rule(144, IsString(link["appContext"]), at, "link.appContext is a string");
                }

                if ((string?)link["type"] == "absolute")
                {
                    Rule(147, !link.ContainsKey("appContext"), at, "an absolute link has no appContext");
                }
            }
        }

        if (card.ContainsKey("extension"))
        {
            Rule(214, card["extension"] is JsonObject extension && extension.All(e => e.Value is JsonObject), at, "extension values are JSON objects");
        }
    }

    private void Suggestion(JsonObject suggestion, string at)
    {
        Rule(117, IsString(suggestion["label"]), at, "suggestion.label is a string");
        if (suggestion.ContainsKey("uuid"))
        {
            Rule(119, IsString(suggestion["uuid"]), at, "suggestion.uuid is a string");
        }

        if (suggestion.ContainsKey("isRecommended"))
        {
            Rule(121, suggestion["isRecommended"]?.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False, at, "isRecommended is a boolean");
        }

        if (suggestion.ContainsKey("actions"))
        {
            Rule(124, suggestion["actions"] is JsonArray, at, "actions is an array");
            foreach (var action in (suggestion["actions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var type = (string?)action["type"];
                Rule(127, type is "create" or "update" or "delete", at, "action.type is create, update or delete");
                Rule(128, IsString(action["description"]), at, "action.description is a string");
                if (action.ContainsKey("resource"))
                {
                    Rule(130, action["resource"] is JsonObject r && IsString(r["resourceType"]), at, "action.resource is a FHIR resource");
                }

                if (type == "create")
                {
                    Rule(131, action["resource"] is JsonObject, at, "a create action carries the new resource");
                }

                if (type == "update")
                {
                    Rule(132, action["resource"] is JsonObject, at, "an update action carries the whole resource");
                }

                if (type == "delete")
                {
                    Rule(133, !action.ContainsKey("resource"), at, "a delete action does not use resource");
                    Rule(134, action.ContainsKey("resourceId"), at, "a delete action gives resourceId");
                }

                if (action.ContainsKey("resourceId"))
                {
                    Rule(135, IsString(action["resourceId"]), at, "resourceId is a string");
                }
            }
        }
    }

    private void Coding(JsonObject? coding, string at, bool overrideReason)
    {
        if (coding is null)
        {
            Violations.Add($"{at}: not an object");
            return;
        }

        Rule(216, IsString(coding["code"]), at, "coding.code is a string");
        Rule(218, IsString(coding["code"]), at, "coding.code is a string");
        Rule(217, IsString(coding["system"]), at, "coding.system is a string");
        if (overrideReason)
        {
            Rule(100, IsString(coding["display"]), at, "every override reason has a display");
            Rule(136, IsString(coding["display"]) && ((string)coding["display"]!).Trim().Length > 0, at, "override reason display is human-readable text");
            Rule(219, IsString(coding["display"]), at, "display is required on override reasons");
        }
        else if (coding.ContainsKey("display"))
        {
            Rule(220, IsString(coding["display"]), at, "source.topic display, when given, is a string");
        }
    }

    /// <summary>Row 3: no null and no empty element in CDS structures (FHIR resources inside actions are not walked).</summary>
    private void NoNullOrEmpty(JsonNode? node, string what, string path)
    {
        Exercised.Add(3);
        switch (node)
        {
            case null:
                Violations.Add($"{what} {path}: null (row 3)");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    Violations.Add($"{what} {path}: empty object (row 3)");
                }

                foreach (var (name, value) in obj)
                {
                    if (name == "resource")
                    {
                        continue;
                    }

                    NoNullOrEmpty(value, what, $"{path}.{name}");
                }

                break;
            case JsonArray array:
                if (array.Count == 0 && path != "$.cards")
                {
                    Violations.Add($"{what} {path}: empty array (row 3)");
                }

                for (var i = 0; i < array.Count; i++)
                {
                    NoNullOrEmpty(array[i], what, $"{path}[{i}]");
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String && ((string)value!).Length == 0:
                Violations.Add($"{what} {path}: empty string (row 3)");
                break;
        }
    }

    private void Rule(int row, bool holds, string at, string rule)
    {
        Exercised.Add(row);
        if (!holds)
        {
            Violations.Add($"{at}: row {row}: {rule}");
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private static bool IsAbsolute(JsonNode? node) => IsString(node) && Uri.TryCreate((string)node!, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
