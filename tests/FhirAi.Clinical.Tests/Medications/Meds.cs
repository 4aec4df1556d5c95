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
