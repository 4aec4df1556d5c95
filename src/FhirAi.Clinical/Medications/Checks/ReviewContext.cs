using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>One review's resolved inputs, shared by the checks.</summary>
internal sealed record ReviewContext(
    DrugKnowledgeBase Knowledge,
    MedicationReviewInput Input,
    IReadOnlyList<ResolvedMedication> Proposed,
    IReadOnlyList<ResolvedMedication> Current)
{
    /// <summary>Every entry the proposed ones are checked against: the later proposed ones and the current list.</summary>
    public IEnumerable<(ResolvedMedication Proposed, ResolvedMedication Other)> Pairs()
    {
        for (var i = 0; i < Proposed.Count; i++)
        {
            for (var j = i + 1; j < Proposed.Count; j++)
            {
                yield return (Proposed[i], Proposed[j]);
            }

            foreach (var current in Current)
            {
                yield return (Proposed[i], current);
            }
        }
    }

    public IEnumerable<ResolvedMedication> All => Proposed.Concat(Current);
}
