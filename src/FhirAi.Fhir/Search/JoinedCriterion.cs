namespace FhirAi.Fhir.Search;

/// <summary>
/// One way a chained or <c>_has</c> parameter can hold: the hops from the searched type, then a plain
/// criterion (<paramref name="Leaf"/>) on the type the last hop arrives at.
/// </summary>
public sealed record JoinedCriterion(IReadOnlyList<JoinStep> Steps, SearchCriterion Leaf);
