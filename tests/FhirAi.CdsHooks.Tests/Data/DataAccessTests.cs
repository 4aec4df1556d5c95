using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Tests.Support;
using FhirAi.CdsHooks.Tests.Conformance;

namespace FhirAi.CdsHooks.Tests.Data;

/// <summary>
/// Prefetch first, then fetch: a missing key is fetched, a null key is not; fetches go to fhirServer with the bearer
/// token through the resilience pipeline (retry on transient failures within the budget, 412 on permanent failure,
/// fast failure once the breaker is open), or to the local store when fhirServer is this server.
/// </summary>
[TestClass]
public sealed class DataAccessTests
{
    private const string Server = "https://ehr.example.org/fhir";

    private static Dictionary<string, string?> Settings(int budget = 1500, int attempt = 250, int retries = 2, int breakerThroughput = 1000) => new()
    {
        ["CdsHooks:OverallBudgetMilliseconds"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:AttemptTimeoutMilliseconds"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:MaxRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:RetryBaseDelayMilliseconds"] = "20",
        ["CdsHooks:BreakerMinimumThroughput"] = breakerThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:BreakerFailureRatio"] = "0.5",
        ["CdsHooks:OwnBaseUrls:0"] = "https://fhirai.example.org/fhir",
    };

    private static JsonObject WarfarinIbuprofenRequest(string? fhirServer, JsonObject? prefetch = null)
    {
        var request = Samples.OrderSign("p1", [Samples.Order("d1", "p1", "5640", "ibuprofen", "draft")], prefetch);
        if (fhirServer is not null)
        {
            request["fhirServer"] = fhirServer;
            request["fhirAuthorization"] = new JsonObject
            {
                ["access_token"] = "opaque-token-123",
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["scope"] = "user/*.read",
                ["subject"] = "fhirai",
            };
        }

        return request;
    }

    private static ScriptedHandler EhrWithWarfarin(Func<int, HttpRequestMessage, HttpStatusCode?> script)
    {
        var handler = new ScriptedHandler(script);
        handler.Bodies["/fhir/Patient/p1"] = Samples.Patient("p1", 60);
        handler.Bodies["/fhir/MedicationRequest?"] = Samples.Bundle(Samples.Order("w1", "p1", "11289", "warfarin", "active"));
        return handler;
    }

    private static JsonObject FullPrefetch(params JsonObject[] medications) => new()
    {
        ["patient"] = Samples.Patient("p1", 60),
        ["medications"] = Samples.Bundle(medications),
        ["statements"] = Samples.Bundle(),
        ["allergies"] = Samples.Bundle(),
        ["renalLabs"] = Samples.Bundle(),
    };

    [TestMethod]
    public async Task Missing_keys_are_fetched_from_fhirServer_with_the_bearer_token()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(200, status, body.ToJsonString());
        Assert.AreEqual(5, ehr.Calls, "one GET per prefetch key");
        Assert.IsTrue(ehr.Authorizations.All(a => a == "Bearer opaque-token-123"), "row 61: the access token goes with every FHIR call");
        Assert.IsTrue(ehr.Paths.Contains("/fhir/Patient/p1"));
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"], "warfarin from the EHR + ibuprofen draft");
        Assert.AreEqual(0, harness.Local.Calls);
    }

    [TestMethod]
    public async Task Complete_prefetch_means_no_fetch_at_all()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.InternalServerError);
        using var harness = new CdsHarness(Settings(), ehr);

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview,
            WarfarinIbuprofenRequest(Server, FullPrefetch(Samples.Order("w1", "p1", "11289", "warfarin", "active"))));

        Assert.AreEqual(200, status);
        Assert.AreEqual(0, ehr.Calls);
        Assert.AreEqual(1, body["cards"]!.AsArray().Count(c => (string?)c!["extension"]!["org.fhirai.cds"]!["rule"] == "ddi.warfarin-nsaid"));
    }

    [TestMethod]
    public async Task A_null_prefetch_key_means_no_data_and_is_not_fetched()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);
        var prefetch = FullPrefetch();
        prefetch["medications"] = null;

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server, prefetch));

        Assert.AreEqual(200, status);
        Assert.AreEqual(0, ehr.Calls, "null is an answer (no data), not a gap");
        Assert.AreEqual(0, body["cards"]!.AsArray().Count, "no current medication: ibuprofen alone at 60 raises nothing");
    }

    [TestMethod]
    public async Task Only_the_missing_key_is_fetched()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);
        var prefetch = FullPrefetch();
        prefetch.Remove("medications");

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server, prefetch));

        Assert.AreEqual(200, status);
        Assert.AreEqual(1, ehr.Calls);
        StringAssert.StartsWith(ehr.Paths[0], "/fhir/MedicationRequest?patient=p1");
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"]);
    }

    [TestMethod]
    public async Task Transient_failures_are_retried_and_the_call_answers_within_the_budget()
    {
        // Every key's first two attempts fail (503, then a hang past the attempt timeout); the third succeeds.
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var ehr = EhrWithWarfarin((_, request) =>
            attempts.AddOrUpdate(request.RequestUri!.PathAndQuery, 1, (_, n) => n + 1) switch
            {
                1 => HttpStatusCode.ServiceUnavailable,
                2 => null,
                _ => HttpStatusCode.OK,
            });
        using var harness = new CdsHarness(Settings(budget: 2000, attempt: 200), ehr);
        var watch = Stopwatch.StartNew();

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(200, status, body.ToJsonString());
        Assert.IsTrue(watch.ElapsedMilliseconds < 2000, $"answered in {watch.ElapsedMilliseconds} ms");
        Assert.AreEqual(15, ehr.Calls, "three attempts for each of the five keys");
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"]);
    }

    [TestMethod]
    public async Task A_fhirServer_outside_the_allow_list_is_never_contacted_and_answers_412()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        var settings = Settings();
        settings["CdsHooks:AllowedFhirServers:0"] = "https://ehr.example.org/fhir-other";
        using var harness = new CdsHarness(settings, ehr);

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(412, status);
        Assert.AreEqual(0, ehr.Calls);
    }

    [TestMethod]
    public async Task A_fhirServer_on_the_allow_list_is_fetched()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        var settings = Settings();
        settings["CdsHooks:AllowedFhirServers:0"] = "https://EHR.example.org/fhir/";
        using var harness = new CdsHarness(settings, ehr);

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(200, status, body.ToJsonString());
        Assert.IsTrue(ehr.Calls > 0);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.ServiceUnavailable)]
    [DataRow(HttpStatusCode.Unauthorized)]
    public async Task A_permanently_failing_server_is_a_412_well_within_the_budget(HttpStatusCode failure)
    {
        var ehr = EhrWithWarfarin((_, _) => failure);
        using var harness = new CdsHarness(Settings(budget: 3000), ehr);
        var watch = Stopwatch.StartNew();

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(412, status);
        Assert.IsTrue(watch.ElapsedMilliseconds < 1500, $"412 after {watch.ElapsedMilliseconds} ms");
        StringAssert.Contains((string?)body["message"], "could not be obtained");
        Assert.IsFalse(body.ToJsonString().Contains("opaque-token-123", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_hanging_server_is_a_412_at_the_budget_not_a_hang()
    {
        var ehr = EhrWithWarfarin((_, _) => null);
        using var harness = new CdsHarness(Settings(budget: 600, attempt: 150, retries: 10), ehr);
        var watch = Stopwatch.StartNew();

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(412, status);
        Assert.IsTrue(watch.ElapsedMilliseconds is >= 500 and < 1500, $"412 after {watch.ElapsedMilliseconds} ms (budget 600 ms)");
    }

    [TestMethod]
    public async Task Once_the_breaker_is_open_calls_fail_fast_without_reaching_the_server()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.BadGateway);
        using var harness = new CdsHarness(Settings(retries: 0, breakerThroughput: 4), ehr);
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(412, (await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server))).Status);
        }

        var before = ehr.Calls;
        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(412, status);
        Assert.AreEqual(before, ehr.Calls, "the open breaker short-circuits every fetch");
        StringAssert.Contains((string?)body["message"], "circuit breaker");
    }

    [TestMethod]
    public async Task A_read_that_is_404_is_no_data_not_a_failure()
    {
        var ehr = new ScriptedHandler((_, request) => request.RequestUri!.AbsolutePath.Contains("/Patient/", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));

        Assert.AreEqual(200, status);
    }

    [TestMethod]
    public async Task FhirServer_equal_to_an_own_base_url_is_read_locally_without_http()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.InternalServerError);
        using var harness = new CdsHarness(Settings(), ehr);
        harness.Local.Add(Samples.Patient("p1", 60), Samples.Order("w1", "p1", "11289", "warfarin", "active"));

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest("https://FHIRAI.example.org/fhir/"));

        Assert.AreEqual(200, status, body.ToJsonString());
        Assert.AreEqual(0, ehr.Calls);
        Assert.AreEqual(5, harness.Local.Calls);
        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"]);
    }

    [TestMethod]
    public async Task Without_fhirServer_and_with_local_reading_turned_off_missing_prefetch_is_a_412()
    {
        var settings = Settings();
        settings["CdsHooks:ReadLocallyWithoutFhirServer"] = "false";
        using var harness = new CdsHarness(settings);

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(null));

        Assert.AreEqual(412, status);
        StringAssert.Contains((string?)body["message"], "no fhirServer");
    }

    [TestMethod]
    public async Task A_patientId_that_is_not_a_string_is_a_400_before_any_fetch()
    {
        using var harness = new CdsHarness(Settings());
        var request = WarfarinIbuprofenRequest(null);
        request["context"]!["patientId"] = 12;

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, request);

        Assert.AreEqual(400, status, "patientId must be a string: the request is malformed before any fetch");
    }

    [TestMethod]
    public async Task Neither_the_token_nor_the_patient_id_is_logged_on_success_or_failure()
    {
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var ehr = EhrWithWarfarin((_, request) =>
            attempts.AddOrUpdate(request.RequestUri!.PathAndQuery, 1, (_, n) => n + 1) == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);
        var failing = new CdsHarness(Settings(), new ScriptedHandler((_, _) => HttpStatusCode.BadGateway));
        using (failing)
        {
            Assert.AreEqual(200, (await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server))).Status);
            Assert.AreEqual(412, (await failing.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server))).Status);
        }

        var logged = harness.Logs.Messages.Concat(failing.Logs.Messages).ToList();
        Assert.IsTrue(logged.Count > 0, "the services do log (ids, counts, statuses)");
        var leaks = logged.Where(m => m.Contains("opaque-token-123", StringComparison.Ordinal) || m.Contains("p1", StringComparison.Ordinal)
            || m.Contains("ibuprofen", StringComparison.Ordinal) || m.Contains("warfarin", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, leaks.Count, string.Join("\n", leaks));
    }

    [TestMethod]
    public async Task Responses_of_this_test_class_pass_the_response_rules()
    {
        var ehr = EhrWithWarfarin((_, _) => HttpStatusCode.OK);
        using var harness = new CdsHarness(Settings(), ehr);
        var rules = new CdsResponseRules();

        var (_, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, WarfarinIbuprofenRequest(Server));
        rules.Check(body, "fetched");

        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
    }
}
