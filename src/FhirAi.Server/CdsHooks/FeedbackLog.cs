namespace FhirAi.Server.CdsHooks;

/// <summary>Log messages of CDS Hooks feedback storage (service ids and counts only).</summary>
internal static partial class FeedbackLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Issued-card queue full: a card of {ServiceId} was not recorded (its feedback will count as unrecorded)")]
    public static partial void IssuedCardDropped(ILogger logger, string serviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} issued cards failed: {Error}")]
    public static partial void IssuedCardWriteFailed(ILogger logger, int count, string error);
}
