using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace FhirAi.CdsHooks.Tests.Support;

/// <summary>
/// A stand-in for the EHR's FHIR server at the HTTP-handler level: answers each request from a script (status per call
/// number, or a hang), serves resources by path, and records what it was asked (paths, Authorization headers).
/// </summary>
internal sealed class ScriptedHandler(Func<int, HttpRequestMessage, HttpStatusCode?> script) : HttpMessageHandler
{
    private int _calls;

    public int Calls => _calls;

    public List<string> Paths { get; } = [];

    public List<string?> Authorizations { get; } = [];

    /// <summary>Body by path-and-query prefix (e.g. <c>/fhir/Patient/p1</c>); anything else is an empty searchset.</summary>
    public Dictionary<string, JsonObject> Bodies { get; } = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Paths)
        {
            Paths.Add(request.RequestUri!.PathAndQuery);
            Authorizations.Add(request.Headers.Authorization?.ToString());
        }

        var status = script(call, request);
        if (status is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (status != HttpStatusCode.OK)
        {
            return new HttpResponseMessage(status!.Value) { Content = new StringContent("{\"resourceType\":\"OperationOutcome\"}") };
        }

        var path = request.RequestUri!.PathAndQuery;
        var body = Bodies.FirstOrDefault(b => path.StartsWith(b.Key, StringComparison.Ordinal)).Value
            ?? new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray() };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/fhir+json") };
    }
}
