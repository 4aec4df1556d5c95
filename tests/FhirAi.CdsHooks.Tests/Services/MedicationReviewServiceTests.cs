using System.Text;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Tests.Conformance;
using FhirAi.CdsHooks.Tests.Support;

namespace FhirAi.CdsHooks.Tests.Services;

/// <summary>
/// The medication-review service on order-sign and order-select, with the patient's record in the local store (no
/// fhirServer): the acceptance cases and the card rules (delete suggestion, override reasons, source, language).
/// </summary>
[TestClass]
public sealed class MedicationReviewServiceTests
{
    private static CdsHarness PatientOnWarfarin(int age = 60)
    {
        var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", age), Samples.Order("w1", "p1", "11289", "warfarin", "active"));
        return harness;
    }

    private static JsonObject Ibuprofen => Samples.Order("d1", "p1", "5640", "ibuprofen", "draft");

    private static JsonObject Lisinopril => Samples.Order("d2", "p1", "29046", "lisinopril", "draft");

    private static void AssertValid(JsonObject body)
    {
        var rules = new CdsResponseRules();
        rules.Check(body, "response");
        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
    }

    [TestMethod]
    public async Task Ibuprofen_drafted_for_a_patient_on_warfarin_is_a_critical_card_with_a_delete_suggestion()
    {
        using var harness = PatientOnWarfarin();

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, Samples.OrderSign("p1", [Ibuprofen]));

        Assert.AreEqual(200, status, body.ToJsonString());
        AssertValid(body);
        var card = body["cards"]!.AsArray().Single()!;
        Assert.AreEqual("critical", (string?)card["indicator"], "high-severity interaction (PDDI-CDS warfarin + NSAID)");
        Assert.AreEqual("Interaction: ibuprofen + warfarin (high severity)", (string?)card["summary"]);
        StringAssert.Contains((string?)card["detail"], "Decision support");
        StringAssert.Contains((string?)card["detail"], "PDDI-CDS");
        Assert.AreEqual("https://build.fhir.org/ig/HL7/PDDI-CDS/", (string?)card["source"]!["url"]);
        Assert.AreEqual("DRG", (string?)card["source"]!["topic"]!["code"]);
        Assert.AreEqual("at-most-one", (string?)card["selectionBehavior"]);
        var action = card["suggestions"]![0]!["actions"]!.AsArray().Single()!;
        Assert.AreEqual("delete", (string?)action["type"]);
        Assert.AreEqual("MedicationRequest/d1", (string?)action["resourceId"]);
        Assert.IsNull(action["resource"], "a delete action never carries a resource (spec 2.0.1)");
        Assert.IsTrue((bool)card["suggestions"]![0]!["isRecommended"]!);
        Assert.IsTrue(card["overrideReasons"]!.AsArray().All(r => !string.IsNullOrWhiteSpace((string?)r!["display"])));
        Assert.AreEqual("absolute", (string?)card["links"]![0]!["type"]);
    }

    [TestMethod]
    public async Task An_unrelated_order_returns_no_card()
    {
        using var harness = PatientOnWarfarin();

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, Samples.OrderSign("p1", [Lisinopril]));

        Assert.AreEqual(200, status);
        Assert.AreEqual("{\"cards\":[]}", body.ToJsonString());
    }

    [TestMethod]
    public async Task Order_select_reviews_only_the_selected_drafts()
    {
        using var harness = PatientOnWarfarin();

        var (_, lisinoprilSelected) = await harness.CallAsync(CdsServiceIds.MedicationReview,
            Samples.OrderSign("p1", [Ibuprofen, Lisinopril], hook: "order-select", selections: ["MedicationRequest/d2"]));
        var (_, ibuprofenSelected) = await harness.CallAsync(CdsServiceIds.MedicationReview,
            Samples.OrderSign("p1", [Ibuprofen, Lisinopril], hook: "order-select", selections: ["MedicationRequest/d1"]));

        Assert.AreEqual(0, lisinoprilSelected["cards"]!.AsArray().Count);
        Assert.AreEqual("MedicationRequest/d1", (string?)ibuprofenSelected["cards"]![0]!["suggestions"]![0]!["actions"]![0]!["resourceId"]);
    }

    [TestMethod]
    public async Task Two_interacting_drafts_give_one_card_offering_to_delete_either()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 60));

        var (_, body) = await harness.CallAsync(CdsServiceIds.MedicationReview,
            Samples.OrderSign("p1", [Samples.Order("d0", "p1", "11289", "warfarin", "draft"), Ibuprofen]));

        AssertValid(body);
        var card = body["cards"]!.AsArray().Single()!;
        var deleted = card["suggestions"]!.AsArray().Select(s => (string?)s!["actions"]![0]!["resourceId"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "MedicationRequest/d0", "MedicationRequest/d1" }, deleted);
        Assert.AreEqual("at-most-one", (string?)card["selectionBehavior"]);
    }

    [TestMethod]
    public async Task Without_draft_medication_orders_nothing_is_fetched_and_no_card_is_returned()
    {
        using var harness = PatientOnWarfarin();
        var nutrition = new JsonObject { ["resourceType"] = "NutritionOrder", ["id"] = "n1", ["status"] = "draft" };

        var (status, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, Samples.OrderSign("p1", [nutrition]));

        Assert.AreEqual(200, status);
        Assert.AreEqual(0, body["cards"]!.AsArray().Count);
        Assert.AreEqual(0, harness.Local.Calls);
    }

    [TestMethod]
    public async Task Accept_language_zh_Hans_gives_simplified_chinese_cards()
    {
        using var harness = PatientOnWarfarin();

        var (_, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, Samples.OrderSign("p1", [Ibuprofen]), "zh-CN,zh;q=0.9,en;q=0.5");

        AssertValid(body);
        var card = body["cards"]![0]!;
        StringAssert.StartsWith((string?)card["summary"], "药物相互作用");
        StringAssert.Contains((string?)card["detail"], "决策支持");
        Assert.AreEqual("对该患者获益大于风险", (string?)card["overrideReasons"]![0]!["display"]);
    }

    [TestMethod]
    public async Task An_older_patient_gets_the_beers_card_too_most_urgent_first()
    {
        using var harness = PatientOnWarfarin(age: 80);

        // Amitriptyline: a Beers 2023 item whose source is checked (the chronic-NSAID item is not, so it is not used).
        var amitriptyline = Samples.Order("d2", "p1", "704", "amitriptyline", "draft");
        var (_, body) = await harness.CallAsync(CdsServiceIds.MedicationReview, Samples.OrderSign("p1", [Ibuprofen, amitriptyline]));

        AssertValid(body);
        var indicators = body["cards"]!.AsArray().Select(c => (string?)c!["indicator"]).ToList();
        Assert.IsTrue(indicators.Count >= 2, body.ToJsonString());
        Assert.AreEqual("critical", indicators[0]);
        Assert.IsTrue(body["cards"]!.AsArray().Any(c => (string?)c!["extension"]!["org.fhirai.cds"]!["kind"] == "Beers"));
    }

    [TestMethod]
    public async Task Prefetch_alone_is_enough_when_the_patient_is_not_stored_here()
    {
        using var harness = new CdsHarness();
        var prefetch = new JsonObject
        {
            ["patient"] = Samples.Patient("ehr-7", 60),
            ["medications"] = Samples.Bundle(Samples.Order("w9", "ehr-7", "11289", "warfarin", "active")),
            ["statements"] = Samples.Bundle(),
            ["allergies"] = Samples.Bundle(),
            ["renalLabs"] = Samples.Bundle(),
        };

        var (_, body) = await harness.CallAsync(CdsServiceIds.MedicationReview,
            Samples.OrderSign("ehr-7", [Samples.Order("d1", "ehr-7", "5640", "ibuprofen", "draft")], prefetch));

        Assert.AreEqual("critical", (string?)body["cards"]![0]!["indicator"]);
        Assert.AreEqual(0, harness.Local.Calls);
    }

    [TestMethod]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"}}""", 400, "answers the hook")]
    [DataRow("""{"hook":"order-sign","hookInstance":"x","context":{"patientId":"p1"}}""", 400, "draftOrders")]
    [DataRow("""{"hook":"order-sign","hookInstance":"x","context":{"patientId":"p1","draftOrders":{"resourceType":"Parameters"}}}""", 400, "draftOrders")]
    [DataRow("""{"hook":"order-select","hookInstance":"x","context":{"patientId":"p1","draftOrders":{"resourceType":"Bundle"}}}""", 400, "selections")]
    [DataRow("""{"hook":"order-sign","hookInstance":"x","context":{"draftOrders":{"resourceType":"Bundle"}}}""", 400, "patientId")]
    [DataRow("""{"hook":"order-sign","hookInstance":"x","context":{"patientId":"p1","draftOrders":{"resourceType":"Bundle","entry":[{"resource":"x"}]}}}""", 400, "entry[0]")]
    public async Task Malformed_context_is_a_400_with_a_json_message(string json, int expected, string message)
    {
        using var harness = PatientOnWarfarin();

        var (status, body) = await harness.CallRawAsync(CdsServiceIds.MedicationReview, Encoding.UTF8.GetBytes(json));

        Assert.AreEqual(expected, status);
        StringAssert.Contains((string?)body["message"], message);
    }

    [TestMethod]
    public async Task An_unknown_service_is_a_404()
    {
        using var harness = PatientOnWarfarin();

        var (status, _) = await harness.CallAsync("no-such-service", Samples.OrderSign("p1", [Ibuprofen]));

        Assert.AreEqual(404, status);
    }

    [TestMethod]
    public async Task A_body_above_the_limit_is_a_413()
    {
        using var harness = new CdsHarness(new Dictionary<string, string?> { ["CdsHooks:MaxBodyBytes"] = "2048" });
        var request = Samples.OrderSign("p1", [Ibuprofen]);
        request["context"]!["padding"] = new string('x', 4096);

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, request);

        Assert.AreEqual(413, status);
    }
}
