namespace FhirAi.Clinical.Medications;

/// <summary>An entry no code or name in the knowledge base matched; it was not checked.</summary>
public sealed record UnresolvedMedication(string Reference, string? Text);
