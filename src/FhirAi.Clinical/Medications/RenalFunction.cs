namespace FhirAi.Clinical.Medications;

/// <summary>
/// The patient's latest eGFR in mL/min/1.73 m²; <paramref name="EvidenceReference"/> names the Observation it came
/// from (or the creatinine Observation when <paramref name="Computed"/> by CKD-EPI 2021).
/// </summary>
public sealed record RenalFunction(decimal Egfr, string? EvidenceReference, bool Computed);
