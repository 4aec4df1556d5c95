using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Server.Http;
using FhirAi.Server.Rest;
using FhirAi.Storage;

namespace FhirAi.Server.Search;

/// <summary>
/// Turns the "where" of a search into a <see cref="SearchPlan"/>: one type, the system level with
/// <c>_type</c> (only parameters every listed type shares), or a compartment (<c>Patient/1/Observation</c>,
/// <c>Patient/1/*</c>) from the official CompartmentDefinition.
/// </summary>
internal sealed class SearchPlanner(FhirDefinitions definitions, SearchCriteriaParser parser)
{
    /// <summary>Most types one <c>_type</c> may list; more is refused (each type is one branch of the SQL).</summary>
    public const int MaxTypes = 50;

    public SearchPlan ForType(string type, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var parsed = parser.Parse(type, pairs);
        return new SearchPlan([type], type, parsed.Criteria, parsed.Issues) { Includes = parsed.Includes };
    }

    public (SearchPlan? Plan, FhirError? Error) ForSystem(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var listed = pairs.Where(p => p.Key == "_type").SelectMany(p => SearchCriteriaParser.SplitValues(p.Value)).Distinct(StringComparer.Ordinal).ToList();
        var unknown = listed.FirstOrDefault(t => !definitions.IsResourceType(t));
        if (unknown is not null)
        {
            return (null, FhirError.BadRequest($"'{unknown}' in _type is not an R4 resource type.", "_type"));
        }

        if (listed.Count > MaxTypes)
        {
            return (null, FhirError.BadRequest($"_type may list at most {MaxTypes} types.", "_type"));
        }

        // Without _type every type is searched, so only the parameters defined on Resource apply.
        var types = listed.Count > 0 ? listed : definitions.ResourceTypes.ToList();
        var (criteria, issues) = Common(listed.Count > 0 ? listed : ["Resource"], Without(pairs, "_type"));
        return (new SearchPlan(types, string.Empty, criteria, issues) { MultiType = true }, null);
    }

    public (SearchPlan? Plan, FhirError? Error) ForCompartment(string compartmentType, string id, string type, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (!definitions.TryGetCompartment(compartmentType, out var compartment))
        {
            return (null, FhirError.NotFound($"{compartmentType} is not a compartment type (Patient, Encounter, RelatedPerson, Practitioner, Device)."));
        }

        var filter = new CompartmentFilter(compartmentType, id, compartment.ParametersByResourceType);
        if (type == "*")
        {
            var members = compartment.ParametersByResourceType.Keys.Order(StringComparer.Ordinal).ToList();
            var (criteria, issues) = Common(members, pairs);
            return (new SearchPlan(members, $"{compartmentType}/{id}/*", criteria, issues) { Compartment = filter, MultiType = true }, null);
        }

        if (!definitions.IsResourceType(type))
        {
            return (null, ResourceWriteChecks.UnknownType(type));
        }

        if (compartment.GetParameters(type).Count == 0)
        {
            return (null, FhirError.BadRequest($"{type} is not in the {compartmentType} compartment.", type));
        }

        var parsed = parser.Parse(type, pairs);
        return (new SearchPlan([type], $"{compartmentType}/{id}/{type}", parsed.Criteria, parsed.Issues) { Compartment = filter, Includes = parsed.Includes }, null);
    }

    /// <summary>The criteria every type accepts alike; a parameter some type lacks is reported and ignored.</summary>
    public (IReadOnlyList<SearchCriterion> Criteria, IReadOnlyList<OutcomeIssue> Issues) Common(IReadOnlyList<string> types, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var results = types.Select(t => parser.Parse(t, pairs)).ToList();
        var issues = results.SelectMany(r => r.Issues).DistinctBy(i => (i.Expression, i.Diagnostics)).ToList();
        var criteria = new List<SearchCriterion>();
        foreach (var criterion in results[0].Criteria)
        {
            if (results.All(r => r.Criteria.Any(c => c.Parameter == criterion.Parameter && c.Type == criterion.Type && c.Modifier == criterion.Modifier)))
            {
                criteria.Add(criterion);
            }
            else if (!issues.Any(i => i.Expression?.StartsWith(criterion.Parameter, StringComparison.Ordinal) == true))
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported,
                    $"'{criterion.Parameter}' is not a search parameter of every searched type ({string.Join(", ", types)}).", criterion.Parameter));
            }
        }

        // A parameter that some type lacks was reported above by that type's parse and must not filter the others.
        criteria.RemoveAll(c => results.Any(r => r.Issues.Any(i => i.Expression == c.Parameter || i.Expression?.StartsWith(c.Parameter + ":", StringComparison.Ordinal) == true)));
        return (criteria, issues);
    }

    private static List<KeyValuePair<string, string>> Without(IReadOnlyList<KeyValuePair<string, string>> pairs, string key) =>
        pairs.Where(p => p.Key != key).ToList();
}
