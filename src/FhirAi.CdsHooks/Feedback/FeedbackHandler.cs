using System.Globalization;
using System.Text.Json;
using FhirAi.Fhir.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirAi.CdsHooks.Feedback;

/// <summary>
/// <c>POST {base}/cds-services/{id}/feedback</c>: validates and stores feedback (200 with the counts received and newly
/// stored; 400 with an OperationOutcome naming each problem; 404 for an unknown service; 413 over the size limit; 415 for
/// a non-JSON body). <c>GET {base}/cds-services/{id}/feedback</c>: the summary per card type (docs/cds-hooks-security.md).
/// </summary>
internal sealed partial class FeedbackHandler(ICdsFeedbackStore store, TimeProvider time, ILogger<FeedbackHandler> logger)
{
    /// <summary>Largest feedback body accepted, in bytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public async Task<IResult> ReceiveAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!CdsServiceIds.All.Contains(id, StringComparer.Ordinal))
        {
            return NotFound(id);
        }

        if (request.ContentType is { Length: > 0 } contentType && !IsJson(contentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, OutcomeIssue.Error(IssueCodes.NotSupported, "Feedback must be sent as application/json."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadLimitedAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, OutcomeIssue.Error(IssueCodes.Structure, "The body is not valid JSON (or is nested deeper than 16 levels)."));
        }

        using (document)
        {
            var (items, issues) = FeedbackParser.Parse(document.RootElement);
            if (issues.Count > 0)
            {
                LogRefused(logger, id, issues.Count);
                return Problem(StatusCodes.Status400BadRequest, [.. issues]);
            }

            var stored = await store.SaveAsync(id, items, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogStored(logger, id, items.Count, stored);
            return Results.Json(new FeedbackReceipt(items.Count, stored));
        }
    }

    public async Task<IResult> SummaryAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!CdsServiceIds.All.Contains(id, StringComparer.Ordinal))
        {
            return NotFound(id);
        }

        var issues = new List<OutcomeIssue>();
        var from = Instant(request.Query["since"], "since", issues);
        var to = Instant(request.Query["until"], "until", issues);
        if (issues.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, [.. issues]);
        }

        var feedback = await store.CountFeedbackAsync(id, from, to, cancellationToken).ConfigureAwait(false);
        var issued = await store.CountIssuedAsync(id, from, to, cancellationToken).ConfigureAwait(false);
        return Results.Json(FeedbackSummary.Build(id, from, to, feedback, issued));
    }

    private static DateTimeOffset? Instant(Microsoft.Extensions.Primitives.StringValues values, string name, List<OutcomeIssue> issues)
    {
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (values.Count == 1 && DateTimeOffset.TryParseExact(values[0], formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, $"{name} must be one date (2026-11-01) or date-time with offset (2026-11-01T00:00:00Z).", name));
        return null;
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, OutcomeIssue.Error(IssueCodes.NotFound, "No CDS service has this id.", id.Length > 64 ? null : "id"));

    private static IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, OutcomeIssue.Error(IssueCodes.TooCostly, $"Feedback bodies are limited to {MaxBodyBytes} bytes."));

    private static IResult Problem(int status, params OutcomeIssue[] issues) =>
        Results.Json(OperationOutcomeJson.Create(issues), statusCode: status, contentType: "application/json");

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS feedback for {ServiceId}: {Received} entries, {Stored} new")]
    private static partial void LogStored(ILogger logger, string serviceId, int received, int stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS feedback for {ServiceId} refused: {IssueCount} problems")]
    private static partial void LogRefused(ILogger logger, string serviceId, int issueCount);
}
