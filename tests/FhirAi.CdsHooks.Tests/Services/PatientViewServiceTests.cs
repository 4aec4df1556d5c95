using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Tests.Conformance;
using FhirAi.CdsHooks.Tests.Support;

namespace FhirAi.CdsHooks.Tests.Services;

/// <summary>The patient-view service over the report interpretation engine: critical and abnormal recent results, language, what is left out.</summary>
[TestClass]
public sealed class PatientViewServiceTests
{
    private static readonly DateTimeOffset Yesterday = DateTimeOffset.UtcNow.AddDays(-1);

    private static void AssertValid(JsonObject body)
    {
        var rules = new CdsResponseRules();
        rules.Check(body, "response");
        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
    }

    private static JsonArray Cards(JsonObject body) => body["cards"]!.AsArray();

    private static string? Kind(JsonNode? card) => (string?)card!["extension"]!["org.fhirai.cds"]!["kind"];

    [TestMethod]
    public async Task A_critical_potassium_is_a_critical_card_citing_the_critical_limit_source()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 70), Samples.Lab("k1", "p1", "2823-3", "Potassium", 6.8m, "mmol/L", Yesterday));

        var (status, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"));

        Assert.AreEqual(200, status, body.ToJsonString());
        AssertValid(body);
        var card = Cards(body)[0]!;
        Assert.AreEqual("critical", (string?)card["indicator"]);
        Assert.AreEqual("critical-result", Kind(card));
        StringAssert.Contains((string?)card["summary"], "6.8");
        Assert.AreEqual(1, Cards(body).Count(c => (string?)c!["indicator"] == "critical"), "one card per critical result: the engine's critical pattern is merged into it");
        Assert.AreEqual("14140009", (string?)card["source"]!["topic"]!["code"], "the electrolyte-emergency pattern's verified SNOMED code (hyperkalaemia)");
        StringAssert.Contains((string?)card["detail"], "critical limit");
        StringAssert.Contains((string?)card["detail"], "Decision support");
        StringAssert.Contains((string?)card["detail"], "**Source:**");
    }

    [TestMethod]
    public async Task A_critical_haemoglobin_has_the_loinc_code_as_topic()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 70), Samples.Lab("hb1", "p1", "718-7", "Hemoglobin", 5.9m, "g/dL", Yesterday));

        var (_, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"));

        AssertValid(body);
        var critical = Cards(body).Single(c => (string?)c!["indicator"] == "critical")!;
        Assert.AreEqual("718-7", (string?)critical["source"]!["topic"]!["code"]);
        StringAssert.Contains((string?)critical["summary"], "5.9");
    }

    [TestMethod]
    public async Task Abnormal_but_not_critical_results_are_listed_on_one_info_card()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 50, "female"),
            Samples.Lab("na1", "p1", "2951-2", "Sodium", 130m, "mmol/L", Yesterday),
            Samples.Lab("k1", "p1", "2823-3", "Potassium", 4.2m, "mmol/L", Yesterday));

        var (_, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"));

        AssertValid(body);
        var abnormal = Cards(body).Single(c => Kind(c) == "abnormal-results")!;
        Assert.AreEqual("info", (string?)abnormal["indicator"]);
        StringAssert.Contains((string?)abnormal["summary"], "1 abnormal");
        Assert.IsFalse(Cards(body).Any(c => Kind(c) == "critical-result"));
    }

    [TestMethod]
    public async Task Normal_recent_results_and_old_critical_ones_give_no_result_card()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 50),
            Samples.Lab("k-old", "p1", "2823-3", "Potassium", 7.1m, "mmol/L", DateTimeOffset.UtcNow.AddDays(-90)),
            Samples.Lab("k1", "p1", "2823-3", "Potassium", 4.2m, "mmol/L", Yesterday),
            Samples.Lab("na1", "p1", "2951-2", "Sodium", 140m, "mmol/L", Yesterday));

        var (_, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"));

        AssertValid(body);
        Assert.IsFalse(Cards(body).Any(c => Kind(c) is "critical-result" or "abnormal-results"), body.ToJsonString());
    }

    [TestMethod]
    public async Task A_patient_without_observations_gets_an_empty_cards_array()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 50));

        var (status, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"));

        Assert.AreEqual(200, status);
        Assert.AreEqual("{\"cards\":[]}", body.ToJsonString());
    }

    [TestMethod]
    public async Task Chinese_is_chosen_by_accept_language()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 70), Samples.Lab("k1", "p1", "2823-3", "Potassium", 6.8m, "mmol/L", Yesterday));

        var (_, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("p1"), "zh-Hans");

        AssertValid(body);
        StringAssert.StartsWith((string?)Cards(body)[0]!["summary"], "危急值");
        Assert.AreEqual("FhirAi 检验结果解读", (string?)Cards(body)[0]!["source"]!["label"]);
    }

    [TestMethod]
    public async Task Prefetched_observations_are_used_without_reading_the_store()
    {
        using var harness = new CdsHarness();
        var prefetch = new JsonObject
        {
            ["patient"] = Samples.Patient("ehr-1", 70),
            ["observations"] = Samples.Bundle(Samples.Lab("k1", "ehr-1", "2823-3", "Potassium", 2.5m, "mmol/L", Yesterday)),
            ["conditions"] = null,
            ["medications"] = null,
        };

        var (_, body) = await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("ehr-1", prefetch));

        Assert.AreEqual(0, harness.Local.Calls);
        Assert.AreEqual("critical", (string?)Cards(body)[0]!["indicator"], "potassium 2.5 is below the critical low of 2.8");
    }
}
