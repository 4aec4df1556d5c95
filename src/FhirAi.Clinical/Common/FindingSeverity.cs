namespace FhirAi.Clinical.Common;

/// <summary>How urgently a decision-support finding needs a clinician's attention; ordered so that a higher value is more severe.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Critical,
}
