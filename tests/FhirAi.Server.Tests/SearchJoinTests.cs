using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// Chained parameters and <c>_has</c> over real HTTP on each provider. Expected matches are read off
/// the graph in <see cref="JoinTestData"/> by hand.
/// </summary>
public abstract class SearchJoinTests
{
    protected abstract StorageProvider Provider { get; }

    private async Task<JoinTestData> DataAsync()
    {
        var host = await SharedHosts.GetAsync(Provider, "joins");
        var data = await JoinTestData.CreateAsync(host.Client);
        await host.AnalyzeAsync();
        return data;
    }

    private static async Task AssertMatchesAsync(JoinTestData data, string query, params string[] expected)
    {
        var result = await data.SearchAsync(query, strict: true);
        Assert.AreEqual(HttpStatusCode.OK, result.Status, $"{query}: {result.Body.ToJsonString()}");
        CollectionAssert.AreEquivalent(expected, result.Matches, $"{query} matched {string.Join(", ", result.Matches)}");
        Assert.AreEqual(expected.Length, result.Total, query);
        Assert.AreEqual(0, result.Included.Count, query);
    }

    [TestMethod]
    public async Task Chains_follow_references_with_and_without_type_modifiers()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name=peter{m}", "Observation/ob1", "Observation/ob4");
        // subject may point at Group, Device, Patient or Location; Patient and Location have 'name', so both are searched.
        await AssertMatchesAsync(d, $"Observation?subject.name=peter{m}", "Observation/ob1", "Observation/ob3", "Observation/ob4");
        await AssertMatchesAsync(d, $"Observation?subject:Location.name=peter{m}", "Observation/ob3");
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name=peter{m}&code=http://example.org/codes|a{m}", "Observation/ob1");
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name=paula{m},peter{m}&subject:Patient.gender=female", "Observation/ob2");
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name:exact=Peter{m}", "Observation/ob1", "Observation/ob4");
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name:exact=peter{m}");
        await AssertMatchesAsync(d, $"Observation?subject:Patient._id={d.Id("p2")}", "Observation/ob2");
    }

    [TestMethod]
    public async Task Chains_go_several_levels_deep()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertMatchesAsync(d, $"Observation?patient.organization.name=acme{m}", "Observation/ob1", "Observation/ob4");
        await AssertMatchesAsync(d, $"Observation?subject:Patient.organization:Organization.name=other{m}", "Observation/ob2");
        await AssertMatchesAsync(d, $"Observation?encounter.service-provider.name=acme{m}", "Observation/ob1");
        await AssertMatchesAsync(d, $"Provenance?target:Observation.patient.organization.name=acme{m}", "Provenance/pv1");
        await AssertMatchesAsync(d, $"Provenance?target:Observation.patient.organization.name=other{m}");
        await AssertMatchesAsync(d, $"Patient?general-practitioner:Practitioner.name=welby{m}", "Patient/p1");
    }

    [TestMethod]
    public async Task Has_finds_resources_by_what_references_them()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=http://example.org/codes|a{m}", "Patient/p1");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:subject:code=a{m}", "Patient/p1");
        await AssertMatchesAsync(d, $"Location?_has:Observation:subject:code=a{m}", "Location/l1");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=b{m}", "Patient/p2");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=a{m},b{m}", "Patient/p1", "Patient/p2");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=a{m},b{m}&gender=female", "Patient/p2");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=a{m}&_has:Encounter:patient:service-provider=Organization/{d.Id("o1")}", "Patient/p1");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=b{m}&_has:Encounter:patient:service-provider=Organization/{d.Id("o1")}");
        await AssertMatchesAsync(d, $"Practitioner?_has:Observation:performer:code=a{m}", "Practitioner/pr1");
    }

    [TestMethod]
    public async Task Has_nests_and_combines_with_chains()
    {
        var d = await DataAsync();
        var m = d.M;
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:_has:Provenance:target:agent=Practitioner/{d.Id("pr1")}", "Patient/p1");
        await AssertMatchesAsync(d, $"Organization?_has:Patient:organization:_has:Observation:patient:code=b{m}", "Organization/o2");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:performer.name=welby{m}", "Patient/p1");
        await AssertMatchesAsync(d, $"Organization?_has:Patient:organization:general-practitioner:Practitioner.name=welby{m}", "Organization/o1");
        await AssertMatchesAsync(d, $"Observation?patient._has:Encounter:patient:service-provider.name=acme{m}", "Observation/ob1", "Observation/ob4");
    }

    [TestMethod]
    public async Task Deleted_resources_break_the_chain()
    {
        var d = await DataAsync();
        var m = d.M;
        using var deleted = await d.Client.DeleteAsync($"Patient/{d.Id("p2")}");
        Assert.IsTrue(deleted.IsSuccessStatusCode);
        await AssertMatchesAsync(d, $"Observation?subject:Patient.name=paula{m}");
        await AssertMatchesAsync(d, $"Organization?_has:Patient:organization:name=paula{m}");
        await AssertMatchesAsync(d, $"Patient?_has:Observation:patient:code=b{m}");
    }

    [TestMethod]
    [DataRow("Observation?subject.nonsense=x", "subject.nonsense")]
    [DataRow("Observation?code.name=x", "code.name")]
    [DataRow("Observation?subject:Medication.name=x", "subject:Medication.name")]
    [DataRow("Observation?subject:Patient.name._count=x", "subject:Patient.name._count")]
    [DataRow("Patient?_has:Observation:code:status=final", "_has:Observation:code:status")]
    [DataRow("Patient?_has:Nope:patient:code=x", "_has:Nope:patient:code")]
    [DataRow("Patient?_has:Observation:patient=x", "_has:Observation:patient")]
    [DataRow("Organization?_has:Observation:patient:code=x", "_has:Observation:patient:code")]
    [DataRow("Observation?patient.organization.partof.partof.partof.name=x", "patient.organization.partof.partof.partof.name")]
    public async Task Bad_chains_are_refused_when_strict_and_reported_when_lenient(string query, string parameter)
    {
        var client = (await SharedHosts.GetAsync(Provider, "joins")).Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Add("Prefer", "handling=strict");
        using var strict = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.BadRequest, strict.StatusCode, query);
        StringAssert.Contains(await FhirJson.OutcomeTextAsync(strict), $"\"{parameter}\"", "the issue names the parameter");

        using var lenient = await client.GetAsync(query + "&_count=1");
        Assert.AreEqual(HttpStatusCode.OK, lenient.StatusCode, query);
        var bundle = await FhirJson.ReadObjectAsync(lenient);
        var outcome = bundle["entry"]!.AsArray().Single(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome");
        StringAssert.Contains(outcome!.ToJsonString(), parameter);
    }
}

[TestClass]
public sealed class SqliteSearchJoinTests : SearchJoinTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSearchJoinTests : SearchJoinTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}

/// <summary>The CapabilityStatement says what joins work: searchInclude/searchRevInclude per type, chaining on reference parameters, _has.</summary>
[TestClass]
public sealed class JoinCapabilityTests
{
    [TestMethod]
    public async Task Capability_statement_lists_includes_revincludes_chaining_and_has()
    {
        var client = (await SharedHosts.GetAsync(StorageProvider.Sqlite)).Client;
        using var response = await client.GetAsync("metadata");
        var statement = await FhirJson.ReadObjectAsync(response);
        var resources = statement["rest"]![0]!["resource"]!.AsArray().ToDictionary(r => r!["type"]!.GetValue<string>(), r => r!.AsObject());
        List<string> Values(string type, string element) => resources[type][element]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

        var includes = Values("Observation", "searchInclude");
        CollectionAssert.IsSubsetOf(new[] { "*", "Observation:*", "Observation:subject", "Observation:patient", "Observation:has-member" }, includes);
        CollectionAssert.DoesNotContain(includes, "Observation:code", "only reference parameters can be included");
        var revIncludes = Values("Patient", "searchRevInclude");
        CollectionAssert.IsSubsetOf(new[] { "Observation:subject", "Observation:patient", "Encounter:patient", "Provenance:target" }, revIncludes);
        CollectionAssert.DoesNotContain(revIncludes, "Observation:encounter", "Observation.encounter cannot point at a Patient");

        var patientParameters = resources["Patient"]["searchParam"]!.AsArray();
        Assert.AreEqual("special", patientParameters.Single(p => p!["name"]!.GetValue<string>() == "_has")!["type"]!.GetValue<string>());
        var subject = resources["Observation"]["searchParam"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "subject")!;
        StringAssert.Contains(subject["documentation"]!.GetValue<string>(), "Chaining");
    }
}
