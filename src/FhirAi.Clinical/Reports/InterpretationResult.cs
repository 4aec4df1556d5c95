using System.Text.Json.Nodes;
using FhirAi.Clinical.Labs;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The answer of <c>$interpret</c>: the output Parameters, the new resources it holds (RiskAssessments, the
/// GuidanceResponse and the Provenance, with ids, for <c>persist=true</c>), the problems met on the way, and the
/// domain results they were written from.
/// </summary>
public sealed record InterpretationResult
{
    public required JsonObject Parameters { get; init; }

    public required IReadOnlyList<JsonObject> NewResources { get; init; }

    public required IReadOnlyList<OutcomeIssue> Issues { get; init; }

    public required ReportInterpretation Labs { get; init; }

    public required IReadOnlyList<RiskRun> Risks { get; init; }
}
