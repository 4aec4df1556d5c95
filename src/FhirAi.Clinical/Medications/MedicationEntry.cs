using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Medications;

/// <summary>One MedicationRequest or MedicationStatement, already extracted from FHIR by the caller.</summary>
public sealed record MedicationEntry
{
    /// <summary>The entry's reference (for example <c>MedicationRequest/123</c>), repeated in findings' implicated lists.</summary>
    public required string Reference { get; init; }

    /// <summary>The codings of medicationCodeableConcept (or of the referenced Medication): RxNorm, ATC, …</summary>
    public IReadOnlyList<CodedConcept> Codes { get; init; } = [];

    /// <summary>medicationCodeableConcept.text or a display, used by the lower-confidence name fallback.</summary>
    public string? Text { get; init; }

    /// <summary>The first dosageInstruction's dose and frequency, when present.</summary>
    public DoseInstruction? Dose { get; init; }
}
