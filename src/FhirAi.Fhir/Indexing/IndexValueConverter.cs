using System.Globalization;
using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Search;
using FhirAi.Fhir.Ucum;
using FhirAi.FhirPath.Values;

namespace FhirAi.Fhir.Indexing;

/// <summary>
/// Turns one FHIRPath result (a FHIR element of some data type) into index values of the search
/// parameter's type, following the R4 search page's rules for which data types each type reads.
/// </summary>
internal static class IndexValueConverter
{
    public static void Add(IndexSink sink, string parameter, SearchParamType type, FhirPathValue value)
    {
        if (!value.TryGetJson(out var json))
        {
            return;
        }

        var fhirType = value.TypeName;
        switch (type)
        {
            case SearchParamType.Token:
                AddToken(sink, parameter, fhirType, json);
                break;
            case SearchParamType.String:
                AddString(sink, parameter, fhirType, json);
                break;
            case SearchParamType.Date:
                AddDate(sink, parameter, fhirType, json);
                break;
            case SearchParamType.Reference:
                AddReference(sink, parameter, fhirType, json);
                break;
            case SearchParamType.Quantity:
                AddQuantity(sink, parameter, json);
                break;
            case SearchParamType.Number:
                if (json.ValueKind == JsonValueKind.Number && TryDecimal(json, out var number, out var halfUnit))
                {
                    sink.Numbers.Add(new NumberIndexValue(parameter, number, number - halfUnit, number + halfUnit));
                }

                break;
            case SearchParamType.Uri:
                if (json.ValueKind == JsonValueKind.String)
                {
                    sink.Uris.Add(new UriIndexValue(parameter, json.GetString()!));
                }

                break;
        }
    }

    private static void AddToken(IndexSink sink, string parameter, string fhirType, JsonElement json)
    {
        switch (fhirType)
        {
            case "Coding":
                sink.Tokens.Add(new TokenIndexValue(parameter, Str(json, "system"), Str(json, "code"), Normalize(Str(json, "display"))));
                break;
            case "CodeableConcept":
                var text = Normalize(Str(json, "text"));
                if (json.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
                {
                    foreach (var coding in codings.EnumerateArray())
                    {
                        sink.Tokens.Add(new TokenIndexValue(parameter, Str(coding, "system"), Str(coding, "code"), text ?? Normalize(Str(coding, "display"))));
                    }
                }
                else if (text is not null)
                {
                    sink.Tokens.Add(new TokenIndexValue(parameter, null, null, text));
                }

                break;
            case "Identifier":
                sink.Tokens.Add(new TokenIndexValue(parameter, Str(json, "system"), Str(json, "value"),
                    json.TryGetProperty("type", out var identifierType) ? Normalize(Str(identifierType, "text")) : null));
                AddIdentifierTypes(sink, parameter, json);
                break;
            case "ContactPoint":
                sink.Tokens.Add(new TokenIndexValue(parameter, Str(json, "system"), Str(json, "value"), null));
                break;
            default:
                if (json.ValueKind == JsonValueKind.String)
                {
                    sink.Tokens.Add(new TokenIndexValue(parameter, null, json.GetString(), null));
                }
                else if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    sink.Tokens.Add(new TokenIndexValue(parameter, null, json.ValueKind == JsonValueKind.True ? "true" : "false", null));
                }

                break;
        }
    }

    /// <summary>Serves token:of-type=system|code|value: one row per coding of Identifier.type, under <c>parameter:of-type</c>.</summary>
    private static void AddIdentifierTypes(IndexSink sink, string parameter, JsonElement json)
    {
        if (parameter.Length == 0 || Str(json, "value") is not { } value || !json.TryGetProperty("type", out var type) ||
            !type.TryGetProperty("coding", out var codings) || codings.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var coding in codings.EnumerateArray())
        {
            if (Str(coding, "code") is { } code)
            {
                sink.Tokens.Add(new TokenIndexValue(parameter + ":of-type", Str(coding, "system"), code + "|" + value, null));
            }
        }
    }

    private static void AddString(IndexSink sink, string parameter, string fhirType, JsonElement json)
    {
        switch (fhirType)
        {
            case "HumanName":
                AddStrings(sink, parameter, json, "text", "family", "given", "prefix", "suffix");
                break;
            case "Address":
                AddStrings(sink, parameter, json, "text", "line", "city", "district", "state", "postalCode", "country");
                break;
            default:
                if (json.ValueKind == JsonValueKind.String)
                {
                    AddOneString(sink, parameter, json.GetString()!);
                }

                break;
        }
    }

    private static void AddStrings(IndexSink sink, string parameter, JsonElement json, params string[] properties)
    {
        foreach (var property in properties)
        {
            if (!json.TryGetProperty(property, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
                {
                    AddOneString(sink, parameter, item.GetString()!);
                }
            }
            else if (value.ValueKind == JsonValueKind.String)
            {
                AddOneString(sink, parameter, value.GetString()!);
            }
        }
    }

    private static void AddOneString(IndexSink sink, string parameter, string text)
    {
        if (Normalize(text) is { } normalized)
        {
            sink.Strings.Add(new StringIndexValue(parameter, normalized, text));
        }
    }

    private static void AddDate(IndexSink sink, string parameter, string fhirType, JsonElement json)
    {
        switch (fhirType)
        {
            case "Period":
                var start = Str(json, "start") is { } s && DateRange.TryParse(s, out var startRange) ? startRange.Low : DateTimeOffset.MinValue;
                var end = Str(json, "end") is { } e && DateRange.TryParse(e, out var endRange) ? endRange.High : DateTimeOffset.MaxValue;
                sink.Dates.Add(new DateIndexValue(parameter, UnixMicros.From(start), UnixMicros.From(end)));
                break;
            case "Timing":
                if (json.TryGetProperty("event", out var events) && events.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in events.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
                    {
                        AddDateText(sink, parameter, item.GetString()!);
                    }
                }

                break;
            default:
                if (json.ValueKind == JsonValueKind.String)
                {
                    AddDateText(sink, parameter, json.GetString()!);
                }

                break;
        }
    }

    private static void AddDateText(IndexSink sink, string parameter, string text)
    {
        if (DateRange.TryParse(text, out var range))
        {
            sink.Dates.Add(new DateIndexValue(parameter, UnixMicros.From(range.Low), UnixMicros.From(range.High)));
        }
    }

    private static void AddReference(IndexSink sink, string parameter, string fhirType, JsonElement json)
    {
        var text = fhirType == "Reference" ? Str(json, "reference") : json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        if (fhirType == "Reference" && parameter.Length > 0 && json.TryGetProperty("identifier", out var identifier) && identifier.ValueKind == JsonValueKind.Object)
        {
            // Serves reference:identifier=system|value.
            sink.Tokens.Add(new TokenIndexValue(parameter + ":identifier", Str(identifier, "system"), Str(identifier, "value"), null));
        }

        if (text is null)
        {
            return;
        }

        var parsed = ReferenceText.Parse(text);
        sink.References.Add(new ReferenceIndexValue(parameter, parsed.TargetType, parsed.TargetId, parsed.TargetVersion, parsed.Url));
    }

    private static void AddQuantity(IndexSink sink, string parameter, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("value", out var value) || !TryDecimal(value, out var number, out var halfUnit))
        {
            return;
        }

        // A UCUM-coded unit that converts is also indexed in canonical form, so mg/dL and g/L compare.
        var system = Str(json, "system");
        var code = Str(json, "code");
        var canonical = system == UcumConverter.System
            && UcumConverter.TryConvertToCanonical(number, code, out var canonicalValue, out var canonicalUnit)
            && Math.Abs(canonicalValue) < 1e27
            ? (Unit: canonicalUnit, Value: (decimal?)(decimal)canonicalValue)
            : (Unit: null, Value: null);
        sink.Quantities.Add(new QuantityIndexValue(parameter, system, code ?? Str(json, "unit"), number,
            number - halfUnit, number + halfUnit, canonical.Unit, canonical.Value));
    }

    /// <summary>The value and half a unit of its last stated digit: 1.50 → (1.50, 0.005), the range FHIR's implicit precision gives.</summary>
    private static bool TryDecimal(JsonElement json, out decimal value, out decimal halfUnit)
    {
        halfUnit = 0;
        if (json.ValueKind != JsonValueKind.Number || !decimal.TryParse(json.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return false;
        }

        var scale = value.Scale;
        halfUnit = 0.5m / (decimal)Math.Pow(10, scale);
        return true;
    }

    private static string? Str(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Normalize(string? text) => text is null ? null : SearchText.Normalize(text);
}
