using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Search;

/// <summary>
/// Reads query parameters into typed <see cref="SearchCriterion"/> values, using the R4 search
/// parameters of the resource type. What the storage layer cannot answer (composites with non-token
/// first components, unknown modifiers) comes back as issues for the caller to refuse or report.
/// Chains, <c>_has</c>, <c>_include</c> and <c>_revinclude</c> are read in SearchCriteriaParser.Joins.cs.
/// </summary>
public sealed partial class SearchCriteriaParser(FhirDefinitions definitions)
{
    /// <summary>Parameters about the result, not the match; the caller handles them.</summary>
    private static readonly HashSet<string> ResultParameters =
        ["_count", "_total", "_format", "_pretty", "_cursor", "_sort", "_summary", "_elements", "_include", "_revinclude", "_contained", "_containedType"];

    private static readonly Dictionary<SearchParamType, string[]> SupportedModifiers = new()
    {
        [SearchParamType.Token] = ["not", "text", "in", "not-in", "below", "above"],
        [SearchParamType.String] = ["exact", "contains"],
        [SearchParamType.Reference] = [],
        [SearchParamType.Date] = [],
        [SearchParamType.Number] = [],
        [SearchParamType.Quantity] = [],
        [SearchParamType.Uri] = ["below", "above"],
        [SearchParamType.Composite] = [],
    };

    /// <summary>Second components a composite may have; the first must be a token (that is how composites are indexed).</summary>
    private static readonly HashSet<SearchParamType> CompositeSecondTypes =
        [SearchParamType.Token, SearchParamType.Quantity, SearchParamType.Number, SearchParamType.Date, SearchParamType.String, SearchParamType.Reference, SearchParamType.Uri];

    /// <summary>The parameters of a type this parser accepts (the CapabilityStatement lists exactly these), with their supported modifiers.</summary>
    public IEnumerable<(SearchParameterDefinition Definition, IReadOnlyList<string> Modifiers)> SupportedParameters(string resourceType) =>
        definitions.GetSearchParameters(resourceType)
            .Where(p => TextSearchParameters.Handles(p.Code) || (p.Expression is not null && SupportedModifiers.ContainsKey(p.Type)
                && (p.Type != SearchParamType.Composite || ComponentTypesOf(p) is not null)))
            .Select(p => (p, TextSearchParameters.Handles(p.Code) ? TextSearchParameters.Modifiers
                : (IReadOnlyList<string>)[.. SupportedModifiers[p.Type], .. SearchModifiers.Listed(p)]));

    public SearchCriteriaParseResult Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var criteria = new List<SearchCriterion>();
        var issues = new List<OutcomeIssue>();
        var includes = new List<IncludeDirective>();
        foreach (var (name, value) in parameters)
        {
            if (TryParseInclude(name, value, includes, issues))
            {
                continue;
            }

            if (ResultParameters.Contains(name))
            {
                continue;
            }

            var colon = name.IndexOf(':', StringComparison.Ordinal);
            var code = colon < 0 ? name : name[..colon];
            var modifier = colon < 0 ? null : name[(colon + 1)..];
            if (IsJoin(name))
            {
                ParseJoin(resourceType, name, value, criteria, issues);
                continue;
            }

            if (!definitions.TryGetSearchParameter(resourceType, code, out var definition))
            {
                issues.Add(Unsupported(name, definitions.CustomSearchParameters.Current.NotYetIndexed(resourceType, code)
                    ?? $"'{code}' is not a search parameter of {resourceType}."));
                continue;
            }

            if (TextSearchParameters.Handles(code))
            {
                TextSearchParameters.Parse(name, code, modifier, value, criteria, issues);
                continue;
            }

            if (definition.Expression is null)
            {
                issues.Add(Unsupported(name, $"'{code}' has no expression to index and is not supported."));
                continue;
            }

            var supported = SupportedModifiers.TryGetValue(definition.Type, out var modifiers);
            if (!supported || (modifier is not null && !modifiers!.Contains(modifier) && !SearchModifiers.Accepts(definition, modifier)))
            {
                issues.Add(Unsupported(name, modifier is null
                    ? $"{definition.Type} parameters such as '{code}' are not supported yet."
                    : $"The modifier ':{modifier}' is not supported on '{code}'."));
                continue;
            }

            var values = SplitValues(value);
            if (values.Count == 0)
            {
                continue;
            }

            if (definition.Type == SearchParamType.Composite)
            {
                if (ComponentTypesOf(definition) is not { } componentTypes)
                {
                    issues.Add(Unsupported(name, $"The composite parameter '{code}' has components this server does not index."));
                    continue;
                }

                criteria.Add(new SearchCriterion(code, definition.Type, modifier, values) { ComponentTypes = componentTypes });
                continue;
            }

            var criterion = new SearchCriterion(code, definition.Type, modifier, values);
            if (TerminologyModifiers.Handles(definition.Type, modifier))
            {
                var (rewritten, issue) = TerminologyModifiers.Rewrite(definitions, name, criterion);
                if (issue is not null)
                {
                    issues.Add(issue);
                    continue;
                }

                criterion = rewritten!;
            }

            criteria.Add(criterion);
        }

        return new SearchCriteriaParseResult(criteria, issues) { Includes = includes };
    }

    /// <summary>Splits on commas not escaped with a backslash, unescaping <c>\,</c>, <c>\|</c>, <c>\$</c> and <c>\\</c> as FHIR search does.</summary>
    public static IReadOnlyList<string> SplitValues(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '$' or '\\')
            {
                current.Append(value[++i]);
            }
            else if (value[i] == ',')
            {
                Flush();
            }
            else
            {
                current.Append(value[i]);
            }
        }

        Flush();
        return values;

        void Flush()
        {
            if (current.Length > 0)
            {
                values.Add(current.ToString());
            }

            current.Clear();
        }
    }

    private IReadOnlyList<SearchParamType>? ComponentTypesOf(SearchParameterDefinition definition)
    {
        if (definition.Components.Count != 2)
        {
            return null;
        }

        var types = new List<SearchParamType>(2);
        foreach (var component in definition.Components)
        {
            if (!definitions.TryGetSearchParameterByUrl(component.Definition, out var componentDefinition))
            {
                return null;
            }

            types.Add(componentDefinition.Type);
        }

        return types[0] == SearchParamType.Token && CompositeSecondTypes.Contains(types[1]) ? types : null;
    }

    private static OutcomeIssue Unsupported(string name, string message) => OutcomeIssue.Warning(IssueCodes.NotSupported, message, name);
}
