namespace FhirAi.Clinical.Labs;

/// <summary>Whether a result could be interpreted, and if not, why; never a guess.</summary>
public enum ResultStatus
{
    Interpreted,
    MissingValue,
    NonNumeric,
    UnknownUnit,
    UnknownTest,
    NoReferenceRange,
}
