using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Search;

/// <summary>
/// Rewrites the terminology modifiers into plain criteria the index answers: token <c>:in</c>/<c>:not-in</c> expand
/// a package ValueSet, token <c>:below</c>/<c>:above</c> walk a package CodeSystem's hierarchy, uri <c>:above</c>
/// lists the value's path prefixes (uri <c>:below</c> stays a starts-with on the index). A value set or code
/// system the package cannot enumerate (LOINC, SNOMED CT, …) is reported, not guessed.
/// </summary>
internal static class TerminologyModifiers
{
    /// <summary>Expansions beyond this size are refused rather than sent to the database as one huge OR.</summary>
    public const int MaxCodes = 1000;

    public static readonly string[] TokenModifiers = ["in", "not-in", "below", "above"];

    public static bool Handles(SearchParamType type, string? modifier) =>
        modifier is not null && ((type == SearchParamType.Token && TokenModifiers.Contains(modifier)) || (type == SearchParamType.Uri && modifier == "above"));

    public static (SearchCriterion? Criterion, OutcomeIssue? Issue) Rewrite(FhirDefinitions definitions, string name, SearchCriterion criterion)
    {
        var values = new List<string>();
        foreach (var value in criterion.Values)
        {
            var (expanded, problem) = criterion.Type == SearchParamType.Uri ? (UriAncestors(value), null) : ExpandToken(definitions, criterion.Modifier!, value);
            if (problem is not null)
            {
                return (null, OutcomeIssue.Warning(IssueCodes.NotSupported, problem, name));
            }

            values.AddRange(expanded);
        }

        if (values.Count > MaxCodes)
        {
            return (null, OutcomeIssue.Warning(IssueCodes.TooCostly, $"':{criterion.Modifier}' expands to {values.Count} codes; at most {MaxCodes} are searched.", name));
        }

        // An empty expansion matches nothing (or, for :not-in, excludes nothing): keep one value that no row has.
        var rewritten = values.Count > 0 ? values.Distinct(StringComparer.Ordinal).ToList() : ["|"];
        return (criterion with { Modifier = criterion.Modifier == "not-in" ? "not" : null, Values = rewritten }, null);
    }

    private static (IReadOnlyList<string> Values, string? Problem) ExpandToken(FhirDefinitions definitions, string modifier, string value)
    {
        if (modifier is "in" or "not-in")
        {
            var expansion = definitions.ExpandValueSet(value);
            return expansion.IsEnumerable
                ? (expansion.Codes.Select(c => $"{c.System}|{c.Code}").ToList(), null)
                : ([], $"The value set '{value}' cannot be expanded here: {expansion.Reason}");
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == value.Length - 1)
        {
            return ([], $"':{modifier}' needs system|code, not '{value}'.");
        }

        var system = value[..bar];
        var code = value[(bar + 1)..];
        if (!definitions.TryGetCodeSystem(system, out var codeSystem) || !codeSystem.TryGetConcept(code, out var concept))
        {
            return ([], $"'{system}' is not a code system with a hierarchy this server holds, or it has no code '{code}'.");
        }

        var codes = modifier == "below"
            ? codeSystem.SelfAndDescendants(code).Select(c => c.Code)
            : Ancestors(codeSystem, concept);
        return (codes.Select(c => $"{system}|{c}").ToList(), null);
    }

    private static IEnumerable<string> Ancestors(CodeSystemInfo codeSystem, CodeSystemConcept concept)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = concept; current is not null && seen.Add(current.Code);)
        {
            yield return current.Code;
            current = current.ParentCode is { } parent && codeSystem.TryGetConcept(parent, out var next) ? next : null;
        }
    }

    /// <summary><c>http://a.org/fhir/ValueSet/x</c> → itself, <c>http://a.org/fhir/ValueSet</c>, <c>http://a.org/fhir</c>, <c>http://a.org</c>.</summary>
    private static List<string> UriAncestors(string value)
    {
        var result = new List<string> { value };
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        var floor = schemeEnd < 0 ? 0 : schemeEnd + 3;
        for (var slash = value.LastIndexOf('/'); slash > floor; slash = value.LastIndexOf('/', slash - 1))
        {
            result.Add(value[..slash]);
        }

        return result;
    }
}
