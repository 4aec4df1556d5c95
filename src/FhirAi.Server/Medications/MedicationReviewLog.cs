namespace FhirAi.Server.Medications;

/// <summary>Structured log messages of medication review; counts and timings only, never patient data.</summary>
internal static partial class MedicationReviewLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information,
        Message = "Medication review: {Proposed} proposed, {Current} current, {Allergies} allergies, {Findings} findings, {Unresolved} unresolved, persisted {Persisted}, {ElapsedMs} ms")]
    public static partial void Reviewed(ILogger logger, int proposed, int current, int allergies, int findings, int unresolved, bool persisted, double elapsedMs);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Drug knowledge base {Version} loaded")]
    public static partial void KnowledgeBaseLoaded(ILogger logger, string version);
}
