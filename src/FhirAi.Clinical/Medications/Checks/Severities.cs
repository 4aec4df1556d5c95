namespace FhirAi.Clinical.Medications.Checks;

/// <summary>Maps the data files' severity words to <see cref="IssueSeverity"/>.</summary>
internal static class Severities
{
    public static IssueSeverity Parse(string severity) => severity switch
    {
        "high" => IssueSeverity.High,
        "moderate" => IssueSeverity.Moderate,
        "low" => IssueSeverity.Low,
        _ => throw new InvalidDataException($"Unknown severity '{severity}'."),
    };

    /// <summary>The more severe of two (High is most severe).</summary>
    public static IssueSeverity Max(IssueSeverity a, IssueSeverity b) => a < b ? a : b;
}
