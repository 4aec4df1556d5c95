using System.Net;
using System.Text.Json.Nodes;
using FhirAi.Storage;
using static FhirAi.Server.Tests.MedicationReviewClient;

namespace FhirAi.Server.Tests;

/// <summary>Bad requests to <c>MedicationRequest/$interpret</c> answer 4xx with an OperationOutcome that says where, never 500.</summary>
[TestClass]
public sealed class MedicationReviewErrorTests
{
    private static async Task<MedicationReviewClient> ClientAsync() => new((await SharedHosts.GetAsync(StorageProvider.Sqlite)).Client);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string expectedInOutcome)
    {
        var outcome = await FhirJson.OutcomeTextAsync(response);
        Assert.AreEqual(status, response.StatusCode, outcome);
        StringAssert.Contains(outcome, expectedInOutcome);
    }

    [TestMethod]
    [DataRow("""{"resourceType":"Patient"}""", "\"expression\":[\"Parameters\"]")]
    [DataRow("""{"resourceType":"Parameters","parameter":{}}""", "Parameters.parameter")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"patient","valueReference":{"reference":"Patient/x"}}]}""", "medicationRequest")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"medicationRequest","resource":{"resourceType":"MedicationRequest","status":"active","intent":"order","subject":{"reference":"Patient/x"},"medicationCodeableConcept":{"text":"x"}}}]}""", "patient parameter")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"medicationRequest","resource":{"resourceType":"Patient"}}]}""", "Parameters.parameter[0].resource")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"dose","valueString":"x"}]}""", "Parameters.parameter[0]")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"patient","valueReference":{"reference":"Observation/1"}}]}""", "Parameters.parameter[0].valueReference")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"language","valueCode":"fr"}]}""", "Parameters.parameter[0]")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"persist","valueString":"yes"}]}""", "Parameters.parameter[0]")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"patient","resource":{"resourceType":"Patient","id":"p"}},{"name":"medicationRequest","resource":{"resourceType":"MedicationRequest","status":"bogus","intent":"order","subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"text":"x"}}}]}""", "Parameters.parameter[1].resource.status")]
    [DataRow("""{"resourceType":"Parameters","parameter":[{"name":"patient","resource":{"resourceType":"Patient","id":"p"}},{"name":"medicationRequest","resource":{"resourceType":"MedicationRequest","status":"active","intent":"order","subject":{"reference":"Patient/other"},"medicationCodeableConcept":{"text":"x"}}}]}""", "Parameters.parameter[1].resource.subject")]
    [DataRow("""{"resourceType":"Parameters",""", "not valid JSON")]
    public async Task Malformed_parameters_are_400_with_the_location(string body, string expected)
    {
        var client = await ClientAsync();

        using var response = await client.PostRawAsync("MedicationRequest/$interpret", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [TestMethod]
    public async Task Unknown_order_is_404_and_deleted_order_is_410()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(40));
        var order = await client.CreateAsync(Order(patient, "161", "acetaminophen"));
        (await client.Http.DeleteAsync(order)).Dispose();

        using var unknown = await client.PostRawAsync("MedicationRequest/no-such-order/$interpret", string.Empty);
        using var deleted = await client.PostRawAsync($"{order}/$interpret", string.Empty);

        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "MedicationRequest/no-such-order");
        await AssertErrorAsync(deleted, HttpStatusCode.Gone, "deleted");
    }

    [TestMethod]
    public async Task Stored_order_rejects_type_form_parameters_and_unknown_patient_reference_is_404()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(40));
        var order = await client.CreateAsync(Order(patient, "161", "acetaminophen"));

        using var wrongForm = await client.PostRawAsync($"{order}/$interpret",
            """{"resourceType":"Parameters","parameter":[{"name":"patient","valueReference":{"reference":"Patient/x"}}]}""");
        using var unknownPatient = await client.PostRawAsync("MedicationRequest/$interpret", Parameters(
            ("patient", Ref("Patient/not-stored-anywhere")), ("medicationRequest", Order("Patient/not-stored-anywhere", "161", "acetaminophen"))).ToJsonString());

        await AssertErrorAsync(wrongForm, HttpStatusCode.BadRequest, "Parameters.parameter[0]");
        await AssertErrorAsync(unknownPatient, HttpStatusCode.NotFound, "Patient/not-stored-anywhere");
    }

    [TestMethod]
    public async Task Order_for_a_group_not_a_patient_is_422()
    {
        var client = await ClientAsync();
        var order = await client.CreateAsync(Order("Group/ward-7", "161", "acetaminophen"));

        using var response = await client.PostRawAsync($"{order}/$interpret", string.Empty);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "MedicationRequest.subject");
    }

    [TestMethod]
    public async Task Operation_definition_is_served_and_listed_in_the_capability_statement()
    {
        var client = await ClientAsync();

        var definition = await FhirJson.ReadObjectAsync(await client.Http.GetAsync("OperationDefinition/MedicationRequest-interpret"));
        var capability = await FhirJson.ReadObjectAsync(await client.Http.GetAsync("metadata"));

        Assert.AreEqual("http://fhirai.org/fhir/OperationDefinition/MedicationRequest-interpret", definition["url"]!.GetValue<string>());
        Assert.IsTrue(definition["type"]!.GetValue<bool>() && definition["instance"]!.GetValue<bool>());
        var operations = capability["rest"]![0]!["resource"]!.AsArray()
            .Single(r => r!["type"]!.GetValue<string>() == "MedicationRequest")!["operation"]!.AsArray();
        Assert.IsTrue(operations.Any(o => o!["name"]!.GetValue<string>() == "interpret"
            && o["definition"]!.GetValue<string>() == definition["url"]!.GetValue<string>()));
        using var validate = await client.Http.PostAsync("OperationDefinition/$validate", FhirJson.Content(definition));
        var outcome = await FhirJson.ReadObjectAsync(validate);
        Assert.IsFalse(outcome["issue"]!.AsArray().Any(i => i!["severity"]!.GetValue<string>() is "error" or "fatal"), outcome.ToJsonString());
    }
}
