using System.Globalization;
using System.Text.Json;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>Tolerant reads of FHIR JSON: a missing or wrongly typed element is absent, never an exception.</summary>
internal static class JsonRead
{
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static decimal? Decimal(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    public static bool? Boolean(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>The items of an array element; a single object is read as a one-item array.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Property(element, name) switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
            { ValueKind: JsonValueKind.Object } single => [single],
            _ => [],
        };

    /// <summary>The codes of a CodeableConcept's codings, with their system (empty when absent).</summary>
    public static IEnumerable<(string System, string Code, string? Display)> Codings(JsonElement codeableConcept) =>
        Array(codeableConcept, "coding")
            .Select(coding => (System: String(coding, "system") ?? string.Empty, Code: String(coding, "code"), Display: String(coding, "display")))
            .Where(coding => !string.IsNullOrWhiteSpace(coding.Code))
            .Select(coding => (coding.System, coding.Code!, coding.Display));

    /// <summary>True when the CodeableConcept has a coding of <paramref name="system"/> with one of <paramref name="codes"/>.</summary>
    public static bool HasCode(JsonElement? codeableConcept, string system, params string[] codes) =>
        codeableConcept is { } concept && Codings(concept).Any(c => c.System == system && codes.Contains(c.Code, StringComparer.Ordinal));

    /// <summary>
    /// A FHIR dateTime, instant or date as the instant it starts at (partial dates start on their first day, at
    /// midnight UTC when no zone is given); null when it is not one.
    /// </summary>
    public static DateTimeOffset? Instant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }
}
