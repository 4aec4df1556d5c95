using System.Net;
using System.Text.Json.Nodes;

namespace FhirAi.Server.Tests;

/// <summary>Helpers for search tests: resources written with the test's own ids and a per-test tag, and searchset readers.</summary>
internal sealed class SearchFixture(HttpClient client)
{
    public const string TagSystem = "http://example.org/fhirai-test-run";

    public string Marker { get; } = "m" + Guid.NewGuid().ToString("N")[..12];

    public HttpClient Client => client;

    /// <summary>The meta element tagging a resource with this test's marker.</summary>
    public string Meta => $$"""{"tag":[{"system":"{{TagSystem}}","code":"{{Marker}}"}]}""";

    public string Tag => $"_tag={Uri.EscapeDataString(TagSystem + "|" + Marker)}";

    /// <summary>PUTs a resource under <c>{marker}-{suffix}</c>; returns that id.</summary>
    public async Task<string> PutAsync(string type, string suffix, string bodyWithoutBraces)
    {
        var id = $"{Marker}-{suffix}";
        var json = $$"""{"resourceType":"{{type}}","id":"{{id}}","meta":{{Meta}}{{(bodyWithoutBraces.Length == 0 ? "" : ",")}}{{bodyWithoutBraces}}}""";
        using var response = await client.PutAsync($"{type}/{id}", FhirJson.Content(json));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    public async Task<JsonObject> GetBundleAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, url + " → " + text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The matches' ids, in order.</summary>
    public static List<string> Ids(JsonObject bundle) =>
        bundle["entry"]?.AsArray().Where(e => e!["search"]!["mode"]!.GetValue<string>() == "match")
            .Select(e => e!["resource"]!["id"]!.GetValue<string>()).ToList() ?? [];

    public static string? Link(JsonObject bundle, string relation) =>
        bundle["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == relation)?["url"]!.GetValue<string>();

    public static bool HasOutcome(JsonObject bundle) =>
        bundle["entry"]?.AsArray().Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome") ?? false;

    public List<string> Expect(params string[] suffixes) => suffixes.Select(s => $"{Marker}-{s}").ToList();
}
