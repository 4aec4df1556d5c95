namespace FhirAi.Storage.Model;

/// <summary>
/// One CDS Hooks feedback event (CDS Hooks 2.0.1 §Feedback). The key (service, card, outcome time) makes a re-sent
/// feedback a no-op. No patient data: the clinician's free-text comment is not stored, only whether there was one.
/// </summary>
internal sealed class CdsFeedbackRow
{
    public required string ServiceId { get; set; }
    public required string CardUuid { get; set; }
    public long OutcomeMicros { get; set; }
    public required string Outcome { get; set; }
    public string? ReasonSystem { get; set; }
    public string? ReasonCode { get; set; }
    public string? ReasonDisplay { get; set; }
    public bool HasUserComment { get; set; }

    /// <summary>The accepted suggestions' uuids, comma-separated.</summary>
    public string? AcceptedSuggestions { get; set; }

    public long ReceivedMicros { get; set; }
}
