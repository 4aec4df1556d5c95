using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>What the lab rules need to know about the patient: sex for sex-specific intervals, age for age bands and eGFR.</summary>
public sealed record PatientFacts(AdministrativeSex Sex, int? AgeYears);
