using System.Globalization;
using System.Text.Json;

namespace FhirAi.CdsHooks.Services;

/// <summary>The few Observation fields patient-view selects recent results by: status, LOINC code and effective time.</summary>
internal static class ObservationFields
{
    public static string? Status(JsonElement observation) => String(observation, "status");

    /// <summary>The first LOINC code of Observation.code.</summary>
    public static string? Loinc(JsonElement observation)
    {
        if (!observation.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Object
            || !code.TryGetProperty("coding", out var codings) || codings.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return codings.EnumerateArray()
            .Where(c => c.ValueKind == JsonValueKind.Object && String(c, "system") == "http://loinc.org")
            .Select(c => String(c, "code"))
            .FirstOrDefault(c => !string.IsNullOrEmpty(c));
    }

    /// <summary>effectiveDateTime, effectiveInstant, effectivePeriod.start, else issued; a date alone is read as its UTC midnight.</summary>
    public static DateTimeOffset? Effective(JsonElement observation) =>
        Date(String(observation, "effectiveDateTime"))
        ?? Date(String(observation, "effectiveInstant"))
        ?? (observation.TryGetProperty("effectivePeriod", out var period) && period.ValueKind == JsonValueKind.Object ? Date(String(period, "start")) : null)
        ?? Date(String(observation, "issued"));

    private static DateTimeOffset? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        return text.Length is 4 or 7 && DateTimeOffset.TryParseExact(text, text.Length == 4 ? "yyyy" : "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var partial)
            ? partial
            : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
