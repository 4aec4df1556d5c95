using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Storage;

namespace FhirAi.Server.Search;

/// <summary>
/// Reads <c>_sort=a,-b</c>: each key a search parameter of every searched type (the same definition
/// for all of them), with an expression and a type the index can order (string, token, uri,
/// reference, date, number, quantity), or <c>_id</c> / <c>_lastUpdated</c>; <c>-</c> sorts descending.
/// Keys it cannot use come back as issues (reported, or refused under strict handling).
/// </summary>
internal sealed class SortParser(FhirDefinitions definitions)
{
    public const int MaxKeys = 5;

    public (IReadOnlyList<SortKey> Keys, IReadOnlyList<OutcomeIssue> Issues, bool TooMany) Parse(IReadOnlyList<string> types, IEnumerable<string> values)
    {
        var keys = new List<SortKey>();
        var issues = new List<OutcomeIssue>();
        foreach (var item in values.SelectMany(SearchCriteriaParser.SplitValues))
        {
            var descending = item.StartsWith('-');
            var code = descending ? item[1..] : item;
            if (keys.Any(k => k.Parameter == code))
            {
                continue;
            }

            if (Resolve(types, code) is { } type)
            {
                keys.Add(new SortKey(code, type, descending));
            }
            else
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported,
                    $"Cannot sort on '{code}': it is not a sortable search parameter of {string.Join(", ", types)}.", "_sort"));
            }
        }

        return (keys, issues, keys.Count > MaxKeys);
    }

    private SearchParamType? Resolve(IReadOnlyList<string> types, string code)
    {
        switch (code)
        {
            case "_id":
                return SearchParamType.Token;
            case "_lastUpdated":
                return SearchParamType.Date;
        }

        SearchParameterDefinition? first = null;
        foreach (var type in types)
        {
            if (!definitions.TryGetSearchParameter(type, code, out var definition) || definition.ExpressionFor(type) is null ||
                !SortTypes.IsSortable(definition.Type) || (first is not null && first.Type != definition.Type))
            {
                return null;
            }

            first ??= definition;
        }

        return first?.Type;
    }
}
