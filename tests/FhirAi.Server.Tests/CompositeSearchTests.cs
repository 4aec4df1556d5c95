using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>Composite parameters match both components on the same element; expectations worked by hand from the data written.</summary>
public abstract class CompositeSearchTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    public async Task Composite_components_must_match_on_the_same_repetition()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        using var created = await client.PostAsync("Patient", FhirJson.Content("""{"resourceType":"Patient"}"""));
        var patient = (await FhirJson.ReadObjectAsync(created))["id"]!.GetValue<string>();
        var bloodPressure = $$$"""
            {"resourceType":"Observation","status":"final","subject":{"reference":"Patient/{{{patient}}}"},
             "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2026-05-01",
             "component":[
               {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":140,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
               {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":90,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}
            """;
        var smoking = $$$"""
            {"resourceType":"Observation","status":"final","subject":{"reference":"Patient/{{{patient}}}"},
             "code":{"coding":[{"system":"http://loinc.org","code":"72166-2"}]},
             "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"449868002"}]}}
            """;
        var onsetDate = $$$"""
            {"resourceType":"Observation","status":"final","subject":{"reference":"Patient/{{{patient}}}"},
             "code":{"coding":[{"system":"http://loinc.org","code":"11368-8"}]},"valueDateTime":"2026-05-01"}
            """;
        foreach (var json in new[] { bloodPressure, smoking, onsetDate })
        {
            using var response = await client.PostAsync("Observation", FhirJson.Content(json));
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        }

        async Task<int> TotalAsync(string criteria)
        {
            using var response = await client.GetAsync($"Observation?subject=Patient/{patient}&{criteria}");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, criteria);
            var bundle = await FhirJson.ReadObjectAsync(response);
            Assert.IsFalse(bundle["entry"]?.AsArray().Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome") ?? false, criteria);
            return bundle["total"]!.GetValue<int>();
        }

        Assert.AreEqual(1, await TotalAsync("component-code-value-quantity=http://loinc.org|8480-6$gt130"));
        Assert.AreEqual(0, await TotalAsync("component-code-value-quantity=http://loinc.org|8462-4$gt130"), "diastolic is 90: the pair must match on one component");
        Assert.AreEqual(1, await TotalAsync("component-code-value-quantity=8462-4$90|http://unitsofmeasure.org|mm[Hg]"));
        Assert.AreEqual(0, await TotalAsync("component-code-value-quantity=8462-4$90|http://unitsofmeasure.org|kPa"));
        Assert.AreEqual(1, await TotalAsync("component-code-value-quantity=8480-6$le140,8462-4$gt500"), "comma is OR");
        Assert.AreEqual(1, await TotalAsync("code-value-concept=http://loinc.org|72166-2$http://snomed.info/sct|449868002"));
        Assert.AreEqual(0, await TotalAsync("code-value-concept=http://loinc.org|72166-2$http://snomed.info/sct|266919005"));
        Assert.AreEqual(1, await TotalAsync("code-value-date=11368-8$2026-05"));
        Assert.AreEqual(0, await TotalAsync("code-value-date=11368-8$gt2026-05-01"));
    }
}

[TestClass]
public sealed class SqliteCompositeSearchTests : CompositeSearchTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresCompositeSearchTests : CompositeSearchTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
