using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// <c>_include</c> and <c>_revinclude</c> over real HTTP on each provider; expectations are read off the
/// graph in <see cref="JoinTestData"/> by hand.
/// </summary>
public abstract class SearchIncludeTests
{
    protected abstract StorageProvider Provider { get; }

    private async Task<JoinTestData> DataAsync()
    {
        var host = await SharedHosts.GetAsync(Provider, "joins");
        var data = await JoinTestData.CreateAsync(host.Client);
        await host.AnalyzeAsync();
        return data;
    }

    private static async Task<SearchOutcome> AssertAsync(JoinTestData data, string query, string[] matches, string[] included)
    {
        var result = await data.SearchAsync(query, strict: true);
        Assert.AreEqual(HttpStatusCode.OK, result.Status, $"{query}: {result.Body.ToJsonString()}");
        CollectionAssert.AreEquivalent(matches, result.Matches, $"{query} matched {string.Join(", ", result.Matches)}");
        CollectionAssert.AreEquivalent(included, result.Included, $"{query} included {string.Join(", ", result.Included)}");
        Assert.AreEqual(matches.Length, result.Total, $"{query}: included resources are not counted");
        return result;
    }

    [TestMethod]
    public async Task Include_adds_referenced_resources_once_marked_include()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:subject", ["Observation/ob1", "Observation/ob3"], ["Patient/p1", "Location/l1"]);
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:subject:Patient", ["Observation/ob1", "Observation/ob3"], ["Patient/p1"]);
        // ob1 and ob4 both point at p1 (subject and patient): p1 appears once.
        await AssertAsync(d, $"Observation?subject:Patient.name=peter{m}&_include=Observation:subject&_include=Observation:patient",
            ["Observation/ob1", "Observation/ob4"], ["Patient/p1"]);
        // ob4.hasMember is ob1, itself a match: not repeated as an include.
        await AssertAsync(d, $"Observation?subject:Patient.name=peter{m}&_include=Observation:has-member", ["Observation/ob1", "Observation/ob4"], []);
        await AssertAsync(d, $"Observation?code=b{m}&_include=Observation:performer", ["Observation/ob2"], []);
    }

    [TestMethod]
    public async Task Wildcard_includes_every_reference_parameter()
    {
        var d = await DataAsync();
        var m = d.M;
        string[] all = ["Patient/p1", "Practitioner/pr1", "Encounter/e1", "Location/l1"];
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:*", ["Observation/ob1", "Observation/ob3"], all);
        await AssertAsync(d, $"Observation?code=a{m}&_include=*", ["Observation/ob1", "Observation/ob3"], all);
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:*:Practitioner", ["Observation/ob1", "Observation/ob3"], ["Practitioner/pr1"]);
    }

    [TestMethod]
    public async Task Iterate_follows_included_resources_and_plain_includes_do_not()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:patient&_include:iterate=Patient:organization",
            ["Observation/ob1", "Observation/ob3"], ["Patient/p1", "Organization/o1"]);
        await AssertAsync(d, $"Observation?code=a{m}&_include=Observation:patient&_include=Patient:organization",
            ["Observation/ob1", "Observation/ob3"], ["Patient/p1"]);
        await AssertAsync(d, $"Provenance?_id={d.Id("pv1")}&_include=Provenance:target&_include:iterate=Observation:patient&_include:iterate=Patient:organization",
            ["Provenance/pv1"], ["Observation/ob1", "Patient/p1", "Organization/o1"]);
        await AssertAsync(d, $"Provenance?_id={d.Id("pv1")}&_include:recurse=Provenance:target&_include:iterate=Observation:encounter&_include:iterate=Encounter:service-provider",
            ["Provenance/pv1"], ["Observation/ob1", "Encounter/e1", "Organization/o1"]);
    }

    [TestMethod]
    public async Task Revinclude_adds_resources_that_reference_the_matches()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertAsync(d, $"Patient?name=peter{m}&_revinclude=Observation:subject", ["Patient/p1"], ["Observation/ob1", "Observation/ob4"]);
        await AssertAsync(d, $"Patient?name=peter{m}&_revinclude=Observation:subject&_revinclude:iterate=Provenance:target",
            ["Patient/p1"], ["Observation/ob1", "Observation/ob4", "Provenance/pv1"]);
        await AssertAsync(d, $"Patient?name=peter{m}&_revinclude=Observation:subject:Location", ["Patient/p1"], []);
        await AssertAsync(d, $"Organization?name=acme{m}&_revinclude=Patient:organization&_revinclude=Encounter:service-provider",
            ["Organization/o1"], ["Patient/p1", "Encounter/e1"]);
        await AssertAsync(d, $"Practitioner?name=welby{m}&_revinclude=Observation:*", ["Practitioner/pr1"], ["Observation/ob1"]);
        await AssertAsync(d, $"Practitioner?name=welby{m}&_revinclude=*", ["Practitioner/pr1"], ["Observation/ob1", "Patient/p1", "Provenance/pv1"]);
        await AssertAsync(d, $"Patient?name=peter{m}&_revinclude=Observation:subject&_include=Patient:organization",
            ["Patient/p1"], ["Observation/ob1", "Observation/ob4", "Organization/o1"]);
    }

    [TestMethod]
    public async Task Paging_pages_the_matches_and_each_page_carries_its_own_includes()
    {
        var d = await DataAsync();
        var m = d.M;
        var first = await d.SearchAsync($"Observation?code=a{m},b{m}&_include=Observation:subject&_count=2", strict: true);
        Assert.AreEqual(3, first.Total);
        Assert.AreEqual(2, first.Matches.Count);
        var next = first.Body["link"]!.AsArray().Single(l => l!["relation"]!.GetValue<string>() == "next")!["url"]!.GetValue<string>();
        var second = await d.SearchAsync(next, strict: true);
        Assert.AreEqual(1, second.Matches.Count);
        CollectionAssert.AreEquivalent(new[] { "Observation/ob1", "Observation/ob2", "Observation/ob3" }, first.Matches.Concat(second.Matches).ToList());
        var subjects = new Dictionary<string, string> { ["Observation/ob1"] = "Patient/p1", ["Observation/ob2"] = "Patient/p2", ["Observation/ob3"] = "Location/l1" };
        CollectionAssert.AreEquivalent(first.Matches.Select(o => subjects[o]).ToList(), first.Included);
        CollectionAssert.AreEquivalent(second.Matches.Select(o => subjects[o]).ToList(), second.Included);
    }

    [TestMethod]
    public async Task Deleted_targets_are_not_included()
    {
        var d = await DataAsync();
        var m = d.M;
        using var deleted = await d.Client.DeleteAsync($"Patient/{d.Id("p2")}");
        Assert.IsTrue(deleted.IsSuccessStatusCode);
        await AssertAsync(d, $"Observation?code=b{m}&_include=Observation:subject", ["Observation/ob2"], []);
        await AssertAsync(d, $"Organization?name=other{m}&_revinclude=Patient:organization", ["Organization/o2"], []);
    }

    [TestMethod]
    [DataRow("_include", "Observation:code")]
    [DataRow("_include", "Nope:subject")]
    [DataRow("_include", "Observation")]
    [DataRow("_include", "Observation:subject:Medication")]
    [DataRow("_revinclude", "Observation:nonsense")]
    [DataRow("_include:iterate", "Observation:subject:Patient:extra")]
    public async Task Bad_include_values_are_refused_when_strict_and_reported_when_lenient(string name, string value)
    {
        var client = (await SharedHosts.GetAsync(Provider, "joins")).Client;
        var query = $"Observation?_id=none&{name}={Uri.EscapeDataString(value)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Add("Prefer", "handling=strict");
        using var strict = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.BadRequest, strict.StatusCode, query);
        StringAssert.Contains(await FhirJson.OutcomeTextAsync(strict), $"\"{name}\"");

        using var lenient = await client.GetAsync(query);
        Assert.AreEqual(HttpStatusCode.OK, lenient.StatusCode, query);
        var bundle = await FhirJson.ReadObjectAsync(lenient);
        Assert.AreEqual(1, bundle["entry"]!.AsArray().Count(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome"), query);
    }

    [TestMethod]
    public async Task Included_resources_are_cut_at_the_configured_limit_with_a_warning()
    {
        await using var host = await FhirServerHost.StartAsync(Provider, "--FhirAi:Server:MaxIncludedResources", "2");
        var d = await JoinTestData.CreateAsync(host.Client);
        var result = await d.SearchAsync($"Observation?code=a{d.M}&_include=*");
        Assert.AreEqual(HttpStatusCode.OK, result.Status);
        Assert.AreEqual(2, result.Included.Count, "four targets, cut to two");
        Assert.IsTrue(result.HasOutcomeEntry, "the cut is reported");
        StringAssert.Contains(result.Body.ToJsonString(), "too-costly");
    }
}

[TestClass]
public sealed class SqliteSearchIncludeTests : SearchIncludeTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSearchIncludeTests : SearchIncludeTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
