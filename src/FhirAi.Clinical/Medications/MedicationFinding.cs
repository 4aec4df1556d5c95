using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Medications;

/// <summary>One finding of a medication review, the content of one DetectedIssue.</summary>
public sealed record MedicationFinding
{
    public required FindingKind Kind { get; init; }

    /// <summary>DetectedIssue.code, a v3-ActCode coding (DRG, DUPTHPGEN, ALGY, …).</summary>
    public required CodedConcept IssueCode { get; init; }

    public required IssueSeverity Severity { get; init; }

    /// <summary>References of the medication entries involved (both orders of an interaction).</summary>
    public required IReadOnlyList<string> Implicated { get; init; }

    /// <summary>References of the evidence (AllergyIntolerance, eGFR Observation), possibly empty.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The knowledge-base rule that fired (stable id, for example <c>ddi.warfarin-nsaid</c>).</summary>
    public required string RuleId { get; init; }

    public required Citation Citation { get; init; }

    /// <summary>DetectedIssue.detail for the clinician.</summary>
    public required LocalizedText Detail { get; init; }

    /// <summary>DetectedIssue.mitigation suggestion.</summary>
    public required LocalizedText Mitigation { get; init; }

    /// <summary>True when an implicated entry was resolved only by its name (lower confidence).</summary>
    public bool LowConfidenceMatch { get; init; }
}
