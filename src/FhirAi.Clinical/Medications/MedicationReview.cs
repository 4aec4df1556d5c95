namespace FhirAi.Clinical.Medications;

/// <summary>The result of a review: the findings, the entries that could not be resolved, and the knowledge-base version used.</summary>
public sealed record MedicationReview(IReadOnlyList<MedicationFinding> Findings, IReadOnlyList<UnresolvedMedication> Unresolved, string KnowledgeBaseVersion);
