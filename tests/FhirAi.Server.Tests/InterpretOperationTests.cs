using System.Net;
using System.Text.Json.Nodes;
using FhirAi.Storage;
using FhirAi.Tests.Shared;

namespace FhirAi.Server.Tests;

/// <summary>
/// <c>DiagnosticReport/$interpret</c> over HTTP on a real server: the issue's acceptance examples (potassium 6.8 HH said
/// first, the Goff 2013 Table A patient's pce2013 RiskAssessment), persist + search, Chinese texts and 4xx answers.
/// </summary>
[TestClass]
public sealed class InterpretOperationTests
{
    private static async Task<HttpClient> ClientAsync() => (await SharedHosts.GetAsync(StorageProvider.Sqlite)).Client;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    private static async Task PutAsync(HttpClient client, JsonObject resource)
    {
        using var response = await client.PutAsync($"{resource["resourceType"]}/{resource["id"]}", FhirJson.Content(resource));
        Assert.IsTrue(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, JsonNode? body, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : FhirJson.Content(body) };
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await FhirJson.ReadObjectAsync(response));
    }

    private static IEnumerable<JsonObject> Outputs(JsonObject parameters, string name) =>
        parameters["parameter"]!.AsArray().Where(p => p!["name"]!.GetValue<string>() == name).Select(p => p!["resource"]!.AsObject());

    private static async Task<string> StoreGoffPatientAsync(HttpClient client, string prefix, string sex, string race)
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA(prefix, sex, race);
        foreach (var resource in new[] { patient }.Concat(results).Concat(history).Append(report))
        {
            await PutAsync(client, resource);
        }

        return report["id"]!.GetValue<string>();
    }

    [TestMethod]
    public async Task Potassium_6_8_given_in_Parameters_is_HH_and_said_first()
    {
        var client = await ClientAsync();
        var patient = ReportFixtures.Patient("p1", "female", "1958-02-02");
        JsonObject[] results =
        [
            ReportFixtures.Lab("na", "p1", "2951-2", "Sodium", 139, "mmol/L"),
            ReportFixtures.Lab("k", "p1", "2823-3", "Potassium", 6.8, "mmol/L"),
        ];
        var report = ReportFixtures.Report("bmp", "p1", "51990-0", "Basic metabolic panel", ["na", "k"]);

        var (status, body) = await PostAsync(client, "DiagnosticReport/$interpret", ReportFixtures.Parameters(report, results, patient));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        var potassium = Outputs(body, "result").Single(o => o["id"]!.GetValue<string>() == "k");
        Assert.AreEqual("HH", potassium["interpretation"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
        var conclusion = Outputs(body, "report").Single()["conclusion"]!.GetValue<string>();
        StringAssert.StartsWith(conclusion, "Critical result: Potassium 6.8 mmol/L is critically high");
        StringAssert.Contains(conclusion.Split('\n')[0], "(HH");
        StringAssert.Contains(conclusion, "Decision support");

        using var stored = await client.GetAsync("DiagnosticReport/bmp");
        Assert.AreEqual(HttpStatusCode.NotFound, stored.StatusCode, "the type form stores nothing");
    }

    [TestMethod]
    public async Task Female_Hb_9_and_MCV_72_gets_microcytic_anaemia()
    {
        var client = await ClientAsync();
        var patient = ReportFixtures.Patient("anaemia", "female", "1990-09-09");
        JsonObject[] results =
        [
            ReportFixtures.Lab("a-hb", "anaemia", "718-7", "Hemoglobin", 9.0, "g/dL"),
            ReportFixtures.Lab("a-mcv", "anaemia", "787-2", "MCV", 72, "fL"),
            ReportFixtures.Lab("a-rbc", "anaemia", "789-8", "Erythrocytes", 4.5, "10*6/uL"),
        ];
        var report = ReportFixtures.Report("a-cbc", "anaemia", "58410-2", "CBC", ["a-hb", "a-mcv", "a-rbc"]);

        var (status, body) = await PostAsync(client, "DiagnosticReport/$interpret", ReportFixtures.Parameters(report, results, patient));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        var conclusion = Outputs(body, "report").Single()["conclusion"]!.GetValue<string>();
        StringAssert.Contains(conclusion, "microcytic anaemia");
        StringAssert.Contains(conclusion, "Mentzer index 16");
    }

    [TestMethod]
    [DynamicData(nameof(PublishedWorkedExamples.PceGoff2013TableA), typeof(PublishedWorkedExamples))]
    public async Task Stored_Goff_2013_Table_A_patient_yields_the_published_pce2013_risk(string sex, string race, double published)
    {
        var client = await ClientAsync();
        var reportId = await StoreGoffPatientAsync(client, Unique("goff"), sex, race);

        var (status, body) = await PostAsync(client, $"DiagnosticReport/{reportId}/$interpret", null);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        var pce = Outputs(body, "riskAssessment").Single(r => r["method"]!["coding"]![0]!["code"]!.GetValue<string>() == "pce2013");
        Assert.AreEqual(published, pce["prediction"]![0]!["probabilityDecimal"]!.GetValue<double>(), 0.001);
        Assert.IsTrue(pce["basis"]!.AsArray().Any(b => b!["reference"]!.GetValue<string>().EndsWith("-bp", StringComparison.Ordinal)),
            "the systolic pressure came from the stored blood-pressure panel");
    }

    [TestMethod]
    public async Task Persist_stores_the_outputs_linked_to_the_report_and_they_are_searchable()
    {
        var client = await ClientAsync();
        var prefix = Unique("persist");
        var reportId = await StoreGoffPatientAsync(client, prefix, "male", "white");
        var persist = new JsonObject
        {
            ["resourceType"] = "Parameters",
            ["parameter"] = new JsonArray(new JsonObject { ["name"] = "persist", ["valueBoolean"] = true }),
        };

        var (status, body) = await PostAsync(client, $"DiagnosticReport/{reportId}/$interpret", persist);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());

        var provenance = await SearchAsync(client, $"Provenance?target=DiagnosticReport/{reportId}");
        Assert.HasCount(1, provenance);
        var risks = await SearchAsync(client, $"RiskAssessment?subject=Patient/{prefix}-patient&method=pce2013");
        Assert.HasCount(1, risks);
        Assert.AreEqual(Outputs(body, "riskAssessment").Single(r => r["method"]!["coding"]![0]!["code"]!.GetValue<string>() == "pce2013")["id"]!.GetValue<string>(),
            risks[0]["id"]!.GetValue<string>());
        var guidance = await SearchAsync(client, $"GuidanceResponse?subject=Patient/{prefix}-patient");
        Assert.HasCount(1, guidance);
        CollectionAssert.Contains(provenance[0]["target"]!.AsArray().Select(t => t!["reference"]!.GetValue<string>()).ToList(), $"GuidanceResponse/{guidance[0]["id"]}");
    }

    private static async Task<List<JsonObject>> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(query);
        var bundle = await FhirJson.ReadObjectAsync(response);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, bundle.ToJsonString());
        return bundle["entry"]?.AsArray().Select(e => e!["resource"]!.AsObject()).ToList() ?? [];
    }

    [TestMethod]
    public async Task The_previous_stored_result_gives_the_delta()
    {
        var client = await ClientAsync();
        var prefix = Unique("delta");
        var patient = ReportFixtures.Patient(prefix + "-p", "male", "1950-05-05");
        var old = ReportFixtures.Lab(prefix + "-old", prefix + "-p", "2823-3", "Potassium", 4.1, "mmol/L", "2026-02-01T08:00:00Z");
        var now = ReportFixtures.Lab(prefix + "-new", prefix + "-p", "2823-3", "Potassium", 5.9, "mmol/L");
        var report = ReportFixtures.Report(prefix + "-r", prefix + "-p", "51990-0", "BMP", [prefix + "-new"]);
        foreach (var resource in new[] { patient, old, now, report })
        {
            await PutAsync(client, resource);
        }

        var (status, body) = await PostAsync(client, $"DiagnosticReport/{prefix}-r/$interpret", null);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        var note = Outputs(body, "result").Single()["note"]![0]!["text"]!.GetValue<string>();
        StringAssert.Contains(note, $"Observation/{prefix}-old");
    }

    [TestMethod]
    [DataRow("zh-CN,zh;q=0.9,en;q=0.5", null)]
    [DataRow("en", "zh-Hans")]
    public async Task Chinese_texts_by_Accept_Language_or_the_language_parameter(string acceptLanguage, string? language)
    {
        var client = await ClientAsync();
        var patient = ReportFixtures.Patient("zh", "female", "1970-01-01");
        var report = ReportFixtures.Report("zh-r", "zh", "51990-0", "BMP", ["zh-k"]);
        var parameters = ReportFixtures.Parameters(report, [ReportFixtures.Lab("zh-k", "zh", "2823-3", "Potassium", 6.8, "mmol/L")], patient, language: language);

        var (status, body) = await PostAsync(client, "DiagnosticReport/$interpret", parameters, acceptLanguage);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        StringAssert.StartsWith(Outputs(body, "report").Single()["conclusion"]!.GetValue<string>(), "危急值");
        Assert.AreEqual("zh-Hans", Outputs(body, "guidance").Single()["language"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task An_unknown_report_is_404()
    {
        var (status, body) = await PostAsync(await ClientAsync(), "DiagnosticReport/does-not-exist/$interpret", null);
        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual("OperationOutcome", body["resourceType"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow("{\"resourceType\":\"Patient\"}", "Parameters")]
    [DataRow("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"report\",\"resource\":{\"resourceType\":\"Observation\"}}]}", "Parameters.parameter[0].resource")]
    [DataRow("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reprot\"}]}", "Parameters.parameter[0]")]
    [DataRow("{\"resourceType\":\"Parameters\",\"parameter\":[]}", "Parameters.parameter")]
    [DataRow("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"report\",\"resource\":{\"resourceType\":\"DiagnosticReport\",\"id\":\"x\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}},{\"name\":\"persist\",\"valueBoolean\":true}]}", "Parameters.parameter[1]")]
    [DataRow("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"report\",\"resource\":{\"resourceType\":\"DiagnosticReport\",\"id\":\"x\"}},{\"name\":\"language\",\"valueCode\":\"fr\"}]}", "Parameters.parameter[1]")]
    public async Task Bad_Parameters_are_400_with_the_expression(string body, string expression)
    {
        var client = await ClientAsync();
        using var response = await client.PostAsync("DiagnosticReport/$interpret", FhirJson.Content(body));
        var outcome = await FhirJson.ReadObjectAsync(response);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, outcome.ToJsonString());
        Assert.IsTrue(outcome["issue"]!.AsArray().Any(i => i!["expression"]?[0]?.GetValue<string>() == expression), outcome.ToJsonString());
    }

    [TestMethod]
    public async Task A_stored_report_refuses_report_parameters_in_the_body()
    {
        var client = await ClientAsync();
        var prefix = Unique("body");
        await PutAsync(client, ReportFixtures.Report(prefix, "nobody", "51990-0", "BMP", ["nothing"]));
        var body = JsonNode.Parse("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"resource\":{\"resourceType\":\"Observation\"}}]}");

        var (status, outcome) = await PostAsync(client, $"DiagnosticReport/{prefix}/$interpret", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(outcome.ToJsonString(), "Parameters.parameter[0]");
    }

    [TestMethod]
    public async Task CapabilityStatement_lists_interpret_and_serves_its_OperationDefinition()
    {
        var client = await ClientAsync();
        using var response = await client.GetAsync("metadata");
        var statement = await FhirJson.ReadObjectAsync(response);
        var report = statement["rest"]![0]!["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "DiagnosticReport")!;
        var interpret = report["operation"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "interpret")!;
        Assert.AreEqual("http://fhirai.org/fhir/OperationDefinition/DiagnosticReport-interpret", interpret["definition"]!.GetValue<string>());

        using var definition = await client.GetAsync("OperationDefinition/DiagnosticReport-interpret");
        var operation = await FhirJson.ReadObjectAsync(definition);
        Assert.AreEqual(HttpStatusCode.OK, definition.StatusCode);
        Assert.AreEqual(interpret["definition"]!.GetValue<string>(), operation["url"]!.GetValue<string>());
        Assert.IsTrue(operation["type"]!.GetValue<bool>() && operation["instance"]!.GetValue<bool>());

        using var validated = await client.PostAsync("OperationDefinition/$validate", FhirJson.Content(operation));
        var outcome = await FhirJson.ReadObjectAsync(validated);
        Assert.IsFalse(outcome["issue"]!.AsArray().Any(i => i!["severity"]!.GetValue<string>() is "error" or "fatal"), outcome.ToJsonString());
    }
}
