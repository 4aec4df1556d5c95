using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>A pattern recognised across the report and the record: decision support, never a diagnosis.</summary>
public sealed record PatternFinding
{
    public required string RuleId { get; init; }

    public required string RuleVersion { get; init; }

    public required FindingSeverity Severity { get; init; }

    /// <summary>For DiagnosticReport.conclusionCode; only codes that were verified, otherwise null.</summary>
    public CodedConcept? Code { get; init; }

    /// <summary>References of the results used (including the inputs of a computed eGFR).</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    public required Citation Citation { get; init; }

    public required LocalizedText ClinicianText { get; init; }

    public required LocalizedText PatientText { get; init; }
}
