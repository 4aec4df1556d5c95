namespace FhirAi.Clinical.Common;

/// <summary>The languages clinical texts are written in.</summary>
public enum OutputLanguage
{
    English,
    SimplifiedChinese,
}
