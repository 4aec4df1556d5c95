using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using static FhirAi.Clinical.Tests.Labs.LabFixtures;

namespace FhirAi.Clinical.Tests.Labs;

[TestClass]
public sealed class LabKnowledgeBaseTests
{
    // Observation LOINC codes of category "laboratory" in /work/shared/data/synthea/bundles/*.json (63 bundles), by count.
    private static readonly string[] SyntheaLabCodes =
    [
        "718-7", "787-2", "785-6", "786-4", "777-3", "32207-3", "32623-1", "6690-2", "789-8", "4544-3", "21000-5", "2093-3",
        "2571-8", "18262-6", "2085-9", "33914-3", "4548-4", "2339-0", "6299-2", "38483-4", "49765-1", "2947-0", "6298-4",
        "2069-3", "20565-8", "20570-8", "14959-1", "2885-2", "1751-7", "10834-0", "1975-2", "6768-6", "1742-6", "1920-8",
    ];

    // Allergen-specific IgE (one patient): no cited default interval, so deliberately not in the knowledge base.
    private static readonly string[] SyntheaUncovered =
        ["6206-7", "6273-7", "6082-2", "6246-3", "6276-0", "6106-9", "6248-9", "7258-7", "6189-5", "6085-5", "6833-8", "6095-4", "6075-6", "6844-5", "6158-0"];

    private static string Resource(string name)
    {
        using var stream = typeof(LabKnowledgeBase).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Data => Resource(LabKnowledgeLoader.ResourceName);

    private static LabKnowledgeBase Load(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return LabKnowledgeLoader.Load(stream);
    }

    private static List<string> SchemaErrors(string json)
    {
        using var schema = JsonDocument.Parse(Resource(LabKnowledgeLoader.SchemaResourceName));
        using var data = JsonDocument.Parse(json);
        return [.. JsonSchemaSubset.Validate(schema.RootElement, data.RootElement)];
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Data)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static JsonObject Potassium(JsonObject root) =>
        root["tests"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string)t["id"]! == "potassium");

    [TestMethod]
    public void Embedded_data_loads_with_a_version_and_at_least_40_cited_tests()
    {
        Assert.IsFalse(string.IsNullOrWhiteSpace(Knowledge.Version));
        Assert.IsGreaterThanOrEqualTo(40, Knowledge.Tests.Count);
        foreach (var test in Knowledge.Tests)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(test.Citation.Text), test.Id);
            Assert.IsTrue(test.ReferenceIntervals.All(i => !string.IsNullOrWhiteSpace(i.Citation.Text)), test.Id);
            Assert.IsTrue(test.Critical is null || test.Critical.Citation.Text.Contains("Kost", StringComparison.Ordinal), test.Id);
        }
    }

    [TestMethod]
    public void Embedded_data_validates_against_the_schema() =>
        CollectionAssert.AreEqual(Array.Empty<string>(), SchemaErrors(Data).ToArray());

    [TestMethod]
    public void The_required_analytes_of_the_brief_are_present()
    {
        string[] ids =
        [
            "hemoglobin", "hematocrit", "rbc", "wbc", "platelets", "mcv", "mch", "mchc", "rdw-cv", "sodium", "potassium", "chloride", "co2",
            "bun", "creatinine", "glucose", "calcium", "protein-total", "albumin", "bilirubin-total", "alp", "alt", "ast", "cholesterol-total",
            "ldl", "hdl", "triglycerides", "hba1c", "glucose-fasting", "tsh", "free-t4", "egfr", "uacr", "pt", "inr", "aptt", "ferritin",
            "iron", "tibc", "tsat", "hs-ctni", "hs-ctnt",
        ];
        foreach (var id in ids)
        {
            Assert.IsNotNull(Knowledge.FindById(id), id);
        }
    }

    [TestMethod]
    public void Every_laboratory_code_in_the_Synthea_corpus_is_covered_except_the_allergen_IgE_panel()
    {
        foreach (var code in SyntheaLabCodes)
        {
            Assert.IsNotNull(Knowledge.Find(code), code);
        }

        foreach (var code in SyntheaUncovered)
        {
            Assert.IsNull(Knowledge.Find(code), code);
        }
    }

    [TestMethod]
    public void Every_loinc_code_has_a_valid_check_digit()
    {
        foreach (var code in Knowledge.Tests.SelectMany(t => t.LoincCodes))
        {
            Assert.IsTrue(LabKnowledgeLoader.HasValidCheckDigit(code), code);
        }
    }

    [TestMethod]
    [DataRow("2823-3", true)]
    [DataRow("2823-4", false)]
    [DataRow("718-7", true)]
    [DataRow("98979-8", true)]
    [DataRow("98979-9", false)]
    [DataRow("2823", false)]
    [DataRow("-3", false)]
    public void Check_digit_follows_the_LOINC_mod_10_rule(string code, bool valid) =>
        Assert.AreEqual(valid, LabKnowledgeLoader.HasValidCheckDigit(code));

    [TestMethod]
    public void Glucose_100_mg_per_dL_is_5_55_mmol_per_L() =>
        Assert.AreEqual(5.55m, decimal.Round(LabUnits.Convert(Test("glucose"), 100m, "mg/dL", "mmol/L")!.Value, 2));

    [TestMethod]
    public void Creatinine_1_mg_per_dL_is_88_4_umol_per_L() =>
        Assert.AreEqual(88.4m, decimal.Round(LabUnits.Convert(Test("creatinine"), 1.0m, "mg/dL", "umol/L")!.Value, 1));

    [TestMethod]
    [DataRow("glucose-fasting", 126.0, "mg/dL", "mmol/L", 7.0, 1)]
    [DataRow("hemoglobin", 12.0, "g/dL", "g/L", 120.0, 1)]
    [DataRow("hemoglobin", 12.0, "g/dL", "mmol/L", 7.45, 2)]
    [DataRow("cholesterol-total", 200.0, "mg/dL", "mmol/L", 5.17, 2)]
    [DataRow("ldl", 190.0, "mg/dL", "mmol/L", 4.91, 2)]
    [DataRow("hdl", 40.0, "mg/dL", "mmol/L", 1.03, 2)]
    [DataRow("triglycerides", 150.0, "mg/dL", "mmol/L", 1.69, 2)]
    [DataRow("calcium", 10.0, "mg/dL", "mmol/L", 2.50, 2)]
    [DataRow("bilirubin-total", 1.0, "mg/dL", "umol/L", 17.1, 1)]
    [DataRow("bun", 20.0, "mg/dL", "mmol/L", 7.1, 1)]
    [DataRow("uacr", 3.0, "mg/mmol", "mg/g", 26.5, 1)]
    [DataRow("hs-ctni", 0.05, "ng/mL", "ng/L", 50.0, 1)]
    public void Published_unit_equivalences(string id, double value, string from, string to, double expected, int decimals) =>
        Assert.AreEqual((decimal)expected, decimal.Round(LabUnits.Convert(Test(id), (decimal)value, from, to)!.Value, decimals));

    [TestMethod]
    public void Molar_factors_follow_from_the_stated_molar_mass()
    {
        // Every molar conversion factor is the molar mass (or its inverse) times a power of ten, to within 0.1%.
        using var doc = JsonDocument.Parse(Data);
        var checkedUnits = 0;
        foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
        {
            if (!test.TryGetProperty("units", out var units))
            {
                continue;
            }

            foreach (var unit in units.EnumerateArray().Where(u => u.TryGetProperty("molarMass", out _)))
            {
                var factor = unit.GetProperty("factor").GetDouble();
                var mass = unit.GetProperty("molarMass").GetDouble();
                var direct = Math.Log10(factor / mass);
                var inverse = Math.Log10(factor * mass);
                var nearest = Math.Min(Math.Abs(direct - Math.Round(direct)), Math.Abs(inverse - Math.Round(inverse)));
                Assert.IsLessThan(Math.Log10(1.001), nearest, $"{test.GetProperty("id")} {unit.GetProperty("unit")}");
                checkedUnits++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(15, checkedUnits);
    }

    [TestMethod]
    public void Unknown_units_convert_to_nothing()
    {
        Assert.IsNull(LabUnits.Convert(Test("glucose"), 100m, "mg/dL", "g/L"));
        Assert.IsNull(LabUnits.ToCanonical(Test("hba1c"), 48m, "mmol/mol"));
    }

    [TestMethod]
    public void Sources_used_by_the_report_rules_exist() =>
        Assert.IsTrue(LabInterpreter.RuleSources.All(k => Knowledge.Source(k) is not null));

    [TestMethod]
    public void An_unknown_property_is_refused_by_the_schema_and_the_loader()
    {
        var json = Mutate(root => Potassium(root)["colour"] = "blue");

        Assert.IsNotEmpty(SchemaErrors(json));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Load(json)).Message, "colour");
    }

    [TestMethod]
    public void A_malformed_loinc_is_refused_by_the_schema_and_the_loader()
    {
        var json = Mutate(root => Potassium(root)["loinc"] = new JsonArray("2823_3"));

        Assert.IsNotEmpty(SchemaErrors(json));
        Assert.ThrowsExactly<InvalidDataException>(() => Load(json));
    }

    [TestMethod]
    public void A_fact_without_a_source_is_refused_by_the_schema_and_the_loader()
    {
        var json = Mutate(root => Potassium(root)["critical"]!.AsObject().Remove("source"));

        Assert.IsNotEmpty(SchemaErrors(json));
        Assert.ThrowsExactly<InvalidDataException>(() => Load(json));
    }

    [TestMethod]
    [DataRow("checkdigit")]
    [DataRow("unknown-source")]
    [DataRow("critical-inside")]
    [DataRow("duplicate-loinc")]
    [DataRow("low-above-high")]
    public void Cross_field_rules_are_enforced_by_the_loader(string breach)
    {
        var json = Mutate(root =>
        {
            var k = Potassium(root);
            switch (breach)
            {
                case "checkdigit": k["loinc"] = new JsonArray("2823-4"); break;
                case "unknown-source": k["source"] = "nowhere"; break;
                case "critical-inside": k["critical"]!["high"] = 4.5; break;
                case "duplicate-loinc": k["loinc"] = new JsonArray("2823-3", "2951-2"); break;
                default: k["reference"]![0]!["low"] = 9; break;
            }
        });

        Assert.ThrowsExactly<InvalidDataException>(() => Load(json));
    }

    [TestMethod]
    public void An_interpreter_refuses_a_knowledge_base_without_the_rules_sources()
    {
        var json = Mutate(root =>
        {
            root["sources"]!.AsObject().Remove("thyroid-patterns");
        });

        var knowledge = Load(json);
        Assert.ThrowsExactly<ArgumentException>(() => new LabInterpreter(knowledge));
    }

    [TestMethod]
    [DataRow(30, "H")]
    [DataRow(64, "H")]
    [DataRow(65, "N")]
    [DataRow(null, "N")]
    public void Age_bands_choose_the_interval_and_an_unknown_age_uses_the_unbanded_one(int? age, string flag)
    {
        // ALP 130 U/L against hypothetical bands: under 65 30-120 U/L, 65 and over 30-140 U/L, and an unbanded 30-150
        // listed first (so the banded ones must win by being more specific, not by their order).
        var json = Mutate(root =>
        {
            var alp = root["tests"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string)t["id"]! == "alp");
            alp["reference"]![0]!["ageMax"] = 64;
            alp["reference"]!.AsArray().Add(new JsonObject { ["ageMin"] = 65, ["low"] = 30, ["high"] = 140, ["source"] = "abim2024" });
            alp["reference"]!.AsArray().Insert(0, new JsonObject { ["low"] = 30, ["high"] = 150, ["source"] = "abim2024" });
        });
        var interpreter = new LabInterpreter(Load(json));
        var patient = new PatientFacts(FhirAi.Clinical.Common.AdministrativeSex.Male, age);

        Assert.AreEqual(flag, interpreter.Interpret(Result("6768-6", 130m, "U/L"), patient, null).Flag);
    }

    [TestMethod]
    public void Critical_coded_results_are_flagged_AA()
    {
        var json = Mutate(root =>
        {
            var covid = root["tests"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string)t["id"]! == "sars-cov-2-rna");
            covid["criticalCodes"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "123" });
        });
        var interpreter = new LabInterpreter(Load(json));
        var result = new LabResult { Reference = "Observation/c", Loinc = "94500-6", CodedValue = new("http://snomed.info/sct", "123") };

        Assert.AreEqual("AA", interpreter.Interpret(result, Male40, null).Flag);
        Assert.AreEqual("critical-value", interpreter.InterpretReport(new ReportInput { Results = [result], Patient = Male40 }).Findings.Single().RuleId);
    }
}
