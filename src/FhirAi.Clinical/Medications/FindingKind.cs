namespace FhirAi.Clinical.Medications;

/// <summary>The kinds of medication-review check.</summary>
public enum FindingKind
{
    Interaction,
    DuplicateTherapy,
    Allergy,
    RenalDose,
    DoseRange,
    Beers,
}
