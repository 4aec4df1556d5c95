using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FhirAi.CdsHooks.Data;

/// <summary>
/// Fills a prefetch template's tokens from the hook context (https://cds-hooks.hl7.org/2.0/#prefetch-tokens):
/// <c>{{context.name}}</c> takes a root-level primitive field of the context; <c>{{userPractitionerId}}</c>,
/// <c>{{userPractitionerRoleId}}</c>, <c>{{userPatientId}}</c> and <c>{{userRelatedPersonId}}</c> take the id of
/// <c>context.userId</c> when it is of that type. Values are URL-escaped into the query.
/// </summary>
internal static partial class PrefetchTemplate
{
    private static readonly Dictionary<string, string> UserTokens = new(StringComparer.Ordinal)
    {
        ["userPractitionerId"] = "Practitioner",
        ["userPractitionerRoleId"] = "PractitionerRole",
        ["userPatientId"] = "Patient",
        ["userRelatedPersonId"] = "RelatedPerson",
    };

    /// <summary>The tokens of a template, as written between the braces.</summary>
    public static IEnumerable<string> Tokens(string template) => TokenPattern().Matches(template).Select(m => m.Groups[1].Value.Trim());

    /// <summary>The filled query, or null with the token that could not be filled.</summary>
    public static (string? Query, string? MissingToken) Fill(string template, JsonElement context)
    {
        string? missing = null;
        var filled = TokenPattern().Replace(template, match =>
        {
            var token = match.Groups[1].Value.Trim();
            var value = Value(token, context);
            if (value is null)
            {
                missing ??= token;
                return string.Empty;
            }

            return Uri.EscapeDataString(value);
        });
        return missing is null ? (filled, null) : (null, missing);
    }

    private static string? Value(string token, JsonElement context)
    {
        if (token.StartsWith("context.", StringComparison.Ordinal))
        {
            var name = token["context.".Length..];
            if (name.Contains('.', StringComparison.Ordinal) || !context.TryGetProperty(name, out var field))
            {
                return null;
            }

            return field.ValueKind switch
            {
                JsonValueKind.String => field.GetString(),
                JsonValueKind.Number => field.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => field.GetRawText(),
                _ => null,
            };
        }

        if (UserTokens.TryGetValue(token, out var type)
            && context.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String
            && user.GetString() is { } userId && userId.StartsWith(type + "/", StringComparison.Ordinal))
        {
            return userId[(type.Length + 1)..];
        }

        return null;
    }

    [GeneratedRegex(@"\{\{([^{}]*)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenPattern();
}
