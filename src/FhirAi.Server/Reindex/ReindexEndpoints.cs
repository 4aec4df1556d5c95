using System.Globalization;
using System.Text.Json.Nodes;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Json;
using FhirAi.Server.Http;
using FhirAi.Server.Rest;
using FhirAi.Storage.Reindex;

namespace FhirAi.Server.Reindex;

/// <summary>
/// <c>POST [base]/$reindex</c> and <c>POST [base]/[type]/$reindex</c> queue a background job and answer 202 Accepted
/// with Content-Location naming <c>[base]/$reindex-status/[job]</c>, which answers a Parameters with the job's state and
/// progress. The request body, if any, is not read: the operation has no input parameters.
/// </summary>
internal sealed class ReindexEndpoints(ReindexStore store, ReindexWorker worker, FhirDefinitions definitions, ResourceWriteChecks checks)
{
    public const string OperationUrl = "http://fhirai.org/fhir/OperationDefinition/reindex";

    public async Task<IResult> StartAsync(string? type, HttpRequest request, CancellationToken cancellationToken)
    {
        if (type is not null && !checks.IsKnownType(type))
        {
            return ResourceWriteChecks.UnknownType(type);
        }

        var coverage = ReindexCoverage.Format(definitions.CustomSearchParameters.Current);
        var job = await store.CreateJobAsync(type, coverage, cancellationToken).ConfigureAwait(false);
        worker.Wake();
        return new StatusResult(StatusCodes.Status202Accepted, job, StatusUrl(request, job.JobId));
    }

    public async Task<IResult> StatusAsync(string jobId, HttpRequest request, CancellationToken cancellationToken)
    {
        var job = jobId.Length <= 64 ? await store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        return job is null
            ? FhirError.NotFound($"There is no reindex job '{jobId}'.")
            : new StatusResult(StatusCodes.Status200OK, job, StatusUrl(request, job.JobId));
    }

    /// <summary>The job as a Parameters resource.</summary>
    public static JsonObject ToParameters(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parameters = new JsonArray
        {
            Parameter("job", "valueString", job.JobId),
            Parameter("status", "valueCode", job.Status.ToString().ToLowerInvariant()),
        };
        if (job.ResourceType is not null)
        {
            parameters.Add(Parameter("resourceType", "valueCode", job.ResourceType));
        }

        parameters.Add(Parameter("processed", "valueDecimal", job.Processed));
        parameters.Add(Parameter("total", "valueDecimal", job.Total));
        parameters.Add(Parameter("created", "valueInstant", ResourceStamper.FormatInstant(job.Created)));
        parameters.Add(Parameter("updated", "valueInstant", ResourceStamper.FormatInstant(job.Updated)));
        if (job.Completed is { } completed)
        {
            parameters.Add(Parameter("completed", "valueInstant", ResourceStamper.FormatInstant(completed)));
        }

        if (job.Error is not null)
        {
            parameters.Add(Parameter("error", "valueString", job.Error));
        }

        return new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = parameters };
    }

    private static string StatusUrl(HttpRequest request, string jobId) => $"{FhirResponses.BaseUrl(request)}/$reindex-status/{jobId}";

    private static JsonObject Parameter(string name, string valueName, JsonNode? value) => new() { ["name"] = name, [valueName] = value };

    private sealed class StatusResult(int status, ReindexJob job, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.ContentLocation = location;
            if (!job.IsFinished && job.Total > 0)
            {
                var percent = Math.Min(100, job.Processed * 100 / job.Total);
                httpContext.Response.Headers["X-Progress"] = $"{percent.ToString(CultureInfo.InvariantCulture)}% ({job.Processed.ToString(CultureInfo.InvariantCulture)} of {job.Total.ToString(CultureInfo.InvariantCulture)})";
            }

            return FhirResponses.WriteJsonAsync(httpContext, ToParameters(job));
        }
    }
}
