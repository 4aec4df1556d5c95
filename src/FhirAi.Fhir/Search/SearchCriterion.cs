using FhirAi.Fhir.Definitions;

namespace FhirAi.Fhir.Search;

/// <summary>
/// One search parameter of a query: its code, type and modifier, and the values it may take
/// (a comma-separated list means any of them). Several criteria must all hold.
/// </summary>
public sealed record SearchCriterion(string Parameter, SearchParamType Type, string? Modifier, IReadOnlyList<string> Values)
{
    /// <summary>For a composite parameter, the types of its components in order (values are joined by <c>$</c>).</summary>
    public IReadOnlyList<SearchParamType> ComponentTypes { get; init; } = [];
}
