using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// :in/:not-in over package ValueSets, :below/:above over a package CodeSystem hierarchy (v3-ActCode: IMP has
/// children ACUTE and NONAC) and over uri paths. Expectations worked by hand from the data written and the package.
/// </summary>
public abstract class TerminologyModifierSearchTests
{
    private const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    public async Task Token_modifiers_expand_package_terminology()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        using var created = await client.PostAsync("Patient", FhirJson.Content("""{"resourceType":"Patient"}"""));
        var patient = (await FhirJson.ReadObjectAsync(created))["id"]!.GetValue<string>();
        foreach (var encounterClass in new[] { "ACUTE", "AMB" })
        {
            var json = $$$"""{"resourceType":"Encounter","status":"finished","class":{"system":"{{{ActCode}}}","code":"{{{encounterClass}}}"},"subject":{"reference":"Patient/{{{patient}}}"}}""";
            using var response = await client.PostAsync("Encounter", FhirJson.Content(json));
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        }

        var observation = $$$"""{"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"text":"x"},"subject":{"reference":"Patient/{{{patient}}}"}}""";
        using (var response = await client.PostAsync("Observation", FhirJson.Content(observation)))
        {
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.AreEqual(1, await TotalAsync(client, $"Encounter?subject=Patient/{patient}&class:below={ActCode}|IMP"), "ACUTE is below IMP");
        Assert.AreEqual(0, await TotalAsync(client, $"Encounter?subject=Patient/{patient}&class:below={ActCode}|NONAC"));
        Assert.AreEqual(0, await TotalAsync(client, $"Encounter?subject=Patient/{patient}&class:above={ActCode}|IMP"), "IMP's ancestors are not ACUTE");
        Assert.AreEqual(1, await TotalAsync(client, $"Encounter?subject=Patient/{patient}&class:above={ActCode}|AMB"));
        Assert.AreEqual(2, await TotalAsync(client, $"Encounter?subject=Patient/{patient}&class:in=http://terminology.hl7.org/ValueSet/v3-ActEncounterCode"));
        Assert.AreEqual(1, await TotalAsync(client, $"Observation?subject=Patient/{patient}&category:in=http://hl7.org/fhir/ValueSet/observation-category"));
        Assert.AreEqual(0, await TotalAsync(client, $"Observation?subject=Patient/{patient}&category:not-in=http://hl7.org/fhir/ValueSet/observation-category"));
    }

    [TestMethod]
    public async Task Uri_above_and_below_follow_the_path()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        var root = $"http://example.org/{Guid.NewGuid():N}";
        var valueSet = $$$"""{"resourceType":"ValueSet","status":"draft","url":"{{{root}}}/fhir/ValueSet/colours"}""";
        using (var response = await client.PostAsync("ValueSet", FhirJson.Content(valueSet)))
        {
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.AreEqual(1, await TotalAsync(client, $"ValueSet?url:below={root}/fhir"));
        Assert.AreEqual(0, await TotalAsync(client, $"ValueSet?url:below={root}/other"));
        Assert.AreEqual(1, await TotalAsync(client, $"ValueSet?url:above={root}/fhir/ValueSet/colours/v2"));
        Assert.AreEqual(0, await TotalAsync(client, $"ValueSet?url:above={root}/fhir/ValueSet"));
    }

    [TestMethod]
    public async Task A_value_set_the_package_cannot_expand_is_reported_or_refused()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        const string Query = "Observation?code:in=http://hl7.org/fhir/ValueSet/observation-codes";

        using (var lenient = await client.GetAsync(Query))
        {
            Assert.AreEqual(HttpStatusCode.OK, lenient.StatusCode);
            var bundle = await FhirJson.ReadObjectAsync(lenient);
            Assert.IsTrue(bundle["entry"]!.AsArray().Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Query);
        request.Headers.Add("Prefer", "handling=strict");
        using var strict = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.BadRequest, strict.StatusCode);
        var outcome = await FhirJson.ReadObjectAsync(strict);
        Assert.AreEqual("code:in", outcome["issue"]![0]!["expression"]![0]!.GetValue<string>());
    }

    private static async Task<int> TotalAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(query);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, query);
        var bundle = await FhirJson.ReadObjectAsync(response);
        Assert.IsFalse(bundle["entry"]?.AsArray().Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome") ?? false, query);
        return bundle["total"]!.GetValue<int>();
    }
}

[TestClass]
public sealed class SqliteTerminologyModifierSearchTests : TerminologyModifierSearchTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresTerminologyModifierSearchTests : TerminologyModifierSearchTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
