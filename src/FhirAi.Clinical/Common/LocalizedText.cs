namespace FhirAi.Clinical.Common;

/// <summary>A text written in every output language; knowledge-base entries carry both.</summary>
public sealed record LocalizedText(string English, string SimplifiedChinese)
{
    public string For(OutputLanguage language) => language == OutputLanguage.SimplifiedChinese ? SimplifiedChinese : English;
}
