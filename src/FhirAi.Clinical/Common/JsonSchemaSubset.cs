using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FhirAi.Clinical.Common;

/// <summary>
/// Checks a JSON document against the subset of JSON Schema 2020-12 the knowledge-base schemas (labs and drugs) use:
/// type, enum, const, required, properties, additionalProperties (false or a schema), minProperties, items, minItems,
/// maxItems, minLength, pattern, minimum, maximum, exclusiveMinimum, anyOf, if/then and local <c>$ref</c> to
/// <c>#/$defs/…</c>. Any other keyword in a schema is refused, so a schema never silently says more than is checked.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "$comment", "title", "description", "$defs", "$ref", "type", "enum", "const", "required", "properties",
        "additionalProperties", "minProperties", "items", "minItems", "maxItems", "minLength", "pattern", "minimum", "maximum",
        "exclusiveMinimum", "anyOf", "if", "then",
    ];

    /// <summary>Returns the violations as "pointer: message", empty when the document conforms.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement document)
    {
        var errors = new List<string>();
        Check(schema, schema, document, "", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string pointer, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Supported.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"Schema keyword '{keyword.Name}' at '{pointer}' is not supported by the knowledge-base schema checker.");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(root, Resolve(root, reference.GetString()!), value, pointer, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{pointer}: expected {type.GetRawText()}, found {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElementEquals(a, value)))
        {
            errors.Add($"{pointer}: value {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElementEquals(constant, value))
        {
            errors.Add($"{pointer}: value {value.GetRawText()} is not {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(branch => Passes(root, branch, value, pointer)))
        {
            errors.Add($"{pointer}: matches none of the anyOf schemas");
        }

        if (schema.TryGetProperty("if", out var condition) && schema.TryGetProperty("then", out var then) && Passes(root, condition, value, pointer))
        {
            Check(root, then, value, pointer, errors);
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(root, schema, value, pointer, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(root, schema, value, pointer, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, pointer, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDecimal(), pointer, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string pointer, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                errors.Add($"{pointer}: missing required property '{name}'");
            }
        }

        if (schema.TryGetProperty("minProperties", out var minProperties) && value.EnumerateObject().Count() < minProperties.GetInt32())
        {
            errors.Add($"{pointer}: fewer than {minProperties.GetInt32()} properties");
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(root, propertySchema, property.Value, $"{pointer}/{property.Name}", errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{pointer}: property '{property.Name}' is not allowed");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(root, additional, property.Value, $"{pointer}/{property.Name}", errors);
            }
        }
    }

    private static void CheckArray(JsonElement root, JsonElement schema, JsonElement value, string pointer, List<string> errors)
    {
        var length = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
        {
            errors.Add($"{pointer}: {length} items, at least {minItems.GetInt32()} required");
        }

        if (schema.TryGetProperty("maxItems", out var maxItems) && length > maxItems.GetInt32())
        {
            errors.Add($"{pointer}: {length} items, at most {maxItems.GetInt32()} allowed");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{pointer}/{index++}", errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, string pointer, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
        {
            errors.Add($"{pointer}: shorter than {minLength.GetInt32()} characters");
        }

        if (schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{pointer}: '{text}' does not match {pattern.GetString()}");
        }
    }

    private static void CheckNumber(JsonElement schema, decimal number, string pointer, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
        {
            errors.Add($"{pointer}: {number.ToString(CultureInfo.InvariantCulture)} is below the minimum {minimum.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal())
        {
            errors.Add($"{pointer}: {number.ToString(CultureInfo.InvariantCulture)} is above the maximum {maximum.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && number <= exclusive.GetDecimal())
        {
            errors.Add($"{pointer}: {number.ToString(CultureInfo.InvariantCulture)} must be greater than {exclusive.GetRawText()}");
        }
    }

    private static bool Passes(JsonElement root, JsonElement schema, JsonElement value, string pointer)
    {
        var errors = new List<string>();
        Check(root, schema, value, pointer, errors);
        return errors.Count == 0;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsOfType(t.GetString()!, value))
            : IsOfType(type.GetString()!, value);

    private static bool IsOfType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"Unknown JSON Schema type '{type}'."),
    };

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)
            || !root.TryGetProperty("$defs", out var definitions)
            || !definitions.TryGetProperty(reference[prefix.Length..], out var target))
        {
            throw new InvalidOperationException($"Unresolvable schema reference '{reference}'.");
        }

        return target;
    }

    private static bool JsonElementEquals(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Number => a.GetDecimal() == b.GetDecimal(),
            _ => a.GetRawText() == b.GetRawText(),
        };
}
