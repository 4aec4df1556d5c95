using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>One result Observation, already extracted from its JSON; the lab rules never see FHIR.</summary>
public sealed record LabResult
{
    /// <summary>"Observation/123" or a urn; repeated as evidence in findings.</summary>
    public required string Reference { get; init; }

    /// <summary>The LOINC code of Observation.code, when it has one.</summary>
    public string? Loinc { get; init; }

    public string? Display { get; init; }

    /// <summary>valueQuantity.value.</summary>
    public decimal? Value { get; init; }

    /// <summary>valueQuantity.code (UCUM), or its unit when no code is given.</summary>
    public string? Unit { get; init; }

    /// <summary>valueCodeableConcept's first coding, for qualitative results.</summary>
    public CodedConcept? CodedValue { get; init; }

    /// <summary>valueString, or valueCodeableConcept.text.</summary>
    public string? ValueText { get; init; }

    /// <summary>The Observation's own referenceRange (first one), which wins over the knowledge base.</summary>
    public ObservedRange? Range { get; init; }

    public DateTimeOffset? Effective { get; init; }
}
