using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FhirAi.Storage;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>
/// The one way the CDS Hooks HTTP tests start a server: SQLite, and <c>CdsHooks:RequireJwt=false</c> so the calls need
/// no signed token (switch it here once the JWT check is merged and the tests sign their calls).
/// </summary>
internal static class CdsHooksTestServer
{
    public static readonly string[] Settings = ["--CdsHooks:RequireJwt", "false"];

    public static Task<FhirServerHost> StartAsync(params string[] extraArgs) => FhirServerHost.StartAsync(StorageProvider.Sqlite, [.. Settings, .. extraArgs]);

    /// <summary>The CDS Hooks base of a host (its <c>/cds-services</c>), next to the FHIR base.</summary>
    public static Uri Services(FhirServerHost host, string? id = null) =>
        new(host.Client.BaseAddress!, id is null ? "/cds-services" : "/cds-services/" + id);

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> CallAsync(FhirServerHost host, string id, JsonObject request, string? language = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Services(host, id))
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (language is not null)
        {
            message.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await host.Client.SendAsync(message).ConfigureAwait(false);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!.AsObject();
        return (response, body);
    }

    /// <summary>Stores a resource with its own id through the FHIR API (PUT).</summary>
    public static async Task PutAsync(FhirServerHost host, JsonObject resource)
    {
        using var content = new StringContent(resource.ToJsonString(), Encoding.UTF8, "application/fhir+json");
        var response = await host.Client.PutAsync(new Uri($"{resource["resourceType"]}/{resource["id"]}", UriKind.Relative), content).ConfigureAwait(false);
        Assert.IsTrue(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public static JsonObject Patient(string id, int age) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["gender"] = "female",
        ["birthDate"] = DateTime.UtcNow.AddYears(-age).AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static JsonObject Order(string id, string patientId, string rxcui, string name, string status) => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + patientId },
        ["medicationCodeableConcept"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = rxcui, ["display"] = name }),
            ["text"] = name,
        },
    };

    /// <summary>An order-sign request whose draftOrders Bundle has no <c>type</c> (as the public sandbox sends it).</summary>
    public static JsonObject OrderSign(string patientId, params JsonObject[] drafts) => new()
    {
        ["hook"] = "order-sign",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject
        {
            ["userId"] = "Practitioner/example",
            ["patientId"] = patientId,
            ["draftOrders"] = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["entry"] = new JsonArray([.. drafts.Select(d => (JsonNode)new JsonObject { ["resource"] = d })]),
            },
        },
    };

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false))!;
}
