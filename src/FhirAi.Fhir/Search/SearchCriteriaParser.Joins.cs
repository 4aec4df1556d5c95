using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Search;

/// <summary>
/// Chained parameters (<c>subject:Patient.organization.name=x</c>), reverse chains
/// (<c>_has:Observation:patient:code=x</c>, nestable), and <c>_include</c>/<c>_revinclude</c> values.
/// A chain step without a type modifier fans out to every target type of the reference parameter that
/// has the rest of the chain; the alternatives are OR-ed.
/// </summary>
public sealed partial class SearchCriteriaParser
{
    /// <summary>Most chain or <c>_has</c> hops in one parameter name.</summary>
    public const int MaxJoinSteps = 4;

    /// <summary>Most alternative paths one chained parameter may expand to (one per combination of target types).</summary>
    public const int MaxJoinAlternatives = 64;

    /// <summary>Most <c>_include</c> plus <c>_revinclude</c> values in one search.</summary>
    public const int MaxIncludes = 20;

    // Bounds the work of expanding a chain whose steps each have many target types (Provenance.target has ~150).
    private const int MaxExpansionCalls = 512;

    private readonly Lazy<Dictionary<string, List<string>>> _revIncludes = new(() => RevIncludesByTarget(definitions));

    /// <summary>The <c>_include</c> values this parser accepts on <paramref name="resourceType"/> (for the CapabilityStatement): <c>*</c>, <c>Type:*</c> and every <c>Type:parameter</c>.</summary>
    public IReadOnlyList<string> SupportedIncludes(string resourceType) =>
        [
            "*", resourceType + ":*",
            .. definitions.GetSearchParameters(resourceType)
                .Where(p => p.Type == SearchParamType.Reference && p.Expression is not null)
                .Select(p => $"{resourceType}:{p.Code}"),
        ];

    /// <summary>The <c>_revinclude</c> values naming a reference parameter that can point at <paramref name="resourceType"/>; <c>_has</c> accepts the same pairs.</summary>
    public IReadOnlyList<string> SupportedRevIncludes(string resourceType) =>
        _revIncludes.Value.TryGetValue(resourceType, out var values) ? values : [];

    private static Dictionary<string, List<string>> RevIncludesByTarget(FhirDefinitions definitions)
    {
        var byTarget = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var source in definitions.ResourceTypes.Order(StringComparer.Ordinal))
        {
            foreach (var parameter in definitions.GetSearchParameters(source).Where(p => p.Type == SearchParamType.Reference && p.Expression is not null))
            {
                foreach (var target in parameter.Targets.Where(definitions.IsResourceType).Distinct(StringComparer.Ordinal))
                {
                    if (!byTarget.TryGetValue(target, out var values))
                    {
                        byTarget[target] = values = [];
                    }

                    values.Add($"{source}:{parameter.Code}");
                }
            }
        }

        return byTarget;
    }

    private static bool IsJoin(string name) =>
        name == "_has" || name.StartsWith("_has:", StringComparison.Ordinal) || name.Contains('.', StringComparison.Ordinal);

    private void ParseJoin(string resourceType, string name, string value, List<SearchCriterion> criteria, List<OutcomeIssue> issues)
    {
        if (SplitValues(value).Count == 0)
        {
            return;
        }

        var hops = CountHops(name);
        if (hops > MaxJoinSteps)
        {
            issues.Add(Unsupported(name, $"'{name}' has {hops} chain or _has steps; at most {MaxJoinSteps} are supported."));
            return;
        }

        var budget = MaxExpansionCalls;
        var alternatives = Expand(resourceType, name, value, ref budget, out var error);
        if (alternatives is null)
        {
            issues.Add(Unsupported(name, $"'{name}' cannot be searched on {resourceType}: {error}"));
            return;
        }

        if (alternatives.Count > MaxJoinAlternatives)
        {
            issues.Add(Unsupported(name,
                $"'{name}' reaches {alternatives.Count} combinations of target types (at most {MaxJoinAlternatives}); name the type with a modifier such as ':Patient'."));
            return;
        }

        var leaf = alternatives[0].Leaf;
        criteria.Add(new SearchCriterion(name, leaf.Type, leaf.Modifier, leaf.Values) { Joins = alternatives });
    }

    private static int CountHops(string name)
    {
        var hops = name.Count(c => c == '.');
        for (var at = name.IndexOf("_has", StringComparison.Ordinal); at >= 0; at = name.IndexOf("_has", at + 4, StringComparison.Ordinal))
        {
            hops++;
        }

        return hops;
    }

    /// <summary>The join paths of <paramref name="name"/> on <paramref name="type"/>, or null with the reason.</summary>
    private List<JoinedCriterion>? Expand(string type, string name, string value, ref int budget, out string? error)
    {
        error = null;
        if (--budget < 0)
        {
            error = "the chain expands to too many combinations of target types; name the types with modifiers such as ':Patient'.";
            return null;
        }

        if (name == "_has" || name.StartsWith("_has:", StringComparison.Ordinal))
        {
            return ExpandHas(type, name, value, ref budget, out error);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return Leaf(type, name, value, out error);
        }

        var head = name[..dot];
        var tail = name[(dot + 1)..];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? head : head[..colon];
        var typeModifier = colon < 0 ? null : head[(colon + 1)..];
        if (!definitions.TryGetSearchParameter(type, code, out var definition))
        {
            error = $"'{code}' is not a search parameter of {type}.";
            return null;
        }

        if (definition.Type != SearchParamType.Reference)
        {
            error = $"'{code}' is a {definition.Type.ToString().ToLowerInvariant()} parameter of {type}; only reference parameters can be chained.";
            return null;
        }

        IReadOnlyList<string> targets = definition.Targets;
        if (typeModifier is not null)
        {
            if (!definitions.IsResourceType(typeModifier) || (targets.Count > 0 && !targets.Contains(typeModifier, StringComparer.Ordinal)))
            {
                error = $"'{typeModifier}' is not a target type of '{code}' on {type}.";
                return null;
            }

            targets = [typeModifier];
        }
        else if (targets.Count == 0)
        {
            error = $"'{code}' on {type} names no target types; add a type modifier such as '{code}:Patient'.";
            return null;
        }

        var alternatives = new List<JoinedCriterion>();
        string? firstError = null;
        foreach (var target in targets.Where(definitions.IsResourceType))
        {
            var inner = Expand(target, tail, value, ref budget, out var innerError);
            if (inner is null)
            {
                firstError ??= innerError;
                if (budget < 0)
                {
                    error = innerError;
                    return null;
                }

                continue;
            }

            var step = new JoinStep(type, code, target, Reverse: false);
            alternatives.AddRange(inner.Select(j => new JoinedCriterion([step, .. j.Steps], j.Leaf)));
        }

        if (alternatives.Count == 0)
        {
            error = targets.Count == 1 ? firstError : $"no target type of '{code}' ({string.Join(", ", targets)}) can be searched with '{tail}' ({firstError})";
            return null;
        }

        return alternatives;
    }

    private List<JoinedCriterion>? ExpandHas(string type, string name, string value, ref int budget, out string? error)
    {
        var parts = name.Split(':', 4);
        if (parts.Length < 4 || parts[1].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0)
        {
            error = "_has takes the form _has:Type:reference-parameter:criterion.";
            return null;
        }

        var (source, code, rest) = (parts[1], parts[2], parts[3]);
        if (!definitions.IsResourceType(source))
        {
            error = $"'{source}' is not a resource type.";
            return null;
        }

        if (!definitions.TryGetSearchParameter(source, code, out var definition) || definition.Type != SearchParamType.Reference)
        {
            error = $"'{code}' is not a reference parameter of {source}.";
            return null;
        }

        if (definition.Targets.Count > 0 && !definition.Targets.Contains(type, StringComparer.Ordinal))
        {
            error = $"'{code}' of {source} does not point at {type}.";
            return null;
        }

        var inner = Expand(source, rest, value, ref budget, out error);
        if (inner is null)
        {
            return null;
        }

        var step = new JoinStep(source, code, type, Reverse: true);
        return inner.Select(j => new JoinedCriterion([step, .. j.Steps], j.Leaf)).ToList();
    }

    /// <summary>The plain parameter at the end of a chain, read by <see cref="Parse"/> itself.</summary>
    private List<JoinedCriterion>? Leaf(string type, string name, string value, out string? error)
    {
        var code = name.Split(':', 2)[0];
        if (ResultParameters.Contains(code) || code is "_include" or "_revinclude")
        {
            error = $"'{code}' is not a search parameter of {type}.";
            return null;
        }

        var parsed = Parse(type, [new KeyValuePair<string, string>(name, value)]);
        if (parsed.Criteria.Count != 1)
        {
            error = parsed.Issues.Count > 0 ? parsed.Issues[0].Diagnostics : $"'{name}' is not a search parameter of {type}.";
            return null;
        }

        error = null;
        var criterion = parsed.Criteria[0];
        return criterion.Joins is { } joins ? [.. joins] : [new JoinedCriterion([], criterion)];
    }

    private bool TryParseInclude(string name, string value, List<IncludeDirective> includes, List<OutcomeIssue> issues)
    {
        bool reverse;
        bool iterate;
        switch (name)
        {
            case "_include":
            case "_revinclude":
                (reverse, iterate) = (name == "_revinclude", false);
                break;
            case "_include:iterate" or "_include:recurse":
            case "_revinclude:iterate" or "_revinclude:recurse":
                (reverse, iterate) = (name.StartsWith("_rev", StringComparison.Ordinal), true);
                break;
            default:
                return false;
        }

        if (includes.Count >= MaxIncludes)
        {
            issues.Add(Unsupported(name, $"At most {MaxIncludes} _include and _revinclude values are supported; '{value}' was not applied."));
            return true;
        }

        if (value == "*")
        {
            includes.Add(new IncludeDirective(reverse, iterate, null, null, null));
            return true;
        }

        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || !definitions.IsResourceType(parts[0]))
        {
            issues.Add(Unsupported(name, $"'{value}' is not of the form SourceType:parameter[:TargetType] (or *)."));
            return true;
        }

        var (source, code, target) = (parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        SearchParameterDefinition? definition = null;
        if (code != "*" && (!definitions.TryGetSearchParameter(source, code, out definition) || definition.Type != SearchParamType.Reference))
        {
            issues.Add(Unsupported(name, $"'{code}' is not a reference parameter of {source}."));
            return true;
        }

        if (target is not null && (!definitions.IsResourceType(target) ||
            (definition is { Targets.Count: > 0 } && !definition.Targets.Contains(target, StringComparer.Ordinal))))
        {
            issues.Add(Unsupported(name, $"'{target}' is not a target type of '{source}:{code}'."));
            return true;
        }

        includes.Add(new IncludeDirective(reverse, iterate, source, code == "*" ? null : code, target));
        return true;
    }
}
