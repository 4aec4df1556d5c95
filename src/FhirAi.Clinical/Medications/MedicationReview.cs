namespace FhirAi.Clinical.Medications;

/// <summary>The result of a review: the findings, the entries that could not be resolved, and the knowledge-base version used.</summary>
public sealed record MedicationReview(IReadOnlyList<MedicationFinding> Findings, IReadOnlyList<UnresolvedMedication> Unresolved, string KnowledgeBaseVersion)
{
    /// <summary>
    /// Checks that could not run for lack of input: <see cref="FindingKind.RenalDose"/> without an eGFR,
    /// <see cref="FindingKind.Beers"/> without an age. Worth saying in the output so "no issue" is not read as "checked".
    /// </summary>
    public IReadOnlyList<FindingKind> SkippedChecks { get; init; } = [];
}
