using System.Globalization;
using System.Text.Json;

namespace FhirAi.Clinical.Reports;

/// <summary>Tolerant reads of FHIR JSON: a wrong kind or a missing element gives null, never an exception.</summary>
internal static class FhirJson
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A JSON number as decimal; null for another kind or a number outside decimal's range.</summary>
    public static decimal? Decimal(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    /// <summary>Every (system, code, display) of a CodeableConcept.</summary>
    public static IEnumerable<(string? System, string? Code, string? Display)> Codings(JsonElement? concept) =>
        concept is { } c ? Array(c, "coding").Select(coding => (String(coding, "system"), String(coding, "code"), String(coding, "display"))) : [];

    /// <summary>The first code of <paramref name="system"/> in a CodeableConcept.</summary>
    public static string? Code(JsonElement? concept, string system) =>
        Codings(concept).FirstOrDefault(c => c.System == system && !string.IsNullOrWhiteSpace(c.Code)).Code?.Trim();

    public static bool HasCode(JsonElement? concept, string system, IReadOnlySet<string> codes) =>
        Codings(concept).Any(c => c.System == system && c.Code is not null && codes.Contains(c.Code.Trim()));

    /// <summary>"Type/id" of a Reference, or null.</summary>
    public static string? Reference(JsonElement element, string name) =>
        Property(element, name) is { } reference ? String(reference, "reference") : null;

    /// <summary>
    /// A FHIR date, dateTime or instant: full timestamps as given; partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the
    /// start of that period in UTC. Null when unparseable.
    /// </summary>
    public static DateTimeOffset? DateTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 10)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var full) ? full : null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return System.DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;
    }

    /// <summary>Observation.effective[x] (dateTime, instant, or the start of a Period), else issued.</summary>
    public static DateTimeOffset? Effective(JsonElement resource) =>
        DateTime(String(resource, "effectiveDateTime"))
        ?? DateTime(String(resource, "effectiveInstant"))
        ?? (Property(resource, "effectivePeriod") is { } period ? DateTime(String(period, "start")) ?? DateTime(String(period, "end")) : null)
        ?? DateTime(String(resource, "issued"));
}
