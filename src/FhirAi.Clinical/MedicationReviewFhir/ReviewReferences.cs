using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// Entry references as FHIR References: a relative <c>Type/id</c>, an absolute URL or a <c>urn:</c> is a literal
/// reference; anything else (a proposed order that has no id) is written as the Reference's display only.
/// </summary>
public static partial class ReviewReferences
{
    /// <summary>The reference string for a resource with this type and id, else a display naming where it came from.</summary>
    public static string For(string type, string? id, string whereGiven) =>
        id is not null && IdPattern().IsMatch(id) ? $"{type}/{id}" : $"{type} at {whereGiven}";

    public static bool IsLiteral(string reference) =>
        RelativePattern().IsMatch(reference) || reference.StartsWith("urn:", StringComparison.Ordinal)
        || (Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    public static JsonObject ToJson(string reference) =>
        IsLiteral(reference) ? new JsonObject { ["reference"] = reference } : new JsonObject { ["display"] = reference };

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Za-z]+/[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();
}
