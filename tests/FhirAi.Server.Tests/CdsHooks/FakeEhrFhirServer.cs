using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>
/// An EHR's FHIR server for the tests: Kestrel on a random loopback port, serving a patient on warfarin under
/// <c>/fhir</c>, and failing as told: the first <c>failuresPerPath</c> GETs of each path answer 503 (or hang).
/// Records the Authorization header of every call.
/// </summary>
internal sealed class FakeEhrFhirServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    private FakeEhrFhirServer(WebApplication app) => _app = app;

    public Uri FhirBase { get; private set; } = null!;

    public ConcurrentBag<string> Authorizations { get; } = [];

    public int Calls => _attempts.Values.Sum();

    public static async Task<FakeEhrFhirServer> StartAsync(string patientId, int failuresPerPath, bool hang = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeEhrFhirServer(app);
        app.MapGet("/fhir/{**path}", async (HttpContext context, string path) =>
        {
            server.Authorizations.Add(context.Request.Headers.Authorization.ToString());
            var attempt = server._attempts.AddOrUpdate(path + context.Request.QueryString, 1, (_, n) => n + 1);
            if (attempt <= failuresPerPath)
            {
                if (hang)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                }

                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            JsonObject body = path switch
            {
                _ when path == "Patient/" + patientId => CdsHooksTestServer.Patient(patientId, 60),
                "MedicationRequest" => Searchset(CdsHooksTestServer.Order("w1", patientId, "11289", "warfarin", "active")),
                _ => Searchset(),
            };
            return Results.Text(body.ToJsonString(), "application/fhir+json");
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.FhirBase = new Uri(address.TrimEnd('/') + "/fhir");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static JsonObject Searchset(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
    };
}
