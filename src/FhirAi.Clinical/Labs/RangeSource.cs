namespace FhirAi.Clinical.Labs;

/// <summary>Which reference range a flag was computed against.</summary>
public enum RangeSource
{
    Observation,
    KnowledgeBase,
}
