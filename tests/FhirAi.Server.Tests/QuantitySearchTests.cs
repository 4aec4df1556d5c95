using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>Quantity search compares UCUM units after conversion; expectations worked by hand (1 g/L = 100 mg/dL).</summary>
public abstract class QuantitySearchTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    public async Task Ucum_quantities_compare_across_units_and_other_units_only_as_written()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        using var created = await client.PostAsync("Patient", FhirJson.Content("""{"resourceType":"Patient"}"""));
        var patient = (await FhirJson.ReadObjectAsync(created))["id"]!.GetValue<string>();
        async Task ObserveAsync(string quantity)
        {
            var json = $$$"""{"resourceType":"Observation","status":"final","code":{"text":"glucose"},"subject":{"reference":"Patient/{{{patient}}}"},"valueQuantity":{{{quantity}}}}""";
            using var response = await client.PostAsync("Observation", FhirJson.Content(json));
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        }

        await ObserveAsync("""{"value":1.26,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}""");
        await ObserveAsync("""{"value":95,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}""");
        await ObserveAsync("""{"value":126,"unit":"mg per dl","system":"http://example.org/units","code":"mg-dl"}""");

        async Task<int> TotalAsync(string criteria)
        {
            using var response = await client.GetAsync($"Observation?subject=Patient/{patient}&{criteria}");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, criteria);
            return (await FhirJson.ReadObjectAsync(response))["total"]!.GetValue<int>();
        }

        const string Ucum = "http://unitsofmeasure.org";
        Assert.AreEqual(1, await TotalAsync($"value-quantity=126|{Ucum}|mg/dL"), "1.26 g/L is 126 mg/dL");
        Assert.AreEqual(1, await TotalAsync($"value-quantity=0.95|{Ucum}|g/L"), "95 mg/dL is 0.95 g/L");
        Assert.AreEqual(2, await TotalAsync($"value-quantity=gt50|{Ucum}|mg/dL"));
        Assert.AreEqual(1, await TotalAsync($"value-quantity=ge1|{Ucum}|g/L"));
        Assert.AreEqual(1, await TotalAsync($"value-quantity=lt1|{Ucum}|g/L"));
        Assert.AreEqual(0, await TotalAsync($"value-quantity=126|{Ucum}|mmol/L"), "molar units are another dimension");
        Assert.AreEqual(1, await TotalAsync("value-quantity=126|http://example.org/units|mg-dl"), "non-UCUM units match as written");
        Assert.AreEqual(1, await TotalAsync("value-quantity=126||mg-dl"));
    }
}

[TestClass]
public sealed class SqliteQuantitySearchTests : QuantitySearchTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresQuantitySearchTests : QuantitySearchTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
