using System.Net;
using System.Text.Json.Nodes;
using FhirAi.Storage;
using static FhirAi.Server.Tests.MedicationReviewClient;

namespace FhirAi.Server.Tests;

/// <summary>
/// The issue's medication review cases end to end over HTTP: a patient's record is stored, an order is reviewed
/// with <c>MedicationRequest/$interpret</c>, and the DetectedIssues are checked as a client sees them.
/// </summary>
[TestClass]
public sealed class MedicationReviewTests
{
    private static async Task<MedicationReviewClient> ClientAsync() => new((await SharedHosts.GetAsync(StorageProvider.Sqlite)).Client);

    [TestMethod]
    public async Task Warfarin_plus_ibuprofen_is_a_high_severity_drg_issue_implicating_both_orders()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(60));
        var warfarin = await client.CreateAsync(Order(patient, "11289", "warfarin"));
        var ibuprofen = await client.CreateAsync(Order(patient, "5640", "ibuprofen", status: "draft"));

        var result = await client.InterpretStoredAsync(ibuprofen);

        var drg = Issues(result).Where(i => Code(i) == "DRG").ToList();
        Assert.AreEqual(1, drg.Count, result.ToJsonString());
        Assert.AreEqual("high", drg[0]["severity"]!.GetValue<string>());
        CollectionAssert.AreEquivalent(new[] { warfarin, ibuprofen }, References(drg[0]["implicated"]));
        Assert.AreEqual(patient, drg[0]["patient"]!["reference"]!.GetValue<string>());
        Assert.AreEqual("http://terminology.hl7.org/CodeSystem/v3-ActCode", drg[0]["code"]!["coding"]![0]!["system"]!.GetValue<string>());
        Assert.IsFalse(string.IsNullOrWhiteSpace(drg[0]["detail"]!.GetValue<string>()));
        StringAssert.Contains(drg[0]["detail"]!.GetValue<string>(), "Decision support");
        Assert.IsNotNull(drg[0]["mitigation"]![0]!["action"]!["text"]);
        var entities = References(Provenance(result)["entity"]!.AsArray().Select(e => e!["what"]).ToJsonArray());
        CollectionAssert.IsSubsetOf(new[] { patient, warfarin, ibuprofen }, entities);
    }

    [TestMethod]
    public async Task Metformin_with_egfr_25_is_a_renal_issue_with_the_egfr_observation_as_evidence()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(58), "female");
        await client.CreateAsync(Egfr(patient, 70m, "2024-01-10"));
        var egfr = await client.CreateAsync(Egfr(patient, 25m, "2025-02-10"));

        var result = await client.InterpretAsync(Parameters(("patient", Ref(patient)), ("medicationRequest", Order(patient, "6809", "metformin"))));

        var renal = Issues(result).Where(i => References(i["evidence"]?[0]?["detail"]).Contains(egfr)).ToList();
        Assert.AreEqual(1, renal.Count, result.ToJsonString());
        Assert.AreEqual("MedicationRequest at Parameters.parameter[1].resource", References(renal[0]["implicated"]).Single(),
            "a proposed order without id is named by where it was given");
        Assert.AreEqual("high", renal[0]["severity"]!.GetValue<string>(), "metformin is contraindicated below eGFR 30");
        CollectionAssert.Contains(References(Provenance(result)["entity"]!.AsArray().Select(e => e!["what"]).ToJsonArray()), egfr);
    }

    [TestMethod]
    public async Task Amoxicillin_for_a_patient_allergic_to_penicillin_is_algy()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(30));
        var allergy = await client.CreateAsync(PenicillinAllergy(patient));
        var amoxicillin = await client.CreateAsync(Order(patient, "723", "amoxicillin", status: "draft"));

        var result = await client.InterpretStoredAsync(amoxicillin);

        var algy = Issues(result).Single(i => Code(i) == "ALGY");
        CollectionAssert.AreEqual(new[] { allergy }, References(algy["evidence"]![0]!["detail"]));
        CollectionAssert.AreEqual(new[] { amoxicillin }, References(algy["implicated"]));
    }

    [TestMethod]
    public async Task Simvastatin_with_clarithromycin_is_an_issue()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(50));
        var simvastatin = await client.CreateAsync(Order(patient, "36567", "simvastatin"));

        var result = await client.InterpretAsync(Parameters(("patient", Ref(patient)), ("medicationRequest", Order(patient, "21212", "clarithromycin"))));

        var issue = Issues(result).Single(i => References(i["implicated"]).Contains(simvastatin));
        Assert.AreEqual("DRG", Code(issue));
        Assert.AreEqual("high", issue["severity"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Unrelated_drugs_give_no_issue_and_a_provenance_of_the_review()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(40));
        await client.CreateAsync(Order(patient, "29046", "lisinopril"));
        await client.CreateAsync(Egfr(patient, 95m, "2025-01-01"));
        var order = await client.CreateAsync(Order(patient, "161", "acetaminophen", status: "draft"));

        var result = await client.InterpretStoredAsync(order);

        Assert.AreEqual(0, Issues(result).Count, result.ToJsonString());
        var provenance = Provenance(result);
        CollectionAssert.AreEqual(new[] { order }, References(provenance["target"]));
        StringAssert.Contains(result["parameter"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "note")!["valueString"]!.GetValue<string>(), "Decision support");
    }

    [TestMethod]
    public async Task Patient_given_as_a_resource_reviews_only_what_the_parameters_hold()
    {
        var client = await ClientAsync();
        var patient = new JsonObject { ["resourceType"] = "Patient", ["id"] = "not-stored", ["birthDate"] = Today(30), ["gender"] = "female" };

        var result = await client.InterpretAsync(Parameters(
            ("patient", patient),
            ("medicationRequest", Order("Patient/not-stored", "723", "amoxicillin")),
            ("allergyIntolerance", PenicillinAllergy("Patient/not-stored"))));

        var algy = Issues(result).Single(i => Code(i) == "ALGY");
        CollectionAssert.AreEqual(new[] { "AllergyIntolerance at Parameters.parameter[2].resource" }, References(algy["evidence"]![0]!["detail"]));
        Assert.AreEqual("Patient/not-stored", algy["patient"]!["reference"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Chinese_by_parameter_or_accept_language()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(60));
        await client.CreateAsync(Order(patient, "11289", "warfarin"));
        var ibuprofen = await client.CreateAsync(Order(patient, "5640", "ibuprofen", status: "draft"));

        var byParameter = await client.InterpretStoredAsync(ibuprofen, Parameters(("language", JsonValue.Create("zh-Hans"))));
        var byHeader = await client.InterpretStoredAsync(ibuprofen, acceptLanguage: "zh-CN");
        var english = await client.InterpretStoredAsync(ibuprofen, acceptLanguage: "en-US");

        foreach (var result in new[] { byParameter, byHeader })
        {
            var issue = Issues(result).Single(i => Code(i) == "DRG");
            Assert.AreEqual("zh-Hans", issue["language"]!.GetValue<string>());
            StringAssert.Contains(issue["detail"]!.GetValue<string>(), "临床决策支持");
            Assert.IsTrue(issue["mitigation"]![0]!["action"]!["text"]!.GetValue<string>().Any(c => c >= '\u4e00' && c <= '\u9fff'), "Chinese mitigation");
        }

        Assert.AreEqual("en", Issues(english).Single(i => Code(i) == "DRG")["language"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Every_output_validates_on_the_server()
    {
        var client = await ClientAsync();
        var patient = await client.PatientAsync(Today(70), "female");
        await client.CreateAsync(Order(patient, "11289", "warfarin"));
        await client.CreateAsync(PenicillinAllergy(patient));
        await client.CreateAsync(Egfr(patient, 25m, "2025-02-10"));

        var result = await client.InterpretAsync(Parameters(("patient", Ref(patient)),
            ("medicationRequest", Order(patient, "5640", "ibuprofen", doseMg: 800, timesPerDay: 4)),
            ("medicationRequest", Order(patient, "723", "amoxicillin")),
            ("medicationRequest", Order(patient, "6809", "metformin"))));

        var outputs = Issues(result).Append(Provenance(result)).ToList();
        Assert.IsTrue(outputs.Count >= 4, result.ToJsonString());
        foreach (var resource in outputs)
        {
            var type = resource["resourceType"]!.GetValue<string>();
            using var response = await client.Http.PostAsync($"{type}/$validate", FhirJson.Content(resource));
            var outcome = await FhirJson.ReadObjectAsync(response);
            var errors = outcome["issue"]!.AsArray().Where(i => i!["severity"]!.GetValue<string>() is "error" or "fatal").ToList();
            Assert.AreEqual(0, errors.Count, outcome.ToJsonString());
        }
    }
}

internal static class JsonArrays
{
    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> nodes) => new([.. nodes.Select(n => n?.DeepClone())]);
}
