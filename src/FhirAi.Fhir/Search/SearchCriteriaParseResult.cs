using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Search;

/// <summary>The criteria understood, and an issue for every parameter that was not.</summary>
public sealed record SearchCriteriaParseResult(IReadOnlyList<SearchCriterion> Criteria, IReadOnlyList<OutcomeIssue> Issues)
{
    /// <summary>The <c>_include</c> and <c>_revinclude</c> values understood, in request order.</summary>
    public IReadOnlyList<IncludeDirective> Includes { get; init; } = [];
}
