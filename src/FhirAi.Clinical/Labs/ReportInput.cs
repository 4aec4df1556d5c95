namespace FhirAi.Clinical.Labs;

/// <summary>A report to interpret: its results, the patient, and what the record says from before.</summary>
public sealed record ReportInput
{
    /// <summary>The report's result Observations; each is interpreted and flagged.</summary>
    public required IReadOnlyList<LabResult> Results { get; init; }

    public required PatientFacts Patient { get; init; }

    /// <summary>result.Reference → the patient's previous result of the same test, for the delta check.</summary>
    public IReadOnlyDictionary<string, LabResult> PreviousByReference { get; init; } = new Dictionary<string, LabResult>();

    /// <summary>The patient's latest earlier results of tests the report lacks (for example urine ACR); used by patterns, never flagged.</summary>
    public IReadOnlyList<LabResult> RecordResults { get; init; } = [];
}
