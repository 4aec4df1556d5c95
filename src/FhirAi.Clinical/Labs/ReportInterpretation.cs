namespace FhirAi.Clinical.Labs;

/// <summary>Per-result interpretations and the report's findings, most severe first.</summary>
public sealed record ReportInterpretation(
    IReadOnlyList<ResultInterpretation> Results,
    IReadOnlyList<PatternFinding> Findings,
    string KnowledgeBaseVersion);
