using System.Net;
using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Validation;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>The CapabilityStatement describes system search, compartments, modifiers and $everything, and the OperationDefinition validates.</summary>
[TestClass]
public sealed class SearchConformanceTests
{
    [TestMethod]
    public async Task Capability_statement_lists_system_search_compartments_modifiers_and_everything()
    {
        var client = (await SharedHosts.GetAsync(StorageProvider.Sqlite)).Client;
        using var response = await client.GetAsync("metadata");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rest = document.RootElement.GetProperty("rest")[0];
        Assert.IsTrue(rest.GetProperty("interaction").EnumerateArray().Any(i => i.GetProperty("code").GetString() == "search-system"));
        var systemParameters = rest.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "_id", "_lastUpdated", "_tag", "_profile", "_security", "_source" }, systemParameters);
        CollectionAssert.Contains(systemParameters, "_content", "_content is defined on Resource and implemented");
        CollectionAssert.DoesNotContain(systemParameters, "_text", "_text is defined on DomainResource, so not for every type");
        CollectionAssert.DoesNotContain(systemParameters, "_list", "_list is not implemented, so it is not listed");
        CollectionAssert.Contains(rest.GetProperty("compartment").EnumerateArray().Select(c => c.GetString()).ToList(), "http://hl7.org/fhir/CompartmentDefinition/patient");
        StringAssert.Contains(rest.GetProperty("documentation").GetString(), "_sort");

        var patient = rest.GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Patient");
        Assert.IsTrue(patient.GetProperty("operation").EnumerateArray().Any(o => o.GetProperty("name").GetString() == "everything"));
        var identifier = patient.GetProperty("searchParam").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "identifier");
        StringAssert.Contains(identifier.GetProperty("documentation").GetString(), ":of-type");
        StringAssert.Contains(identifier.GetProperty("documentation").GetString(), ":missing");
        var text = patient.GetProperty("searchParam").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "_text");
        StringAssert.Contains(text.GetProperty("documentation").GetString(), ":missing");
        var observation = rest.GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Observation");
        var subject = observation.GetProperty("searchParam").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "subject");
        StringAssert.Contains(subject.GetProperty("documentation").GetString(), ":identifier");

        using var definition = await client.GetAsync("OperationDefinition/Patient-everything");
        Assert.AreEqual(HttpStatusCode.OK, definition.StatusCode);
        using var operation = JsonDocument.Parse(await definition.Content.ReadAsStringAsync());
        var issues = new ResourceValidator(FhirDefinitions.LoadDefault()).Validate(operation.RootElement);
        Assert.IsFalse(issues.Any(i => i.IsError), string.Join("\n", issues.Select(i => $"{i.Expression}: {i.Diagnostics}")));
    }
}
