using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static FhirAi.Server.Tests.CdsHooks.CdsHooksTestServer;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>
/// The CDS Hooks acceptance cases over HTTP against a real server: discovery, CORS, the warfarin + ibuprofen
/// order-sign card, no card for an unrelated order, patient-view from stored results, spec statuses, and fhirServer
/// pointing at an EHR FHIR server (Kestrel in the test) that fails transiently (answers within the budget) or
/// permanently (412 quickly, not a hang).
/// </summary>
[TestClass]
public sealed class CdsHooksHttpTests
{
    private const string OwnBase = "https://fhirai.invalid/fhir";

    private static FhirServerHost? _host;

    private static FhirServerHost Host => _host ?? throw new InvalidOperationException("Class not initialized.");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        // fhirai.invalid stands for this server's public base URL: a call naming it must be served from the store, never over HTTP.
        _host = await CdsHooksTestServer.StartAsync("--CdsHooks:OwnBaseUrls:0", OwnBase).ConfigureAwait(false);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [TestMethod]
    public async Task Discovery_lists_both_services_with_prefetch_templates_as_json_with_cors()
    {
        var response = await Host.Client.GetAsync(Services(Host));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var services = (await JsonAsync(response))["services"]!.AsArray();
        CollectionAssert.AreEquivalent(new[] { "fhirai-patient-view", "fhirai-medication-review", "fhirai-medication-review" },
            services.Select(s => (string?)s!["id"]).ToList());
        Assert.IsTrue(services.All(s => ((string?)s!["prefetch"]!["patient"]) == "Patient/{{context.patientId}}"));
    }

    [TestMethod]
    public async Task The_cors_preflight_allows_post_with_authorization()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Services(Host, "fhirai-medication-review"));
        preflight.Headers.Add("Origin", "https://ehr.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await Host.Client.SendAsync(preflight);

        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode);
        StringAssert.Contains(response.Headers.GetValues("Access-Control-Allow-Methods").Single(), "POST");
        StringAssert.Contains(response.Headers.GetValues("Access-Control-Allow-Headers").Single(), "Authorization");
        Assert.AreEqual("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var feedbackPreflight = new HttpRequestMessage(HttpMethod.Options, Services(Host, "fhirai-medication-review/feedback"));
        Assert.AreEqual(HttpStatusCode.NoContent, (await Host.Client.SendAsync(feedbackPreflight)).StatusCode, "the feedback path's preflight too");
    }

    [TestMethod]
    public async Task Order_sign_adding_ibuprofen_for_a_patient_on_warfarin_returns_a_critical_card_with_a_delete_suggestion()
    {
        var patient = NewId("p");
        await PutAsync(Host, Patient(patient, 60));
        await PutAsync(Host, Order(NewId("w"), patient, "11289", "warfarin", "active"));

        var (response, body) = await CallAsync(Host, "fhirai-medication-review", OrderSign(patient, Order("draft-1", patient, "5640", "ibuprofen", "draft")));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body.ToJsonString());
        Assert.AreEqual("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var card = body["cards"]!.AsArray().Single()!;
        Assert.IsTrue((string?)card["indicator"] is "warning" or "critical");
        Assert.AreEqual("critical", (string?)card["indicator"]);
        var action = card["suggestions"]![0]!["actions"]![0]!;
        Assert.AreEqual("delete", (string?)action["type"]);
        Assert.AreEqual("MedicationRequest/draft-1", (string?)action["resourceId"]);
        StringAssert.Contains((string?)card["detail"], "Decision support");
    }

    [TestMethod]
    public async Task A_current_medication_by_medication_reference_or_statement_is_resolved_from_the_store()
    {
        var patient = NewId("p");
        var medication = NewId("m");
        await PutAsync(Host, Patient(patient, 60));
        await PutAsync(Host, new JsonObject
        {
            ["resourceType"] = "Medication",
            ["id"] = medication,
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "11289", ["display"] = "warfarin" }) },
        });
        var byReference = Order(NewId("w"), patient, "0", "x", "active");
        byReference.Remove("medicationCodeableConcept");
        byReference["medicationReference"] = new JsonObject { ["reference"] = "Medication/" + medication };
        await PutAsync(Host, byReference);
        var statementPatient = NewId("p");
        await PutAsync(Host, Patient(statementPatient, 60));
        await PutAsync(Host, new JsonObject
        {
            ["resourceType"] = "MedicationStatement",
            ["id"] = NewId("s"),
            ["status"] = "active",
            ["subject"] = new JsonObject { ["reference"] = "Patient/" + statementPatient },
            ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "11289", ["display"] = "warfarin" }) },
        });

        var (_, viaInclude) = await CallAsync(Host, "fhirai-medication-review", OrderSign(patient, Order("d1", patient, "5640", "ibuprofen", "draft")));
        var (_, viaStatement) = await CallAsync(Host, "fhirai-medication-review", OrderSign(statementPatient, Order("d1", statementPatient, "5640", "ibuprofen", "draft")));

        Assert.AreEqual("critical", (string?)viaInclude["cards"]![0]!["indicator"], "MedicationRequest → _include Medication → warfarin: " + viaInclude.ToJsonString());
        Assert.AreEqual("critical", (string?)viaStatement["cards"]![0]!["indicator"], viaStatement.ToJsonString());
    }

    [TestMethod]
    public async Task A_fhirServer_that_is_this_server_is_read_from_the_store_without_http()
    {
        var patient = NewId("p");
        await PutAsync(Host, Patient(patient, 60));
        await PutAsync(Host, Order(NewId("w"), patient, "11289", "warfarin", "active"));
        var request = WithFhirServer(OrderSign(patient, Order("d1", patient, "5640", "ibuprofen", "draft")), new Uri(OwnBase));

        var (response, body) = await CallAsync(Host, "fhirai-medication-review", request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "fhirai.invalid does not resolve: only a local read can answer: " + body.ToJsonString());
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"]);
    }

    [TestMethod]
    public async Task Order_sign_with_an_unrelated_order_returns_no_card()
    {
        var patient = NewId("p");
        await PutAsync(Host, Patient(patient, 60));
        await PutAsync(Host, Order(NewId("w"), patient, "11289", "warfarin", "active"));

        var (response, body) = await CallAsync(Host, "fhirai-medication-review", OrderSign(patient, Order("draft-2", patient, "29046", "lisinopril", "draft")));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("{\"cards\":[]}", body.ToJsonString());
    }

    [TestMethod]
    public async Task Patient_view_shows_a_stored_critical_result_in_the_requested_language()
    {
        var patient = NewId("p");
        await PutAsync(Host, Patient(patient, 70));
        await PutAsync(Host, new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = NewId("k"),
            ["status"] = "final",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "2823-3" }) },
            ["subject"] = new JsonObject { ["reference"] = "Patient/" + patient },
            ["effectiveDateTime"] = DateTimeOffset.UtcNow.AddHours(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["valueQuantity"] = new JsonObject { ["value"] = 6.9, ["unit"] = "mmol/L", ["system"] = "http://unitsofmeasure.org", ["code"] = "mmol/L" },
        });
        var request = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/x", ["patientId"] = patient },
        };

        var (_, english) = await CallAsync(Host, "fhirai-patient-view", request);
        var (_, chinese) = await CallAsync(Host, "fhirai-patient-view", request, "zh-CN");

        Assert.AreEqual("critical", (string?)english["cards"]![0]!["indicator"], english.ToJsonString());
        StringAssert.StartsWith((string?)english["cards"]![0]!["summary"], "Critical result");
        StringAssert.StartsWith((string?)chinese["cards"]![0]!["summary"], "危急值");
    }

    [TestMethod]
    public async Task Spec_statuses_unknown_service_404_malformed_400_as_json_messages()
    {
        var (unknown, _) = await CallAsync(Host, "no-such-service", OrderSign("p", Order("d", "p", "5640", "ibuprofen", "draft")));
        using var content = new StringContent("{\"hook\":", Encoding.UTF8, "application/json");
        var malformed = await Host.Client.PostAsync(Services(Host, "fhirai-medication-review"), content);

        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.AreEqual("application/json", malformed.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains((string?)(await JsonAsync(malformed))["message"], "not valid JSON");
    }

    private static JsonObject WithFhirServer(JsonObject request, Uri fhirServer)
    {
        request["fhirServer"] = fhirServer.AbsoluteUri;
        request["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = "ehr-token-42",
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = "user/*.read",
            ["subject"] = "fhirai",
        };
        return request;
    }

    [TestMethod]
    public async Task An_ehr_fhir_server_that_fails_transiently_still_gets_an_answer_within_the_budget()
    {
        await using var ehr = await FakeEhrFhirServer.StartAsync("ehr-p1", failuresPerPath: 2);
        var watch = Stopwatch.StartNew();

        var (response, body) = await CallAsync(Host, "fhirai-medication-review",
            WithFhirServer(OrderSign("ehr-p1", Order("d1", "ehr-p1", "5640", "ibuprofen", "draft")), ehr.FhirBase));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body.ToJsonString());
        Assert.IsTrue(watch.ElapsedMilliseconds < 2500, $"answered in {watch.ElapsedMilliseconds} ms; the default budget is 2500 ms");
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"], "warfarin came from the EHR after the retries");
        Assert.AreEqual(15, ehr.Calls, "five keys, three attempts each");
        Assert.IsTrue(ehr.Authorizations.All(a => a == "Bearer ehr-token-42"));
    }

    [TestMethod]
    public async Task An_ehr_fhir_server_that_fails_permanently_is_a_412_quickly()
    {
        await using var ehr = await FakeEhrFhirServer.StartAsync("ehr-p2", failuresPerPath: int.MaxValue);
        var watch = Stopwatch.StartNew();

        var (response, body) = await CallAsync(Host, "fhirai-medication-review",
            WithFhirServer(OrderSign("ehr-p2", Order("d1", "ehr-p2", "5640", "ibuprofen", "draft")), ehr.FhirBase));

        Assert.AreEqual(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.IsTrue(watch.ElapsedMilliseconds < 2000, $"412 after {watch.ElapsedMilliseconds} ms");
        Assert.IsFalse(body.ToJsonString().Contains("ehr-token-42", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task An_ehr_fhir_server_that_never_answers_is_a_412_at_the_budget_not_a_hang()
    {
        await using var ehr = await FakeEhrFhirServer.StartAsync("ehr-p3", failuresPerPath: int.MaxValue, hang: true);
        var watch = Stopwatch.StartNew();

        var (response, _) = await CallAsync(Host, "fhirai-patient-view", WithFhirServer(new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/x", ["patientId"] = "ehr-p3" },
        }, ehr.FhirBase));

        Assert.AreEqual(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.IsTrue(watch.ElapsedMilliseconds < 4000, $"412 after {watch.ElapsedMilliseconds} ms (budget 2500 ms)");
    }
}
