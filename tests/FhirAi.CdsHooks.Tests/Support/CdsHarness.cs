using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Data;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Medications;
using FhirAi.Clinical.Reports;
using FhirAi.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirAi.CdsHooks.Tests.Support;

/// <summary>
/// The CDS Hooks services wired as the Server wires them (AddCdsHooks), over an in-memory local reader, the real
/// drug and lab knowledge bases and the built-in risk models, with an optional scripted FHIR server behind the HTTP
/// client. Calls go through <see cref="CdsHooksEndpoints"/> and its IResult, as over HTTP.
/// </summary>
internal sealed class CdsHarness : IDisposable
{
    private static readonly Lazy<DrugKnowledgeBase> Drugs = new(DrugKnowledgeBase.LoadEmbedded);
    private static readonly Lazy<LabKnowledgeBase> Labs = new(LabKnowledgeBase.LoadEmbedded);

    private readonly ServiceProvider _provider;

    public CdsHarness(Dictionary<string, string?>? settings = null, ScriptedHandler? fhirServer = null)
    {
        Local = new InMemoryFhirReader();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(TimeProvider.System);
        services.AddCdsHooks(configuration);
        if (fhirServer is not null)
        {
            services.AddHttpClient(RemoteFhirReader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => fhirServer);
        }

        services.AddSingleton<ICdsLocalFhirReader>(Local);
        services.AddSingleton(new MedicationReviewer(Drugs.Value));
        services.AddSingleton(new ReportInterpreter(new LabInterpreter(Labs.Value), Labs.Value, BuiltInModels.Registry, TimeProvider.System));
        _provider = services.BuildServiceProvider();
    }

    public InMemoryFhirReader Local { get; }

    /// <summary>Everything the services logged, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public async Task<(int Status, JsonObject Body)> CallAsync(string serviceId, JsonObject request, string? acceptLanguage = null) =>
        await CallRawAsync(serviceId, Encoding.UTF8.GetBytes(request.ToJsonString()), acceptLanguage).ConfigureAwait(false);

    public async Task<(int Status, JsonObject Body)> CallRawAsync(string serviceId, byte[] body, string? acceptLanguage = null)
    {
        var context = new DefaultHttpContext { RequestServices = _provider };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        var response = new MemoryStream();
        context.Response.Body = response;
        var result = await Get<CdsHooksEndpoints>().CallAsync(serviceId, context.Request, CancellationToken.None).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(response.ToArray()))!.AsObject();
        return (context.Response.StatusCode, json);
    }

    public async Task<JsonObject> DiscoveryAsync()
    {
        var context = new DefaultHttpContext { RequestServices = _provider };
        var response = new MemoryStream();
        context.Response.Body = response;
        await Get<CdsHooksEndpoints>().Discovery().ExecuteAsync(context).ConfigureAwait(false);
        return JsonNode.Parse(Encoding.UTF8.GetString(response.ToArray()))!.AsObject();
    }

    public void Dispose() => _provider.Dispose();

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
