using System.Net;
using System.Text.Json.Nodes;
using FhirAi.Storage;
using FhirAi.Tests.Shared;

namespace FhirAi.Server.Tests;

/// <summary>Requests the custom SearchParameter and $reindex tests make, over HTTP like any client.</summary>
internal static class ReindexClient
{
    public const string EyeColourExtension = "http://example.org/eye-colour";

    public static string EyeColourParameter(string url = "http://example.org/fhir/SearchParameter/patient-eye-colour", string code = "eye-colour",
        string expression = "Patient.extension.where(url='http://example.org/eye-colour').value", string baseType = "Patient") =>
        $$"""{"resourceType":"SearchParameter","url":"{{url}}","name":"EyeColour","status":"active","description":"The colour of the patient's eyes, from an extension","code":"{{code}}","base":["{{baseType}}"],"type":"token","expression":"{{expression}}"}""";

    public static string Patient(string colour, string family) => colour.Length == 0
        ? $$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}"""
        : $$"""{"resourceType":"Patient","extension":[{"url":"{{EyeColourExtension}}","valueCode":"{{colour}}"}],"name":[{"family":"{{family}}"}]}""";

    public static async Task<string> CreateAsync(HttpClient client, string type, string json)
    {
        using var response = await client.PostAsync(type, FhirJson.Content(json));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await FhirJson.ReadObjectAsync(response))["id"]!.GetValue<string>();
    }

    public static async Task<HttpStatusCode> UpdateColourAsync(HttpClient client, string id, string colour)
    {
        var json = $$"""{"resourceType":"Patient","id":"{{id}}","extension":[{"url":"{{EyeColourExtension}}","valueCode":"{{colour}}"}],"name":[{"family":"Reindex"}]}""";
        using var response = await client.PutAsync($"Patient/{id}", FhirJson.Content(json));
        return response.StatusCode;
    }

    /// <summary>Starts a reindex (of one type, or all when null); returns the status URL from Content-Location.</summary>
    public static async Task<Uri> StartReindexAsync(HttpClient client, string? type)
    {
        using var response = await client.PostAsync(type is null ? "$reindex" : $"{type}/$reindex", FhirJson.Content("""{"resourceType":"Parameters"}"""));
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var location = response.Content.Headers.ContentLocation ?? throw new AssertFailedException("202 without Content-Location");
        var body = await FhirJson.ReadObjectAsync(response);
        Assert.AreEqual("Parameters", body["resourceType"]!.GetValue<string>());
        StringAssert.EndsWith(location.ToString(), "/$reindex-status/" + Value(body, "job"));
        return location;
    }

    public static async Task<JsonObject> StatusAsync(HttpClient client, Uri statusUrl)
    {
        using var response = await client.GetAsync(statusUrl);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await FhirJson.ReadObjectAsync(response);
    }

    public static async Task<JsonObject> WaitForCompletionAsync(HttpClient client, Uri statusUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await StatusAsync(client, statusUrl);
            var state = Value(status, "status");
            if (state is "completed" or "failed")
            {
                Assert.AreEqual("completed", state, status.ToJsonString());
                return status;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "the reindex job did not complete in time: " + status.ToJsonString());
            await Task.Delay(50);
        }
    }

    public static string? Value(JsonObject parameters, string name)
    {
        var parameter = parameters["parameter"]!.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == name);
        return parameter?.AsObject().FirstOrDefault(p => p.Key.StartsWith("value", StringComparison.Ordinal)).Value?.ToString();
    }

    public static long Number(JsonObject parameters, string name) => long.Parse(Value(parameters, name)!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ids a search matches (one page of up to 1000), and its outcome entry's text if any.</summary>
    public static async Task<(List<string> Ids, string? Outcome)> SearchAsync(HttpClient client, string query, bool strict = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, query + "&_count=1000");
        if (strict)
        {
            request.Headers.Add("Prefer", "handling=strict");
        }

        using var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, query + ": " + await response.Content.ReadAsStringAsync());
        var bundle = await FhirJson.ReadObjectAsync(response);
        var entries = bundle["entry"]?.AsArray().Select(e => e!.AsObject()).ToList() ?? [];
        var ids = entries.Where(e => e["search"]!["mode"]!.GetValue<string>() == "match").Select(e => e["resource"]!["id"]!.GetValue<string>()).ToList();
        var outcome = entries.FirstOrDefault(e => e["search"]!["mode"]!.GetValue<string>() == "outcome")?["resource"]?.ToJsonString();
        return (ids, outcome);
    }

    /// <summary>Storage arguments for a new database of <paramref name="provider"/> and, for PostgreSQL, its connection string to drop.</summary>
    public static async Task<(string[] Args, string? Postgres)> NewDatabaseAsync(StorageProvider provider)
    {
        if (provider != StorageProvider.PostgreSql)
        {
            return (["--FhirAi:Storage:SqlitePath", TestDatabases.NewSqlitePath()], null);
        }

        if (TestDatabases.PostgresAdminConnectionString is null)
        {
            Assert.Inconclusive($"{TestDatabases.PostgresVariable} is not set.");
        }

        var postgres = await TestDatabases.NewPostgresDatabaseAsync();
        return (["--FhirAi:Storage:Provider", "PostgreSql", "--FhirAi:Storage:PostgreSqlConnectionString", postgres], postgres);
    }
}
