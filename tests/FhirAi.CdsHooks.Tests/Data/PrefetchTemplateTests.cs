using System.Text.Json;
using FhirAi.CdsHooks.Data;
using FhirAi.CdsHooks.Tests.Support;

namespace FhirAi.CdsHooks.Tests.Data;

[TestClass]
public sealed class PrefetchTemplateTests
{
    private static JsonElement Context(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [TestMethod]
    public void The_spec_example_templates_fill_from_the_context_and_the_user()
    {
        // spec-2.0.1__07: the example prefetch templates of the spec, filled from a context like its examples'.
        var templates = TestData.Json(Path.Combine(TestData.SpecExamples, "spec-2.0.1__07__example-prefetch-templates.json"))["prefetch"]!.AsObject();
        var context = Context("""{"userId":"PractitionerRole/A2340113","patientId":"1288992","encounterId":"456"}""");

        var filled = templates.ToDictionary(t => t.Key, t => PrefetchTemplate.Fill((string)t.Value!, context));

        Assert.IsTrue(filled.Values.All(f => f.Query is not null), string.Join("; ", filled.Select(f => $"{f.Key}: {f.Value.MissingToken}")));
        Assert.IsTrue(filled.Values.All(f => !f.Query!.Contains("{{", StringComparison.Ordinal)));
        Assert.IsTrue(filled.Values.Any(f => f.Query!.Contains("1288992", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void User_tokens_take_the_id_only_when_the_user_is_of_that_type()
    {
        var context = Context("""{"userId":"PractitionerRole/A2340113","patientId":"1"}""");

        Assert.AreEqual("PractitionerRole/A2340113", PrefetchTemplate.Fill("PractitionerRole/{{userPractitionerRoleId}}", context).Query);
        Assert.AreEqual("userPractitionerId", PrefetchTemplate.Fill("Practitioner/{{userPractitionerId}}", context).MissingToken);
    }

    [TestMethod]
    public void Only_root_level_primitive_context_fields_fill_a_token()
    {
        var context = Context("""{"patientId":"1","draftOrders":{"resourceType":"Bundle"},"n":3}""");

        Assert.AreEqual("context.draftOrders", PrefetchTemplate.Fill("X?a={{context.draftOrders}}", context).MissingToken);
        Assert.AreEqual("context.draftOrders.resourceType", PrefetchTemplate.Fill("X?a={{context.draftOrders.resourceType}}", context).MissingToken);
        Assert.AreEqual("X?a=3", PrefetchTemplate.Fill("X?a={{context.n}}", context).Query);
        Assert.AreEqual("context.encounterId", PrefetchTemplate.Fill("Encounter/{{context.encounterId}}", context).MissingToken);
    }

    [TestMethod]
    public void Values_are_url_escaped_so_a_context_value_cannot_add_search_parameters()
    {
        var context = Context("""{"patientId":"1&_include=*"}""");

        var query = PrefetchTemplate.Fill("Observation?patient={{context.patientId}}", context).Query!;

        Assert.AreEqual("Observation?patient=1%26_include%3D%2A", query);
        var parsed = FhirQuery.Parse(query)!;
        Assert.AreEqual(1, parsed.Parameters.Count);
        Assert.AreEqual("1&_include=*", parsed.Parameters[0].Value);
    }

    [TestMethod]
    [DataRow("Patient/123", "Patient", "123", 0)]
    [DataRow("Observation?patient=1&code=http://loinc.org|2160-0,http://loinc.org|33914-3", "Observation", null, 2)]
    [DataRow("Observation", "Observation", null, 0)]
    public void Queries_parse_into_a_read_or_a_search(string relative, string type, string? id, int parameters)
    {
        var query = FhirQuery.Parse(relative)!;

        Assert.AreEqual(type, query.Type);
        Assert.AreEqual(id, query.Id);
        Assert.AreEqual(parameters, query.Parameters.Count);
    }

    [TestMethod]
    [DataRow("../admin")]
    [DataRow("Patient/1/_history/2")]
    [DataRow("http://evil/Patient/1")]
    public void Anything_but_a_relative_read_or_type_search_is_refused(string relative) => Assert.IsNull(FhirQuery.Parse(relative));
}
