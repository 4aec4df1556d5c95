using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Discovery;
using FhirAi.CdsHooks.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace FhirAi.CdsHooks.Tests.Conformance;

/// <summary>
/// Walks the service-side SHALL / SHALL NOT rows of the CDS Hooks 2.0 requirement list (Inferno CRD test kit,
/// cds-hooks_2.0_requirements.sheet2.csv) and says for each where it is checked, or why it does not apply. Rows a
/// response shows are checked by <see cref="CdsResponseRules"/> on FhirAi's own responses from the scenarios below;
/// rows about elements FhirAi never sends are checked on the spec's and the kit's example responses instead, so the
/// check itself is exercised; discovery rows are checked on the discovery document here.
/// </summary>
[TestClass]
public sealed class RequirementsTests
{
    private const string Rules = "CdsResponseRules on every FhirAi response of this class's scenarios (and of the service, spec-example and data-access tests)";

    /// <summary>Rows of elements FhirAi never sends: the rule is checked when present, on example responses.</summary>
    private static readonly Dictionary<int, string> NotEmitted = new()
    {
        [75] = "FhirAi sends no systemActions (checked when present: spec example 16)",
        [111] = "FhirAi sends no source.icon (checked when present: spec example 17)",
        [130] = "FhirAi's suggestions only delete: the drug knowledge base names no structured alternative to create (checked on the kit's examples)",
        [131] = "no create action, see 130",
        [132] = "no update action (checked on the kit's examples)",
        [144] = "FhirAi sends only absolute links, no appContext (checked when present: spec example 17)",
    };

    /// <summary>Every service-side SHALL row: where it is checked, or N/A and why.</summary>
    private static readonly Dictionary<int, string> Coverage = new()
    {
        [1] = "JSON: responses parse as JSON here; the Server's CdsHooksHttpTests check Content-Type application/json",
        [2] = "N/A here: HTTPS is the deployment's (TLS at Kestrel or the reverse proxy), not observable in-process",
        [3] = Rules,
        [4] = "Discovery_is_an_object_listing_both_services_with_the_required_fields (here); Server CdsHooksHttpTests GET /cds-services",
        [5] = "Server CdsHooksHttpTests: GET /cds-services answers 200",
        [6] = "Discovery_is_an_object_listing_both_services_with_the_required_fields",
        [7] = "Discovery_is_an_object_listing_both_services_with_the_required_fields (hook)",
        [9] = "Discovery_is_an_object_listing_both_services_with_the_required_fields (description)",
        [10] = "Discovery_is_an_object_listing_both_services_with_the_required_fields (id) and Every_discovered_id_is_a_callable_service",
        [13] = "Server CdsHooksHttpTests: discovery is a 200",
        [16] = "Every_discovered_id_is_a_callable_service; Server CdsHooksHttpTests POST /cds-services/{id}",
        [29] = "Prefetch_templates_use_only_valid_tokens (templates are in discovery)",
        [36] = "Prefetch_templates_use_only_valid_tokens (each template has a key)",
        [54] = "DataAccessTests (permanent failure, hang, breaker → 412); A_call_that_cannot_get_its_data_is_a_412 (here); Server CdsHooksHttpTests",
        [55] = "Prefetch_templates_use_only_valid_tokens ({{ }} delimiters)",
        [56] = "Prefetch_templates_use_only_valid_tokens (context paths or user tokens only)",
        [57] = "Prefetch_templates_use_only_valid_tokens (root-level primitive context fields of the hook)",
        [59] = "Prefetch_templates_use_only_valid_tokens (context.name form)",
        [61] = "DataAccessTests.Missing_keys_are_fetched_from_fhirServer_with_the_bearer_token; SpecExampleTests (the example's token)",
        [74] = Rules,
        [75] = "N/A (MAY): " + NotEmitted[75],
        [80] = Rules + "; uuids are GUIDs (FhirAi_responses_pass_every_response_rule)",
        [83] = Rules,
        [85] = Rules + " (a string; Markdown headings/links/tables are FhirAi's texts, data is escaped by CardTexts.Markdown)",
        [87] = Rules,
        [88] = Rules,
        [89] = "N/A: how the client uses the indicator (display decisions) is the client's; rows 87/88 check the value",
        [90] = Rules,
        [92] = Rules,
        [93] = Rules,
        [95] = Rules,
        [96] = Rules,
        [98] = Rules,
        [100] = Rules,
        [103] = Rules,
        [105] = Rules,
        [107] = Rules,
        [111] = NotEmitted[111],
        [115] = Rules,
        [117] = Rules,
        [119] = Rules,
        [121] = Rules,
        [124] = Rules,
        [125] = "N/A as a response check: AND logic is how the client applies a suggestion; each FhirAi suggestion holds exactly one action (asserted here)",
        [127] = Rules,
        [128] = Rules,
        [130] = NotEmitted[130],
        [131] = NotEmitted[131],
        [132] = NotEmitted[132],
        [133] = Rules,
        [134] = Rules,
        [135] = Rules,
        [136] = Rules,
        [138] = Rules,
        [139] = Rules,
        [141] = Rules,
        [142] = Rules,
        [144] = NotEmitted[144],
        [147] = Rules,
        [168] = "N/A here: TLS, as row 2",
        [176] = "cds-auth branch (item 5, JWT trust): not in this branch",
        [199] = "cds-auth branch (item 5: jku or out-of-band JWKS)",
        [201] = "cds-auth branch (item 5: alg none rejected)",
        [203] = "cds-auth branch (item 5: symmetric algorithms rejected)",
        [208] = "Server CdsHooksHttpTests: CORS headers on answers and the OPTIONS preflight",
        [211] = "Discovery_lists_the_medication_review_once_per_hook_under_one_id",
        [213] = "N/A: negotiating supported hooks between organisations is not a software behaviour",
        [214] = Rules + " (card.extension values are objects)",
        [216] = Rules,
        [217] = Rules,
        [218] = Rules,
        [219] = Rules,
        [220] = Rules,
    };

    private static List<(int Id, string Conformance, string Actors, string Text)> ServiceShallRows()
    {
        using var parser = new TextFieldParser(TestData.Requirements) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        _ = parser.ReadFields();
        var rows = new List<(int, string, string, string)>();
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length > 4 && int.TryParse(fields[0], out var id) && fields[4].Contains("Service", StringComparison.Ordinal)
                && fields[3].StartsWith("SHALL", StringComparison.Ordinal))
            {
                rows.Add((id, fields[3], fields[4], fields[2]));
            }
        }

        return rows;
    }

    [TestMethod]
    public void Every_service_side_shall_row_is_checked_somewhere_or_marked_not_applicable()
    {
        var rows = ServiceShallRows();

        Assert.AreEqual(73, rows.Count, "the sheet's service-side SHALL and SHALL NOT rows");
        var missing = rows.Where(r => !Coverage.ContainsKey(r.Id)).Select(r => $"{r.Id}: {r.Text}").ToList();
        Assert.AreEqual(0, missing.Count, "rows without a check or a reason:\n" + string.Join("\n", missing));
        var unknown = Coverage.Keys.Except(rows.Select(r => r.Id)).ToList();
        Assert.AreEqual(0, unknown.Count, "coverage of rows that are not service-side SHALL rows: " + string.Join(", ", unknown));
        Assert.IsTrue(CdsResponseRules.Rows.All(Coverage.ContainsKey));
    }

    [TestMethod]
    public async Task FhirAi_responses_pass_every_response_rule_and_exercise_all_that_apply()
    {
        var rules = new CdsResponseRules();
        var responses = await ScenarioResponsesAsync();

        foreach (var (name, body) in responses)
        {
            rules.Check(body, name);
            foreach (var card in body["cards"]!.AsArray())
            {
                Assert.IsTrue(Guid.TryParse((string?)card!["uuid"], out _), $"{name}: card uuid is a GUID");
                foreach (var suggestion in card["suggestions"]?.AsArray() ?? [])
                {
                    Assert.AreEqual(1, suggestion!["actions"]!.AsArray().Count, "row 125: one action per suggestion");
                }
            }
        }

        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
        var unexercised = CdsResponseRules.Rows.Except(rules.Exercised).Except(NotEmitted.Keys).Order().ToList();
        Assert.AreEqual(0, unexercised.Count, "response rows no FhirAi response gave anything to check: " + string.Join(", ", unexercised));
    }

    [TestMethod]
    public void The_rules_accept_the_spec_and_kit_example_responses_and_exercise_the_rows_FhirAi_does_not_emit()
    {
        var rules = new CdsResponseRules();
        // Left out: spec example 18 (its card has no indicator), the kit's propose_alternate_request (an empty actions array)
        // and launch_smart_app (its link url is the placeholder "INFERNO_PLACEHOLDER"): the rules rightly flag them.
        foreach (var file in new[] { "spec-2.0.1__10__http-response.json", "spec-2.0.1__16__system-action.json", "spec-2.0.1__17__example.json" })
        {
            rules.Check(TestData.Json(Path.Combine(TestData.SpecExamples, file)), file);
        }

        var kit = Directory.GetFiles(Path.Combine(TestData.Directory, "crd-test-kit", "responses"), "card_responses__*.json")
            .Where(f => !f.EndsWith("propose_alternate_request.json", StringComparison.Ordinal) && !f.EndsWith("launch_smart_app.json", StringComparison.Ordinal))
            .Append(Path.Combine(TestData.Directory, "crd-test-kit", "responses", "valid_cards.json"));
        foreach (var file in kit)
        {
            var cards = JsonNode.Parse(File.ReadAllText(file));
            var response = cards switch
            {
                JsonArray array => new JsonObject { ["cards"] = array.DeepClone() },
                JsonObject card when !card.ContainsKey("cards") => new JsonObject { ["cards"] = new JsonArray(card.DeepClone()) },
                _ => cards!.AsObject(),
            };
            rules.Check(response, Path.GetFileName(file));
        }

        Assert.AreEqual(0, rules.Violations.Count, string.Join("\n", rules.Violations));
        var notExercised = NotEmitted.Keys.Except(rules.Exercised).ToList();
        Assert.AreEqual(0, notExercised.Count, "rows not exercised by any example: " + string.Join(", ", notExercised));
    }

    [TestMethod]
    public void The_rules_catch_a_broken_card()
    {
        var rules = new CdsResponseRules();
        var broken = new JsonObject
        {
            ["cards"] = new JsonArray(new JsonObject
            {
                ["uuid"] = 12,
                ["summary"] = new string('x', 140),
                ["indicator"] = "urgent",
                ["source"] = new JsonObject { ["label"] = "x", ["url"] = "/relative" },
                ["suggestions"] = new JsonArray(new JsonObject
                {
                    ["label"] = "x",
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "delete", ["description"] = "d", ["resource"] = "MedicationRequest/1" }),
                }),
                ["overrideReasons"] = new JsonArray(new JsonObject { ["code"] = "c", ["system"] = "s" }),
                ["links"] = new JsonArray(new JsonObject { ["label"] = "l", ["url"] = "https://x", ["type"] = "absolute", ["appContext"] = "a" }),
                ["detail"] = null,
            }),
        };

        rules.Check(broken, "broken");

        foreach (var row in new[] { 3, 80, 83, 88, 93, 100, 107, 133, 134, 147 })
        {
            Assert.IsTrue(rules.Violations.Any(v => v.Contains($"row {row}:", StringComparison.Ordinal) || (row == 3 && v.Contains("(row 3)", StringComparison.Ordinal))),
                $"row {row} not caught:\n{string.Join("\n", rules.Violations)}");
        }
    }

    [TestMethod]
    public async Task Discovery_is_an_object_listing_both_services_with_the_required_fields()
    {
        using var harness = new CdsHarness();

        var discovery = await harness.DiscoveryAsync();

        var services = discovery["services"]!.AsArray().Select(s => s!.AsObject()).ToList();
        CollectionAssert.AreEquivalent(new[] { CdsServiceIds.PatientView, CdsServiceIds.MedicationReview }, services.Select(s => (string?)s["id"]).Distinct().ToList());
        foreach (var service in services)
        {
            foreach (var field in new[] { "hook", "description", "id", "title" })
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace((string?)service[field]), $"{service["id"]}: {field}");
            }

            Assert.IsTrue(service["prefetch"]!.AsObject().Count > 0);
            StringAssert.Contains((string?)service["description"], "ecision support");
        }

        CollectionAssert.AreEquivalent(new[] { "patient-view", "order-select", "order-sign" }, services.Select(s => (string?)s["hook"]).ToList());
    }

    [TestMethod]
    public void Discovery_lists_the_medication_review_once_per_hook_under_one_id()
    {
        var review = CdsServiceCatalog.Services.Where(s => s.Id == CdsServiceIds.MedicationReview).ToList();

        CollectionAssert.AreEquivalent(new[] { "order-select", "order-sign" }, review.Select(s => s.Hook).ToList());
    }

    [TestMethod]
    public void Prefetch_templates_use_only_valid_tokens()
    {
        // The Hook Library's root-level primitive context fields of each hook (patient-view, order-select, order-sign 1.0.1).
        var contextFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["patient-view"] = ["userId", "patientId", "encounterId"],
            ["order-select"] = ["userId", "patientId", "encounterId"],
            ["order-sign"] = ["userId", "patientId", "encounterId"],
        };
        string[] userTokens = ["userPractitionerId", "userPractitionerRoleId", "userPatientId", "userRelatedPersonId"];
        foreach (var service in CdsServiceCatalog.Services)
        {
            foreach (var (key, template) in service.Prefetch)
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace(key));
                Assert.AreEqual(template.Split("{{").Length - 1, template.Split("}}").Length - 1, template);
                var tokens = FhirAi.CdsHooks.Data.PrefetchTemplate.Tokens(template).ToList();
                Assert.IsTrue(tokens.Count > 0, template);
                foreach (var token in tokens)
                {
                    var valid = userTokens.Contains(token)
                        || (token.StartsWith("context.", StringComparison.Ordinal) && contextFields[service.Hook].Contains(token["context.".Length..]));
                    Assert.IsTrue(valid, $"{service.Id}/{service.Hook} {key}: {{{{{token}}}}}");
                }
            }
        }
    }

    [TestMethod]
    public void Prefetch_tokens_of_the_order_hooks_are_those_the_hook_library_sheet_allows()
    {
        // cds-hooks-library_1.0.1_requirements.sheet2.csv, "Server" rows: "Yes, Servers MAY use the `x` context field in
        // prefetch tokens for the h hook" and "No, Servers SHALL NOT use the `y` …" (rows 4-16 order-sign, 77-93 order-select).
        var path = Path.Combine(TestData.Directory, "crd-test-kit", "requirements", "cds-hooks-library_1.0.1_requirements.sheet2.csv");
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        _ = parser.ReadFields();
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var forbidden = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (parser.ReadFields() is { } fields)
        {
            var match = System.Text.RegularExpressions.Regex.Match(fields[2], "`([A-Za-z]+)` \\[context field in prefetch tokens for the ([a-z-]+) hook\\]");
            if (fields.Length > 4 && fields[4] == "Server" && match.Success)
            {
                var into = fields[3] == "SHALL NOT" ? forbidden : allowed;
                (into.TryGetValue(match.Groups[2].Value, out var set) ? set : into[match.Groups[2].Value] = []).Add(match.Groups[1].Value);
            }
        }

        CollectionAssert.AreEquivalent(new[] { "draftOrders" }, forbidden["order-sign"].ToList());
        CollectionAssert.AreEquivalent(new[] { "selections", "draftOrders" }, forbidden["order-select"].ToList());
        foreach (var service in CdsServiceCatalog.Services.Where(s => s.Hook is "order-sign" or "order-select"))
        {
            foreach (var token in service.Prefetch.Values.SelectMany(FhirAi.CdsHooks.Data.PrefetchTemplate.Tokens).Where(t => t.StartsWith("context.", StringComparison.Ordinal)))
            {
                var field = token["context.".Length..];
                Assert.IsTrue(allowed[service.Hook].Contains(field) && !forbidden[service.Hook].Contains(field), $"{service.Hook}: {field}");
            }
        }
    }

    [TestMethod]
    public async Task Every_discovered_id_is_a_callable_service()
    {
        using var harness = new CdsHarness();
        harness.Local.Add(Samples.Patient("p1", 40));

        foreach (var service in CdsServiceCatalog.Services)
        {
            var request = service.Hook == "patient-view"
                ? Samples.PatientView("p1")
                : Samples.OrderSign("p1", [Samples.Order("d1", "p1", "29046", "lisinopril", "draft")], hook: service.Hook, selections: ["MedicationRequest/d1"]);
            var (status, body) = await harness.CallAsync(service.Id, request);
            Assert.AreEqual(200, status, $"{service.Id} {service.Hook}: {body.ToJsonString()}");
        }
    }

    [TestMethod]
    public async Task A_call_that_cannot_get_its_data_is_a_412()
    {
        var ehr = new ScriptedHandler((_, _) => System.Net.HttpStatusCode.ServiceUnavailable);
        using var harness = new CdsHarness(new Dictionary<string, string?> { ["CdsHooks:OverallBudgetMilliseconds"] = "500", ["CdsHooks:AttemptTimeoutMilliseconds"] = "100" }, ehr);
        var request = Samples.PatientView("p1");
        request["fhirServer"] = "https://ehr.example.org/fhir";

        var (status, _) = await harness.CallAsync(CdsServiceIds.PatientView, request);

        Assert.AreEqual(412, status);
    }

    private static async Task<List<(string Name, JsonObject Body)>> ScenarioResponsesAsync()
    {
        using var harness = new CdsHarness();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        harness.Local.Add(
            Samples.Patient("old", 80), Samples.Order("w1", "old", "11289", "warfarin", "active"),
            Samples.Lab("k1", "old", "2823-3", "Potassium", 6.8m, "mmol/L", yesterday),
            Samples.Lab("na1", "old", "2951-2", "Sodium", 130m, "mmol/L", yesterday),
            Samples.Lab("cr1", "old", "2160-0", "Creatinine", 2.4m, "mg/dL", yesterday),
            Samples.Patient("empty", 40));
        var responses = new List<(string, JsonObject)>();
        foreach (var language in new[] { "en", "zh-Hans" })
        {
            responses.Add(($"order-sign warfarin+ibuprofen (age 80) {language}", (await harness.CallAsync(CdsServiceIds.MedicationReview,
                Samples.OrderSign("old", [Samples.Order("d1", "old", "5640", "ibuprofen", "draft")]), language)).Body));
            responses.Add(($"patient-view {language}", (await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("old"), language)).Body));
        }

        responses.Add(("order-sign nothing to say", (await harness.CallAsync(CdsServiceIds.MedicationReview,
            Samples.OrderSign("empty", [Samples.Order("d9", "empty", "29046", "lisinopril", "draft")]))).Body));
        responses.Add(("patient-view nothing to say", (await harness.CallAsync(CdsServiceIds.PatientView, Samples.PatientView("empty"))).Body));
        return responses;
    }
}
