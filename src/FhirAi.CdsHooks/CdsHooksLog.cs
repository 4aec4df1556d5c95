using Microsoft.Extensions.Logging;

namespace FhirAi.CdsHooks;

/// <summary>Structured log messages of the CDS Hooks services: ids, counts and timings only, never patient data or tokens.</summary>
internal static partial class CdsHooksLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "CDS service {ServiceId} ({Hook}) answered {Cards} card(s) in {ElapsedMs:F1} ms (fetched {Fetched} prefetch key(s))")]
    public static partial void Answered(ILogger logger, string serviceId, string hook, int cards, double elapsedMs, int fetched);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "CDS FHIR fetch of {ResourceType} failed: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string resourceType, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "CDS service {ServiceId} ({Hook}) answered 412: required data unobtainable ({Key})")]
    public static partial void PreconditionFailed(ILogger logger, string serviceId, string hook, string key);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "CDS service {ServiceId} refused a request: {Status}")]
    public static partial void Refused(ILogger logger, string serviceId, int status);
}
