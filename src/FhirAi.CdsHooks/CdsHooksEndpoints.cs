using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using FhirAi.CdsHooks.Data;
using FhirAi.CdsHooks.Discovery;
using FhirAi.CdsHooks.Feedback;
using FhirAi.CdsHooks.Protocol;
using FhirAi.CdsHooks.Services;
using FhirAi.Clinical.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks;

/// <summary>
/// The CDS Hooks 2.0.1 handlers: discovery (<c>GET /cds-services</c>) and service calls (<c>POST /cds-services/{id}</c>).
/// Statuses as the spec names them: 200 with cards (possibly none), 400 for a malformed request (a JSON message, not an
/// OperationOutcome), 404 for an unknown service, 412 when required data can be neither prefetched nor fetched, 413
/// above the body limit. The routes, CORS and the JWT check are the Server's.
/// </summary>
public sealed class CdsHooksEndpoints
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly PatientDataGatherer _gatherer;
    private readonly PatientViewService _patientView;
    private readonly MedicationReviewService _medicationReview;
    private readonly IOptions<CdsHooksOptions> _options;
    private readonly ILogger<CdsHooksEndpoints> _logger;
    private readonly IIssuedCardLog? _issuedCards;

    /// <param name="issuedCards">Where returned cards are recorded for feedback summaries; null when no feedback store is wired.</param>
    internal CdsHooksEndpoints(
        PatientDataGatherer gatherer, PatientViewService patientView, MedicationReviewService medicationReview,
        IOptions<CdsHooksOptions> options, ILogger<CdsHooksEndpoints> logger, IIssuedCardLog? issuedCards)
    {
        _issuedCards = issuedCards;
        _gatherer = gatherer;
        _patientView = patientView;
        _medicationReview = medicationReview;
        _options = options;
        _logger = logger;
    }

    /// <summary><c>GET /cds-services</c>: both services with hooks, titles, descriptions and prefetch templates.</summary>
    public IResult Discovery() => Results.Json(CdsServiceCatalog.Document, Json, "application/json");

    /// <summary><c>POST /cds-services/{id}</c>.</summary>
    public async Task<IResult> CallAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var hooks = CdsServiceCatalog.HooksOf(id);
        if (hooks.Count == 0)
        {
            return Refuse(id, StatusCodes.Status404NotFound, "There is no CDS service with this id; GET /cds-services lists them.");
        }

        var (body, tooLarge) = await ReadBodyAsync(request, _options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (tooLarge)
        {
            return Refuse(id, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {_options.Value.MaxBodyBytes} bytes.");
        }

        var parsed = CdsRequestParser.Parse(body);
        if (parsed.Error is not null)
        {
            return Refuse(id, StatusCodes.Status400BadRequest, parsed.Error);
        }

        using var cdsRequest = parsed.Request!;
        if (!hooks.Contains(cdsRequest.Hook, StringComparer.Ordinal))
        {
            return Refuse(id, StatusCodes.Status400BadRequest,
                $"The service {id} answers the hook(s) {string.Join(", ", hooks)}, not '{CdsRequestParser.Printable(cdsRequest.Hook)}'.");
        }

        var language = OutputLanguages.Parse(request.Headers.AcceptLanguage.ToString());
        IReadOnlyList<Card> cards;
        int fetched;
        if (id == CdsServiceIds.MedicationReview)
        {
            var (drafts, error) = DraftOrders.Read(cdsRequest);
            if (error is not null)
            {
                return Refuse(id, StatusCodes.Status400BadRequest, error);
            }

            if (drafts!.Orders.Count == 0)
            {
                // No draft MedicationRequest (or none selected): nothing to review, nothing to fetch.
                return Answer(id, cdsRequest.Hook, [], 0, started);
            }

            var data = await _gatherer.GatherAsync(cdsRequest, CdsServiceCatalog.MedicationReviewPrefetch, cancellationToken).ConfigureAwait(false);
            if (data.FailedKey is not null)
            {
                return PreconditionFailed(id, cdsRequest.Hook, data);
            }

            cards = _medicationReview.Review(drafts, data, language);
            fetched = data.Fetched;
        }
        else
        {
            var patientId = cdsRequest.ContextString("patientId");
            if (string.IsNullOrWhiteSpace(patientId))
            {
                return Refuse(id, StatusCodes.Status400BadRequest, "'context.patientId' is required and must be a string.");
            }

            var data = await _gatherer.GatherAsync(cdsRequest, CdsServiceCatalog.PatientViewPrefetch, cancellationToken).ConfigureAwait(false);
            if (data.FailedKey is not null)
            {
                return PreconditionFailed(id, cdsRequest.Hook, data);
            }

            cards = _patientView.Review(patientId, data, language);
            fetched = data.Fetched;
        }

        return Answer(id, cdsRequest.Hook, cards, fetched, started);
    }

    /// <summary>Serialises a response the way the endpoints do (tests read it back).</summary>
    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private IResult Answer(string id, string hook, IReadOnlyList<Card> cards, int fetched, long started)
    {
        CdsHooksLog.Answered(_logger, id, hook, cards.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, fetched);
        if (cards.Count > 0)
        {
            _issuedCards?.Record(id, cards.Select(card => new IssuedCard(card.Uuid, card.CardType)).ToList());
        }

        return Results.Json(new CdsResponse(cards), Json, "application/json");
    }

    private IResult PreconditionFailed(string id, string hook, PatientDataGatherer.Gathered data)
    {
        CdsHooksLog.PreconditionFailed(_logger, id, hook, data.FailedKey!);
        return Results.Json(
            new ErrorBody($"Required data '{data.FailedKey}' could not be obtained: {data.Failure}. Send it as prefetch, or a fhirServer and fhirAuthorization that can read it."),
            Json, "application/json", StatusCodes.Status412PreconditionFailed);
    }

    private IResult Refuse(string id, int status, string message)
    {
        CdsHooksLog.Refused(_logger, CdsRequestParser.Printable(id), status);
        return Results.Json(new ErrorBody(message), Json, "application/json", status);
    }

    private static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.WrittenMemory, false);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return (ReadOnlyMemory<byte>.Empty, true);
            }
        }
    }

    private sealed record ErrorBody([property: JsonPropertyName("message")] string Message);
}
