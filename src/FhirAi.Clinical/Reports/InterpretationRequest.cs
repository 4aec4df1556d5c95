using FhirAi.Clinical.Common;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Clinical.Reports;

/// <summary>A DiagnosticReport to interpret, with its results, its patient and the rest of the patient's record.</summary>
public sealed record InterpretationRequest
{
    /// <summary>The report and the reference outputs use for it ("DiagnosticReport/123").</summary>
    public required RecordResource Report { get; init; }

    /// <summary>The report's result Observations.</summary>
    public required IReadOnlyList<RecordResource> Results { get; init; }

    /// <summary>The report's subject, when known.</summary>
    public RecordResource? Patient { get; init; }

    /// <summary>The patient's other Observations, Conditions and MedicationRequests (history, risk-model inputs).</summary>
    public IReadOnlyList<RecordResource> History { get; init; } = [];

    public OutputLanguage Language { get; init; } = OutputLanguage.English;

    /// <summary>Problems met while gathering the inputs (a result not in the store, …); reported with the interpretation's own.</summary>
    public IReadOnlyList<OutcomeIssue> Problems { get; init; } = [];
}
