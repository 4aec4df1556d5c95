using System.Net;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Discovery;
using FhirAi.CdsHooks.Protocol;
using FhirAi.CdsHooks.Tests.Support;

namespace FhirAi.CdsHooks.Tests.Conformance;

/// <summary>
/// Every request example of the shared data (CDS Hooks 2.0.1 spec, Hook Library 1.0.1 hooks, cds-hooks.org, the CRD test
/// kit's hook requests) parses, and every one for a hook FhirAi serves gets a valid response from the service: the
/// examples' fhirServer is answered by a scripted FHIR server (the patient, empty searches), so the data path runs too.
/// </summary>
[TestClass]
public sealed class SpecExampleTests
{
    /// <summary>Examples whose context lacks what the Hook Library requires: a 400 naming the field is the right answer.</summary>
    private static readonly Dictionary<string, string> Malformed = new(StringComparer.Ordinal)
    {
        // cds-hooks.org's opioid example predates 1.0's draftOrders: its order-sign context carries "medications" instead.
        ["cdshooks-org-examples__01__cdc-guideline-for-prescribing-opioids-for-chronic-.json"] = "draftOrders",
        // The spec's extension example is about the extension field; its patient-view context has only userId.
        ["spec-2.0.1__26__extensions.json"] = "patientId",
    };

    private static readonly string[] ServedHooks = [CdsServiceCatalog.PatientViewHook, CdsServiceCatalog.OrderSelectHook, CdsServiceCatalog.OrderSignHook];

    /// <summary>Request examples: files with a context object (the Hook Library's are bare contexts, completed here).</summary>
    public static IEnumerable<object[]> RequestExamples()
    {
        var files = Directory.GetFiles(TestData.SpecExamples, "*.json").Concat(Directory.GetFiles(TestData.HookRequests, "*.json")).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
            if (json?["context"] is JsonObject)
            {
                yield return [Path.GetFileName(file)];
            }
        }
    }

    private static JsonObject Complete(string file)
    {
        var path = File.Exists(Path.Combine(TestData.SpecExamples, file)) ? Path.Combine(TestData.SpecExamples, file) : Path.Combine(TestData.HookRequests, file);
        var json = TestData.Json(path);
        if (!json.ContainsKey("hook"))
        {
            // Hook Library examples give only the context; the hook is in the file name (hook-order-sign__01__…).
            json["hook"] = file.StartsWith("hook-", StringComparison.Ordinal) ? file["hook-".Length..file.IndexOf("__", StringComparison.Ordinal)] : "unknown";
            json["hookInstance"] = Guid.NewGuid().ToString();
        }

        return json;
    }

    [TestMethod]
    public void There_are_request_examples_of_every_served_hook()
    {
        var hooks = RequestExamples().Select(e => (string)Complete((string)e[0])["hook"]!).ToHashSet(StringComparer.Ordinal);

        CollectionAssert.IsSubsetOf(ServedHooks, hooks.ToList());
        Assert.IsTrue(RequestExamples().Count() >= 15, $"{RequestExamples().Count()} request examples");
    }

    [TestMethod]
    [DynamicData(nameof(RequestExamples))]
    public async Task Every_request_example_parses_and_a_served_hook_gets_a_valid_response(string file)
    {
        var request = Complete(file);

        using (var parsed = CdsRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(request.ToJsonString())).Request)
        {
            Assert.IsNotNull(parsed, $"{file} does not parse");
        }

        var hook = (string)request["hook"]!;
        if (!ServedHooks.Contains(hook))
        {
            return;
        }

        var patientId = (string)request["context"]!["patientId"]!;
        var ehr = new ScriptedHandler((_, _) => HttpStatusCode.OK);
        ehr.Bodies["/r4/Patient/"] = Samples.Patient(patientId, 60);
        ehr.Bodies[":9080/Patient/"] = Samples.Patient(patientId, 60);
        using var harness = new CdsHarness(fhirServer: ehr);
        harness.Local.Add(Samples.Patient(patientId, 60));
        var service = hook == CdsServiceCatalog.PatientViewHook ? CdsServiceIds.PatientView : CdsServiceIds.MedicationReview;

        var (status, body) = await harness.CallAsync(service, request);

        if (Malformed.TryGetValue(file, out var field))
        {
            Assert.AreEqual(400, status, $"{file}: {body.ToJsonString()}");
            StringAssert.Contains((string?)body["message"], field);
            return;
        }

        Assert.AreEqual(200, status, $"{file}: {body.ToJsonString()}");
        var rules = new CdsResponseRules();
        rules.Check(body, file);
        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
        if (request["fhirAuthorization"] is JsonObject authorization && ehr.Calls > 0)
        {
            Assert.IsTrue(ehr.Authorizations.All(a => a == "Bearer " + (string)authorization["access_token"]!), "the example's token is presented");
        }
    }

    [TestMethod]
    public async Task The_crd_order_select_example_is_reviewed_for_its_selected_medication_request()
    {
        // Its drafts: a NutritionOrder and MedicationRequest/smart-MedicationRequest-103, both selected; fhirServer https://example/r4.
        var request = Complete("order_select_hook_request.json");
        var ehr = new ScriptedHandler((_, _) => HttpStatusCode.OK);
        using var harness = new CdsHarness(fhirServer: ehr);

        var (status, _) = await harness.CallAsync(CdsServiceIds.MedicationReview, request);

        Assert.AreEqual(200, status);
        Assert.AreEqual(5, ehr.Calls, "the five medication-review prefetch keys were fetched from the example's fhirServer");
        Assert.IsTrue(ehr.Paths.All(p => p.StartsWith("/r4/", StringComparison.Ordinal)));
    }
}
