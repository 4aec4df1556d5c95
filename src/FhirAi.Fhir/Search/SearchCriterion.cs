using FhirAi.Fhir.Definitions;

namespace FhirAi.Fhir.Search;

/// <summary>
/// One search parameter of a query: its code, type and modifier, and the values it may take
/// (a comma-separated list means any of them). Several criteria must all hold.
/// </summary>
public sealed record SearchCriterion(string Parameter, SearchParamType Type, string? Modifier, IReadOnlyList<string> Values)
{
    /// <summary>
    /// For a chained or <c>_has</c> parameter, the ways it can hold (any of them); the criterion's own
    /// <see cref="Type"/>, <see cref="Modifier"/> and <see cref="Values"/> are then those of the leaves. Null for a plain parameter.
    /// </summary>
    public IReadOnlyList<JoinedCriterion>? Joins { get; init; }

    /// <summary>For a composite parameter, the types of its components in order (values are joined by <c>$</c>).</summary>
    public IReadOnlyList<SearchParamType> ComponentTypes { get; init; } = [];
}
