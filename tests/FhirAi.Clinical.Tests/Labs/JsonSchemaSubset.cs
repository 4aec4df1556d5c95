using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FhirAi.Clinical.Tests.Labs;

/// <summary>
/// A small JSON Schema (2020-12) checker for the keywords lab-knowledge.schema.json uses: type, enum, const, required,
/// properties, additionalProperties, minProperties, items, minItems, maxItems, minLength, pattern, minimum,
/// exclusiveMinimum, anyOf, if/then and local $ref. An unknown keyword fails the check, so the schema cannot silently
/// use something this checker ignores.
/// </summary>
internal sealed class JsonSchemaSubset(JsonElement root)
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "$id", "$comment", "$defs", "title", "description", "type", "enum", "const", "required", "properties",
        "additionalProperties", "minProperties", "items", "minItems", "maxItems", "minLength", "pattern", "minimum",
        "exclusiveMinimum", "anyOf", "if", "then", "$ref",
    ];

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name).Where(n => !Known.Contains(n)))
        {
            errors.Add($"{path}: schema keyword '{keyword}' is not supported by the checker");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Replace("#/$defs/", string.Empty, StringComparison.Ordinal);
            Check(root.GetProperty("$defs").GetProperty(name), value, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type.GetString()!, value))
        {
            errors.Add($"{path}: expected {type.GetString()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.ToString() == value.ToString()))
        {
            errors.Add($"{path}: not one of the allowed values");
        }

        if (schema.TryGetProperty("const", out var constant) && constant.ToString() != value.ToString())
        {
            errors.Add($"{path}: expected {constant}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, errors);
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var count = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
            {
                errors.Add($"{path}: fewer than {min} items");
            }

            if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
            {
                errors.Add($"{path}: more than {max} items");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(items, item, $"{path}[{i++}]", errors);
                }
            }
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                errors.Add($"{path}: shorter than {minLength}");
            }

            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{path}: '{text}' does not match {pattern}");
            }
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDecimal();
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
            {
                errors.Add($"{path}: below {minimum}");
            }

            if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && number <= exclusive.GetDecimal())
            {
                errors.Add($"{path}: not above {exclusive}");
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Passes(s, value, path)))
        {
            errors.Add($"{path}: matches none of anyOf");
        }

        if (schema.TryGetProperty("if", out var condition) && Passes(condition, value, path) && schema.TryGetProperty("then", out var then))
        {
            Check(then, value, path, errors);
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                errors.Add($"{path}: lacks '{name}'");
            }
        }

        if (schema.TryGetProperty("minProperties", out var minProperties) && value.EnumerateObject().Count() < minProperties.GetInt32())
        {
            errors.Add($"{path}: fewer than {minProperties} properties");
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var property in value.EnumerateObject())
        {
            var childPath = string.Create(CultureInfo.InvariantCulture, $"{path}.{property.Name}");
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, childPath, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: unknown property '{property.Name}'");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, childPath, errors);
                }
            }
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string path)
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors.Count == 0;
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };
}
