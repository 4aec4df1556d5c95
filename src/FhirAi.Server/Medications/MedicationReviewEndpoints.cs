using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Clinical.Medications;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Validation;
using FhirAi.Server.Http;
using FhirAi.Server.Rest;
using FhirAi.Server.Writes;
using FhirAi.Storage;

namespace FhirAi.Server.Medications;

/// <summary>
/// <c>POST MedicationRequest/[id]/$interpret</c> (a stored order against its patient's stored record) and
/// <c>POST MedicationRequest/$interpret</c> (proposed orders in a Parameters, not stored). Both answer with the
/// review's Parameters; <c>persist=true</c> stores the DetectedIssues and the Provenance in one transaction.
/// </summary>
internal sealed class MedicationReviewEndpoints(
    MedicationReviewer reviewer,
    MedicationContextLoader loader,
    ResourceStore store,
    ResourceValidator validator,
    FhirRequestReader reader,
    ResourceWriter writer,
    WriteSessions sessions,
    TimeProvider time,
    ILogger<MedicationReviewEndpoints> logger)
{
    private const string OrderType = "MedicationRequest";

    private static readonly string SoftwareVersion =
        typeof(MedicationReviewEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";

    /// <summary>The OperationDefinition, so that the CapabilityStatement's canonical resolves here too.</summary>
    public static IResult Definition() => new JsonBodyResult(MedicationReviewConformance.InterpretOperationDefinition());

    public async Task<IResult> InterpretStoredAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!ResourceWriteChecks.IsValidId(id))
        {
            return FhirError.NotFound($"MedicationRequest/{id} is not a valid resource id.");
        }

        using var body = await ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var options = new InterpretRequest();
        if (body.Document is { } document)
        {
            var (parsed, issues) = InterpretParametersReader.Read(document.RootElement, instanceForm: true);
            if (issues.Count > 0)
            {
                return new FhirError(FhirErrorKind.BadRequest, issues);
            }

            options = parsed;
        }

        var read = await store.ReadAsync(OrderType, id, cancellationToken).ConfigureAwait(false);
        if (read.Status == ReadStatus.Gone)
        {
            return FhirError.Of(FhirErrorKind.Gone, IssueCodes.Deleted, $"MedicationRequest/{id} has been deleted.");
        }

        if (read.Resource is not { IsDeleted: false, Json: { } json })
        {
            return FhirError.NotFound($"MedicationRequest/{id} is not stored on this server.");
        }

        using var order = JsonDocument.Parse(json);
        var patientReference = MedicationEntryReader.SubjectReference(order.RootElement);
        if (patientReference is null || !patientReference.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return FhirError.Of(FhirErrorKind.Unprocessable, IssueCodes.Required,
                $"MedicationRequest/{id} has no subject Patient/[id], so its patient's record cannot be reviewed.", "MedicationRequest.subject");
        }

        using var record = await loader.LoadAsync(patientReference, cancellationToken).ConfigureAwait(false);
        if (record.Patient is null)
        {
            return FhirError.Of(FhirErrorKind.Unprocessable, IssueCodes.NotFound,
                $"The order's subject {patientReference} is not stored on this server.", "MedicationRequest.subject");
        }

        await loader.ResolveMedicationAsync(record, order.RootElement, cancellationToken).ConfigureAwait(false);
        var patient = ReviewPatient.Read(record.Patient.Resource, patientReference, time.GetUtcNow());
        var context = ReviewInputBuilder.Build(patient, [new(order.RootElement, $"{OrderType}/{id}")], record, given: null);
        return await ReviewAsync(context, options, request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> InterpretAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, readError) = await reader.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError;
        }

        using (document)
        {
            var (given, issues) = InterpretParametersReader.Read(document!.RootElement, instanceForm: false);
            if (issues.Count == 0)
            {
                issues.AddRange(ValidateGiven(given));
            }

            if (issues.Count > 0)
            {
                return new FhirError(FhirErrorKind.BadRequest, issues);
            }

            StoredPatientRecord record;
            ReviewPatient patient;
            if (given.PatientReference is { } patientReference)
            {
                record = await loader.LoadAsync(patientReference, cancellationToken).ConfigureAwait(false);
                if (record.Patient is null)
                {
                    record.Dispose();
                    return FhirError.NotFound($"The patient {patientReference} is not stored on this server; give the Patient as a resource instead.");
                }

                patient = ReviewPatient.Read(record.Patient.Resource, patientReference, time.GetUtcNow());
            }
            else
            {
                record = new StoredPatientRecord();
                patient = ReviewPatient.Read(given.PatientResource!.Resource, ReviewInputBuilder.ReferenceOf(given.PatientResource), time.GetUtcNow());
            }

            using (record)
            {
                if (SubjectMismatch(given, patient.Reference) is { } mismatch)
                {
                    return new FhirError(FhirErrorKind.BadRequest, [mismatch]);
                }

                foreach (var order in given.Proposed.Concat(given.CurrentMedications))
                {
                    await loader.ResolveMedicationAsync(record, order.Resource, cancellationToken).ConfigureAwait(false);
                }

                var proposed = given.Proposed.Select(p => new ReviewInputBuilder.Proposal(p.Resource, ReviewInputBuilder.ReferenceOf(p))).ToList();
                var context = ReviewInputBuilder.Build(patient, proposed, record, given);
                return await ReviewAsync(context, given, request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IResult> ReviewAsync(MedicationReviewContext context, InterpretRequest options, HttpRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var review = reviewer.Review(context.Input);
        var language = options.Language ?? OutputLanguages.Parse(request.Headers.AcceptLanguage.ToString());
        var settings = new ReviewOutputSettings(language, time.GetUtcNow(), SoftwareVersion, ResourceWriter.NewId);
        var outputs = MedicationReviewWriter.Build(review, context, settings);
        if (options.Persist)
        {
            var (stored, error) = await PersistAsync(outputs, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            outputs = stored!;
        }

        MedicationReviewLog.Reviewed(logger, context.Input.Proposed.Count, context.Input.Current.Count, context.Input.Allergies.Count,
            outputs.Issues.Count, outputs.Unresolved.Count, options.Persist, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new JsonBodyResult(MedicationReviewWriter.ToParameters(outputs));
    }

    /// <summary>Stores every DetectedIssue and the Provenance in one transaction; returns them as stored (with meta).</summary>
    private async Task<(MedicationReviewWriter.Outputs? Stored, FhirError? Error)> PersistAsync(MedicationReviewWriter.Outputs outputs, CancellationToken cancellationToken)
    {
        var resources = outputs.Issues.Select(issue => ("DetectedIssue", issue)).Append(("Provenance", outputs.Provenance)).ToList();
        var prepared = new List<(string Type, string Id, JsonElement Json, PreparedWrite Write)>();
        foreach (var (type, resource) in resources)
        {
            var element = JsonSerializer.SerializeToElement(resource);
            var (write, error) = writer.Prepare(type, null, element);
            if (error is not null)
            {
                // The outputs are ours: failing validation is a defect of FhirAi, not of the request.
                return (null, new FhirError(FhirErrorKind.Internal,
                    [OutcomeIssue.Error(IssueCodes.Exception, $"The review's {type} failed validation and was not stored (a FhirAi defect)."), .. error.Issues]));
            }

            prepared.Add((type, resource["id"]!.GetValue<string>(), element, write!));
        }

        var stored = new List<StoredResource>();
        var outcome = await sessions.RunAsync(async session =>
        {
            stored.Clear();
            WriteOutcome last = WriteOutcome.Fail(FhirError.BadRequest("Nothing to store."));
            foreach (var (type, id, json, write) in prepared)
            {
                last = await writer.CreatePreparedAsync(session, type, id, json, write, cancellationToken).ConfigureAwait(false);
                if (!last.IsSuccess)
                {
                    return last;
                }

                stored.Add(last.Resource!);
            }

            return last;
        }, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is not null)
        {
            return (null, outcome.Error);
        }

        var byId = stored.ToDictionary(s => (s.ResourceType, s.Id), s => JsonNode.Parse(s.Json!)!.AsObject());
        return (outputs with
        {
            Issues = [.. outputs.Issues.Select(issue => byId[("DetectedIssue", issue["id"]!.GetValue<string>())])],
            Provenance = byId[("Provenance", outputs.Provenance["id"]!.GetValue<string>())],
        }, null);
    }

    /// <summary>Given resources must validate: a malformed order is a 400 naming where in the Parameters it is.</summary>
    private List<OutcomeIssue> ValidateGiven(InterpretRequest given)
    {
        var issues = new List<OutcomeIssue>();
        var all = given.Proposed.Concat(given.CurrentMedications).Concat(given.Allergies).Concat(given.Observations).Concat(given.Medications);
        if (given.PatientResource is { } patient)
        {
            all = all.Append(patient);
        }

        foreach (var item in all)
        {
            foreach (var issue in validator.Validate(item.Resource).Where(i => i.IsError))
            {
                issues.Add(issue with { Expression = Relocate(issue.Expression, item.Location) });
            }
        }

        return issues;
    }

    /// <summary><c>MedicationRequest.status</c> → <c>Parameters.parameter[0].resource.status</c>.</summary>
    private static string Relocate(string? expression, string location)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return location;
        }

        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? location : location + expression[dot..];
    }

    private static OutcomeIssue? SubjectMismatch(InterpretRequest given, string patientReference)
    {
        if (!ReviewReferences.IsLiteral(patientReference))
        {
            return null;
        }

        foreach (var order in given.Proposed.Concat(given.CurrentMedications).Concat(given.Allergies).Concat(given.Observations))
        {
            var property = order.Resource.TryGetProperty("patient", out _) ? "patient" : "subject";
            var subject = order.Resource.TryGetProperty(property, out var s) ? s : default;
            var reference = subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            if (reference is not null && reference != patientReference)
            {
                return OutcomeIssue.Error(IssueCodes.Invalid,
                    $"This resource is about {reference}, not the patient {patientReference} under review.", $"{order.Location}.{property}");
            }
        }

        return null;
    }

    private sealed class OptionalBody(JsonDocument? document, FhirError? error) : IDisposable
    {
        public JsonDocument? Document { get; } = document;

        public FhirError? Error { get; } = error;

        public void Dispose() => Document?.Dispose();
    }

    private async Task<OptionalBody> ReadOptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return new OptionalBody(null, null);
        }

        var (document, error) = await reader.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return new OptionalBody(document, error);
    }
}
