namespace FhirAi.Clinical.Common;

/// <summary>One coding (system, code, display), FHIR-free so the clinical rules stay independent of JSON.</summary>
public sealed record CodedConcept(string System, string Code, string? Display = null);
