namespace FhirAi.Clinical.Medications;

/// <summary>
/// What a review looks at: the proposed orders are checked against each other and against the current list;
/// current-versus-current pairs are not re-alerted.
/// </summary>
public sealed record MedicationReviewInput
{
    public required IReadOnlyList<MedicationEntry> Proposed { get; init; }

    /// <summary>The patient's active MedicationRequests and MedicationStatements (not including the proposed ones).</summary>
    public IReadOnlyList<MedicationEntry> Current { get; init; } = [];

    public IReadOnlyList<AllergyEntry> Allergies { get; init; } = [];

    /// <summary>The latest eGFR, or null when none is known (renal checks are then skipped).</summary>
    public RenalFunction? Renal { get; init; }

    /// <summary>Age in whole years, or null when unknown (Beers checks are then skipped).</summary>
    public int? AgeYears { get; init; }
}
