using System.Net;
using System.Text.Json.Nodes;

namespace FhirAi.Server.Tests;

/// <summary>
/// A small graph written for the join tests, every id and code carrying a fresh marker so that other
/// tests' data on the shared server never matches:
/// <code>
/// o1 Organization "Acme{m}"            o2 Organization "Other{m}"        pr1 Practitioner "Welby{m}"
/// p1 Patient "Peter{m}" male, managingOrganization o1, generalPractitioner pr1
/// p2 Patient "Paula{m}" female, managingOrganization o2
/// l1 Location "Peter{m}"
/// e1 Encounter subject p1, serviceProvider o1
/// ob1 Observation code a{m}, subject p1, performer pr1, encounter e1
/// ob2 Observation code b{m}, subject p2
/// ob3 Observation code a{m}, subject l1
/// ob4 Observation code c{m}, subject p1, hasMember ob1
/// pv1 Provenance target ob1, agent.who pr1
/// </code>
/// </summary>
internal sealed class JoinTestData
{
    private JoinTestData(HttpClient client, string marker)
    {
        Client = client;
        M = marker;
    }

    public HttpClient Client { get; }

    /// <summary>The marker in every id, name and code.</summary>
    public string M { get; }

    public string Id(string name) => $"{name}-{M}";

    public string Ref(string type, string name) => $"{type}/{Id(name)}";

    public static async Task<JoinTestData> CreateAsync(HttpClient client)
    {
        var data = new JoinTestData(client, Guid.NewGuid().ToString("N")[..10]);
        var m = data.M;
        string R(string type, string name) => data.Ref(type, name);
        string Code(string c) => $$$"""{"coding":[{"system":"http://example.org/codes","code":"{{{c}}}{{{m}}}"}]}""";
        await data.PutAsync("Organization", "o1", $$$"""{"name":"Acme{{{m}}}"}""");
        await data.PutAsync("Organization", "o2", $$$"""{"name":"Other{{{m}}}"}""");
        await data.PutAsync("Practitioner", "pr1", $$$"""{"name":[{"family":"Welby{{{m}}}"}]}""");
        await data.PutAsync("Patient", "p1",
            $$$"""{"name":[{"family":"Peter{{{m}}}"}],"gender":"male","managingOrganization":{"reference":"{{{R("Organization", "o1")}}}"},"generalPractitioner":[{"reference":"{{{R("Practitioner", "pr1")}}}"}]}""");
        await data.PutAsync("Patient", "p2", $$$"""{"name":[{"family":"Paula{{{m}}}"}],"gender":"female","managingOrganization":{"reference":"{{{R("Organization", "o2")}}}"}}""");
        await data.PutAsync("Location", "l1", $$$"""{"name":"Peter{{{m}}}"}""");
        await data.PutAsync("Encounter", "e1",
            $$$"""{"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"{{{R("Patient", "p1")}}}"},"serviceProvider":{"reference":"{{{R("Organization", "o1")}}}"}}""");
        await data.PutAsync("Observation", "ob1",
            $$$"""{"status":"final","code":{{{Code("a")}}},"subject":{"reference":"{{{R("Patient", "p1")}}}"},"performer":[{"reference":"{{{R("Practitioner", "pr1")}}}"}],"encounter":{"reference":"{{{R("Encounter", "e1")}}}"}}""");
        await data.PutAsync("Observation", "ob2", $$$"""{"status":"final","code":{{{Code("b")}}},"subject":{"reference":"{{{R("Patient", "p2")}}}"}}""");
        await data.PutAsync("Observation", "ob3", $$$"""{"status":"final","code":{{{Code("a")}}},"subject":{"reference":"{{{R("Location", "l1")}}}"}}""");
        await data.PutAsync("Observation", "ob4",
            $$$"""{"status":"final","code":{{{Code("c")}}},"subject":{"reference":"{{{R("Patient", "p1")}}}"},"hasMember":[{"reference":"{{{R("Observation", "ob1")}}}"}]}""");
        await data.PutAsync("Provenance", "pv1",
            $$$"""{"target":[{"reference":"{{{R("Observation", "ob1")}}}"}],"recorded":"2026-01-02T03:04:05Z","agent":[{"who":{"reference":"{{{R("Practitioner", "pr1")}}}"}}]}""");
        return data;
    }

    private async Task PutAsync(string type, string name, string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json["resourceType"] = type;
        json["id"] = Id(name);
        using var response = await Client.PutAsync($"{type}/{Id(name)}", FhirJson.Content(json));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a search and returns the matches and included resources as "Type/name" (marker removed), the total and the bundle.</summary>
    public async Task<SearchOutcome> SearchAsync(string query, bool strict = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        if (strict)
        {
            request.Headers.Add("Prefer", "handling=strict");
        }

        using var response = await Client.SendAsync(request);
        var body = await FhirJson.ReadObjectAsync(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new SearchOutcome(response.StatusCode, [], [], null, body);
        }

        var entries = body["entry"]?.AsArray().Select(e => e!.AsObject()).ToList() ?? [];
        List<string> Named(string mode) => entries.Where(e => e["search"]!["mode"]!.GetValue<string>() == mode)
            .Select(e => $"{e["resource"]!["resourceType"]!.GetValue<string>()}/{e["resource"]!["id"]!.GetValue<string>().Replace("-" + M, string.Empty, StringComparison.Ordinal)}")
            .ToList();
        return new SearchOutcome(response.StatusCode, Named("match"), Named("include"), body["total"]?.GetValue<int>(), body);
    }
}

/// <summary>What <see cref="JoinTestData.SearchAsync"/> saw.</summary>
internal sealed record SearchOutcome(HttpStatusCode Status, List<string> Matches, List<string> Included, int? Total, JsonObject Body)
{
    public bool HasOutcomeEntry => Body["entry"]?.AsArray().Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome") ?? false;
}
