using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.Tests.Medications;

/// <summary>Builders for review inputs; one knowledge base for all tests (it is immutable).</summary>
internal static class Meds
{
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Snomed = "http://snomed.info/sct";

    public static readonly DrugKnowledgeBase Knowledge = DrugKnowledgeBase.LoadEmbedded();

    public static readonly MedicationReviewer Reviewer = new(Knowledge);

    public static MedicationEntry Rx(string reference, string rxcui, DoseInstruction? dose = null) =>
        new() { Reference = reference, Codes = [new CodedConcept(RxNorm, rxcui)], Dose = dose };

    /// <summary>
    /// An order for an ingredient of the base: coded with its RxNorm ingredient code when that code was checked (so it maps),
    /// otherwise by the ingredient's name (a name match, flagged lower confidence), as an unchecked code maps nothing.
    /// </summary>
    public static MedicationEntry Drug(string reference, string ingredientId, DoseInstruction? dose = null)
    {
        var ingredient = Knowledge.AllIngredients.Single(i => i.Id == ingredientId);
        return ingredient.Rxcui is { } code && Knowledge.KnowsIngredient(code) ? Rx(reference, code, dose) : Named(reference, ingredient.Name, dose);
    }

    public static MedicationEntry Named(string reference, string text, DoseInstruction? dose = null) =>
        new() { Reference = reference, Text = text, Dose = dose };

    public static AllergyEntry Allergy(string reference, string system, string code, string? display = null) =>
        new() { Reference = reference, Codes = [new CodedConcept(system, code, display)] };

    public static MedicationReview Review(
        IReadOnlyList<MedicationEntry> proposed,
        IReadOnlyList<MedicationEntry>? current = null,
        IReadOnlyList<AllergyEntry>? allergies = null,
        RenalFunction? renal = null,
        int? age = null) =>
        Reviewer.Review(new MedicationReviewInput
        {
            Proposed = proposed,
            Current = current ?? [],
            Allergies = allergies ?? [],
            Renal = renal,
            AgeYears = age,
        });
}
