namespace FhirAi.Clinical.Medications;

/// <summary>DetectedIssue.severity (http://hl7.org/fhir/detectedissue-severity): high, moderate, low.</summary>
public enum IssueSeverity
{
    High,
    Moderate,
    Low,
}
