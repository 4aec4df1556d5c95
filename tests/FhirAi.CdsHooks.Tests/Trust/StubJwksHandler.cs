using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>Answers GETs of configured URLs with a JWK Set (or a status), counting the requests per URL.</summary>
internal sealed class StubJwksHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public void Serve(string url, string json, HttpStatusCode status = HttpStatusCode.OK) => _answers[url] = (status, json);

    public int RequestsTo(string url) => Requests.TryGetValue(url, out var count) ? count : 0;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        Requests.AddOrUpdate(url, 1, (_, count) => count + 1);
        var response = _answers.TryGetValue(url, out var answer)
            ? new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        return Task.FromResult(response);
    }
}
