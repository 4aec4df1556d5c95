using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Storage;

namespace FhirAi.Server.Search;

/// <summary>
/// What a search endpoint asks the runner for: the types searched, the path its links use
/// (<c>Patient</c>, <c>Patient/1/Observation</c>, empty for system level), an optional compartment,
/// whether it is <c>$everything</c>, and the criteria (and issues) its parameters gave.
/// </summary>
internal sealed record SearchPlan(
    IReadOnlyList<string> Types,
    string Path,
    IReadOnlyList<SearchCriterion> Criteria,
    IReadOnlyList<OutcomeIssue> Issues)
{
    public CompartmentFilter? Compartment { get; init; }

    public bool Everything { get; init; }

    /// <summary><c>$everything</c>'s <c>start</c>/<c>end</c>.</summary>
    public CareDateFilter? CareDates { get; init; }

    /// <summary>The <c>_include</c>/<c>_revinclude</c> directives applied to each page's matches.</summary>
    public IReadOnlyList<IncludeDirective> Includes { get; init; } = [];

    /// <summary>Null for a type-level search of <see cref="Types"/>[0]; else the types span several (system, compartment <c>*</c>, <c>$everything</c>).</summary>
    public bool MultiType { get; init; }
}
