using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Reports;
using FhirAi.Fhir.Outcomes;
using FhirAi.Server.Http;
using FhirAi.Server.Rest;
using FhirAi.Server.Writes;
using FhirAi.Storage;

namespace FhirAi.Server.Reports;

/// <summary>
/// <c>POST DiagnosticReport/{id}/$interpret</c> (a stored report, its results, patient and record from the store;
/// <c>persist=true</c> stores the outputs in one transaction) and <c>POST DiagnosticReport/$interpret</c> (everything
/// in the Parameters, nothing stored).
/// </summary>
internal sealed class InterpretOperation(
    ReportInterpreter interpreter, PatientRecordLoader loader, ResourceStore store, FhirRequestReader reader, ResourceWriter writer, WriteSessions sessions)
{
    private const string ReportType = "DiagnosticReport";

    public static IResult Definition() => new JsonBodyResult(ReportConformance.InterpretOperationDefinition());

    public async Task<IResult> InterpretStoredAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await store.ReadAsync(ReportType, id, cancellationToken).ConfigureAwait(false);
        if (read.Status == ReadStatus.Gone)
        {
            return FhirError.Of(FhirErrorKind.Gone, IssueCodes.Deleted, $"{ReportType}/{id} has been deleted.");
        }

        if (read.Status != ReadStatus.Found || read.Resource!.Json is null)
        {
            return FhirError.NotFound($"{ReportType}/{id} does not exist.");
        }

        var (parameters, error) = await ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var issues = new List<OutcomeIssue>();
        using var document = JsonDocument.Parse(read.Resource.Json);
        var report = document.RootElement;
        var subject = report.TryGetProperty("subject", out var s) && s.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var patient = await loader.PatientAsync(subject, issues, cancellationToken).ConfigureAwait(false);
        var history = patient is null ? [] : await loader.HistoryAsync(patient.Reference, issues, cancellationToken).ConfigureAwait(false);
        var results = await loader.ResultsAsync(report, history, issues, cancellationToken).ConfigureAwait(false);
        var result = interpreter.Interpret(new InterpretationRequest
        {
            Report = new RecordResource($"{ReportType}/{id}", report),
            Results = results,
            Patient = patient,
            History = history,
            Language = Language(parameters, request),
            Problems = issues,
        });

        if (parameters?.Persist == true || IsTrue(request.Query["persist"]))
        {
            var persisted = await PersistAsync(result, cancellationToken).ConfigureAwait(false);
            if (persisted is not null)
            {
                return persisted;
            }
        }

        return new JsonBodyResult(result.Parameters);
    }

    public async Task<IResult> InterpretGivenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, readError) = await reader.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError;
        }

        using (document)
        {
            var (parameters, issues) = InterpretParameters.Read(document!.RootElement, instance: false);
            if (parameters is null)
            {
                return new FhirError(FhirErrorKind.BadRequest, issues);
            }

            if (parameters.Persist || IsTrue(request.Query["persist"]))
            {
                return FhirError.Of(FhirErrorKind.BadRequest, IssueCodes.NotSupported,
                    "persist=true needs a stored report: store it, then call DiagnosticReport/{id}/$interpret. DiagnosticReport/$interpret stores nothing.",
                    parameters.PersistExpression ?? "persist");
            }

            var report = parameters.Report!;
            var subject = report.Resource.TryGetProperty("subject", out var s) && s.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var patient = parameters.Patient is { } p && p.Reference.Length == 0
                ? p with { Reference = subject ?? $"urn:uuid:{Guid.NewGuid()}" }
                : parameters.Patient;
            var result = interpreter.Interpret(new InterpretationRequest
            {
                Report = report,
                Results = parameters.Results,
                Patient = patient,
                History = parameters.History,
                Language = Language(parameters, request),
            });
            return new JsonBodyResult(result.Parameters);
        }
    }

    /// <summary>Stores every new resource in one transaction; null when it committed, else the error (nothing stored).</summary>
    private async Task<IResult?> PersistAsync(InterpretationResult result, CancellationToken cancellationToken)
    {
        var documents = result.NewResources.Select(r => (Type: r["resourceType"]!.GetValue<string>(), Id: r["id"]!.GetValue<string>(), Json: JsonSerializer.SerializeToDocument(r))).ToList();
        try
        {
            var outcome = await sessions.RunAsync(async session =>
            {
                WriteOutcome? last = null;
                foreach (var (type, id, json) in documents)
                {
                    var (prepared, error) = writer.Prepare(type, id, json.RootElement);
                    if (error is not null)
                    {
                        return WriteOutcome.Fail(error);
                    }

                    last = await writer.UpdatePreparedAsync(session, type, id, json.RootElement, prepared!, null, cancellationToken).ConfigureAwait(false);
                    if (!last.IsSuccess)
                    {
                        return last;
                    }
                }

                return last!;
            }, cancellationToken).ConfigureAwait(false);
            return outcome.IsSuccess ? null : outcome.Error;
        }
        finally
        {
            foreach (var (_, _, json) in documents)
            {
                json.Dispose();
            }
        }
    }

    private async Task<(InterpretParameters? Parameters, FhirError? Error)> ReadOptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return (null, null);
        }

        var (document, readError) = await reader.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return (null, readError);
        }

        using (document)
        {
            var (parameters, issues) = InterpretParameters.Read(document!.RootElement, instance: true);
            return parameters is null ? (null, new FhirError(FhirErrorKind.BadRequest, issues)) : (parameters, null);
        }
    }

    private static OutputLanguage Language(InterpretParameters? parameters, HttpRequest request) =>
        parameters?.Language
        ?? (request.Query.TryGetValue("language", out var query) ? OutputLanguages.Parse(query.ToString()) : OutputLanguages.Parse(request.Headers.AcceptLanguage.ToString()));

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 1 && string.Equals(value[0], "true", StringComparison.Ordinal);
}
