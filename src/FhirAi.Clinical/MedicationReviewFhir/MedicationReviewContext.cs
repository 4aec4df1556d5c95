using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>A review's patient and its extracted input; every reference in the input is an input of the Provenance.</summary>
public sealed record MedicationReviewContext(ReviewPatient Patient, MedicationReviewInput Input);
