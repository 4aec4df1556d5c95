using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FhirAi.CdsHooks.Data;

/// <summary>
/// GETs a filled prefetch query from the EHR's FHIR server with the request's bearer token, through the server's
/// resilience pipeline. 404 on a read is "no data"; any other failure after the retries is a failure (→ 412).
/// Neither the token nor the query (it holds the patient id) is logged.
/// </summary>
internal sealed class RemoteFhirReader(IHttpClientFactory clients, FhirPipelines pipelines, IOptions<CdsHooksOptions> options, ILogger<RemoteFhirReader> logger)
{
    public const string HttpClientName = "FhirAi.CdsHooks.FhirServer";

    public async Task<FetchOutcome> GetAsync(Uri server, FhirQuery query, string? bearerToken, CancellationToken cancellationToken)
    {
        const string origin = "fhirServer";
        var client = clients.CreateClient(HttpClientName);
        var target = new Uri(server.AbsoluteUri.TrimEnd('/') + "/" + query.Relative);
        HttpResponseMessage response;
        try
        {
            response = await pipelines.For(server).ExecuteAsync(async token =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, target);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
                if (bearerToken is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
                }

                return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            CdsHooksLog.FetchFailed(logger, query.Type, "circuit open");
            return FetchOutcome.Fail("the FHIR server's circuit breaker is open after repeated failures", origin);
        }
        catch (TimeoutRejectedException)
        {
            CdsHooksLog.FetchFailed(logger, query.Type, "attempt timeout");
            return FetchOutcome.Fail("the FHIR server did not answer in time", origin);
        }
        catch (HttpRequestException exception)
        {
            CdsHooksLog.FetchFailed(logger, query.Type, exception.HttpRequestError.ToString());
            return FetchOutcome.Fail("the FHIR server could not be reached", origin);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            CdsHooksLog.FetchFailed(logger, query.Type, "cancelled");
            return FetchOutcome.Fail("the FHIR request was cancelled", origin);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && query.IsRead)
            {
                return FetchOutcome.NoData(origin);
            }

            if (!response.IsSuccessStatusCode)
            {
                CdsHooksLog.FetchFailed(logger, query.Type, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return FetchOutcome.Fail($"the FHIR server answered {(int)response.StatusCode} for a {query.Type} {(query.IsRead ? "read" : "search")}", origin);
            }

            var limit = options.Value.MaxFhirResponseBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                return FetchOutcome.Fail($"the FHIR server's {query.Type} response exceeds {limit} bytes", origin);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return FetchOutcome.Fail($"the FHIR server's {query.Type} response exceeds {limit} bytes", origin);
                    }

                    buffer.Write(chunk, 0, read);
                }

                try
                {
                    using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
                    var resources = FetchOutcome.ResourcesOf(document.RootElement).Select(r => r.Clone()).ToList();
                    return FetchOutcome.Found(resources, origin);
                }
                catch (JsonException)
                {
                    return FetchOutcome.Fail($"the FHIR server's {query.Type} response is not JSON", origin);
                }
            }
        }
    }
}
