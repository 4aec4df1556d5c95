using FhirAi.Clinical.Medications.Checks;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications;

/// <summary>
/// Reviews proposed medication orders against the current list, allergies, renal function and age: interactions,
/// duplicate therapy, allergy conflicts, renal dose limits, dose range and AGS Beers 2023. Only proposed orders are
/// checked (against each other and the current list); current-versus-current pairs are not re-alerted. Decision
/// support only. Thread-safe: it holds no state beyond the immutable knowledge base.
/// </summary>
public sealed class MedicationReviewer(DrugKnowledgeBase knowledge)
{
    public MedicationReview Review(MedicationReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var proposedReferences = input.Proposed.Select(p => p.Reference).ToHashSet(StringComparer.Ordinal);
        var unresolved = new List<UnresolvedMedication>();
        var proposed = Resolve(input.Proposed.DistinctBy(p => p.Reference), unresolved);
        var current = Resolve(input.Current.Where(c => !proposedReferences.Contains(c.Reference)).DistinctBy(c => c.Reference), unresolved);
        var context = new ReviewContext(knowledge, input, proposed, current);

        var findings = InteractionCheck.Run(context)
            .Concat(DuplicateTherapyCheck.Run(context))
            .Concat(AllergyCheck.Run(context))
            .Concat(RenalDoseCheck.Run(context))
            .Concat(DoseRangeCheck.Run(context))
            .Concat(BeersCheck.Run(context))
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Kind)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToArray();
        var skipped = new List<FindingKind>();
        if (input.Renal is null)
        {
            skipped.Add(FindingKind.RenalDose);
        }

        if (input.AgeYears is null)
        {
            skipped.Add(FindingKind.Beers);
        }

        return new MedicationReview(findings, unresolved, knowledge.Version) { SkippedChecks = skipped };
    }

    private List<ResolvedMedication> Resolve(IEnumerable<MedicationEntry> entries, List<UnresolvedMedication> unresolved)
    {
        var resolved = new List<ResolvedMedication>();
        foreach (var entry in entries)
        {
            if (MedicationResolver.Resolve(knowledge, entry) is { } medication)
            {
                resolved.Add(medication);
            }
            else
            {
                unresolved.Add(new UnresolvedMedication(entry.Reference, entry.Text ?? entry.Codes.FirstOrDefault()?.Display));
            }
        }

        return resolved;
    }
}
