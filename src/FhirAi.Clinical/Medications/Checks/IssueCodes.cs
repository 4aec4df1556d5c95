using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// DetectedIssue.code values from v3-ActCode (http://terminology.hl7.org/CodeSystem/v3-ActCode), displays as in the
/// code system; each is in the R4B expansion of detectedissue-category (preferred binding). See docs/drug-knowledge.md.
/// </summary>
internal static class IssueCodes
{
    public const string System = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>Drug–drug interaction.</summary>
    public static readonly CodedConcept DrugInteraction = new(System, "DRG", "Drug Interaction Alert");

    /// <summary>The same ingredient ordered twice (including inside a combination product).</summary>
    public static readonly CodedConcept DuplicateGeneric = new(System, "DUPTHPGEN", "duplicate generic alert");

    /// <summary>Two ingredients of the same ATC level-4 subgroup (display as the code system spells it).</summary>
    public static readonly CodedConcept DuplicateClass = new(System, "DUPTHPCLS", "duplicate therapeutic alass alert");

    public static readonly CodedConcept Allergy = new(System, "ALGY", "Allergy Alert");

    /// <summary>Renal dose limits: the order conflicts with a lab result (eGFR).</summary>
    public static readonly CodedConcept Lab = new(System, "LAB", "Lab Alert");

    /// <summary>Daily dose above the adult maximum.</summary>
    public static readonly CodedConcept HighDose = new(System, "DOSEH", "High Dose Alert");

    /// <summary>AGS Beers criteria for patients 65 and older.</summary>
    public static readonly CodedConcept Geriatric = new(System, "GEALRT", "geriatric alert");
}
