namespace FhirAi.Clinical.Common;

/// <summary>Patient.gender as the rules need it; sex-specific ranges and equations fall back when Unknown/Other.</summary>
public enum AdministrativeSex
{
    Unknown,
    Male,
    Female,
    Other,
}
