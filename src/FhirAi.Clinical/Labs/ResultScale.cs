namespace FhirAi.Clinical.Labs;

/// <summary>Whether a test reports a number (flagged against ranges) or a coded value (flagged by its abnormal codes).</summary>
public enum ResultScale
{
    Quantitative,
    Qualitative,
}
