using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Medications;

/// <summary>One active AllergyIntolerance, already extracted: its code's codings (SNOMED CT, RxNorm, …) and text.</summary>
public sealed record AllergyEntry
{
    /// <summary>The allergy's reference (for example <c>AllergyIntolerance/7</c>), repeated in findings' evidence.</summary>
    public required string Reference { get; init; }

    public IReadOnlyList<CodedConcept> Codes { get; init; } = [];

    public string? Text { get; init; }

    /// <summary>AllergyIntolerance.criticality (<c>low</c>, <c>high</c>, <c>unable-to-assess</c>) when given.</summary>
    public string? Criticality { get; init; }
}
