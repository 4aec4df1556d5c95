using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Definitions.Custom;

/// <summary>
/// What a SearchParameter write means for the registry: <see cref="Errors"/> refuse the write; otherwise
/// <see cref="Definition"/> is registered after commit (null: the resource is not active and registers nothing).
/// </summary>
public sealed record CustomSearchParameterCheck(SearchParameterDefinition? Definition, IReadOnlyList<OutcomeIssue> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
