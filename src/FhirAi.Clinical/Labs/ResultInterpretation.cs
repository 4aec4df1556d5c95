using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>The interpretation of one result.</summary>
public sealed record ResultInterpretation
{
    public required LabResult Result { get; init; }

    public required ResultStatus Status { get; init; }

    /// <summary>HL7 v3 ObservationInterpretation code: N, L, H, LL, HH, A or AA; null when not interpreted.</summary>
    public string? Flag { get; init; }

    /// <summary>The value in the canonical unit.</summary>
    public decimal? Value { get; init; }

    public string? CanonicalUnit { get; init; }

    public AppliedRange? Range { get; init; }

    public ResultDelta? Delta { get; init; }

    /// <summary>The knowledge-base entry the result matched, if any.</summary>
    public LabTest? Test { get; init; }

    /// <summary>One line for the clinician.</summary>
    public required LocalizedText Summary { get; init; }
}
