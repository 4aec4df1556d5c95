using System.Reflection;
using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Tests.Medications;

[TestClass]
public sealed class DrugKnowledgeBaseTests
{
    [TestMethod]
    public void Loads_with_the_required_breadth()
    {
        Assert.IsGreaterThanOrEqualTo(150, Meds.Knowledge.IngredientCount);
        Assert.IsFalse(string.IsNullOrWhiteSpace(Meds.Knowledge.Version));
        CollectionAssert.AreEquivalent(
            Enumerable.Range(1, 15).ToArray(),
            Meds.Knowledge.InteractionRules.Where(r => r.OncPair is not null).Select(r => r.OncPair!.Value).Distinct().ToArray(),
            "all 15 ONC high-priority pairs");
    }

    [TestMethod]
    public void Every_rule_and_limit_cites_a_source_that_reaches_the_output()
    {
        foreach (var rule in Meds.Knowledge.InteractionRules)
        {
            Assert.IsGreaterThan(20, Meds.Knowledge.Cite(rule.Source).Text.Length, rule.Id);
        }

        foreach (var ingredient in Meds.Knowledge.Ingredients)
        {
            var sources = new[] { ingredient.MaxDailyDose?.Source }.Concat(ingredient.Renal?.Select(r => r.Source) ?? []).Concat(ingredient.Beers?.Select(b => b.Source) ?? []);
            foreach (var source in sources.OfType<string>())
            {
                Assert.IsNotNull(Meds.Knowledge.Cite(source), ingredient.Id);
            }
        }
    }

    [TestMethod]
    public void Every_class_named_in_the_brief_has_members()
    {
        string[] classes =
        [
            "nsaid", "ssri", "snri", "maoi", "opioid", "qt-prolonging", "strong-cyp3a4-inhibitor", "strong-cyp3a4-inducer",
            "strong-cyp1a2-inhibitor", "potassium-sparing", "ace-inhibitor", "arb", "anticoagulant", "antiplatelet", "statin", "benzodiazepine",
        ];
        foreach (var id in classes)
        {
            Assert.IsTrue(Meds.Knowledge.Ingredients.Any(i => i.Classes.Contains(id)), id);
        }
    }

    [TestMethod]
    public void Covers_every_medication_code_of_the_Synthea_corpus()
    {
        var directory = typeof(DrugKnowledgeBaseTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FhirAi.SyntheaBundlesDirectory").Value!;
        if (!Directory.Exists(directory))
        {
            Assert.Inconclusive($"Synthea corpus not found at {directory}");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            using var bundle = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                var type = resource.GetProperty("resourceType").GetString();
                if (type is "MedicationRequest" or "MedicationStatement" && resource.TryGetProperty("medicationCodeableConcept", out var concept))
                {
                    foreach (var coding in concept.GetProperty("coding").EnumerateArray().Where(c => c.GetProperty("system").GetString() == Meds.RxNorm))
                    {
                        codes.Add(coding.GetProperty("code").GetString()!);
                    }
                }
            }
        }

        Assert.HasCount(70, codes);
        var missing = codes.Where(c => !Meds.Knowledge.KnowsProduct(c)).ToArray();
        Assert.IsEmpty(missing, string.Join(", ", missing));
        var review = Meds.Review(codes.Select((c, i) => Meds.Rx($"MedicationRequest/{i}", c)).ToArray());
        Assert.IsEmpty(review.Unresolved);
    }

    [TestMethod]
    public void Products_map_strength_per_unit_from_the_display()
    {
        var product = Meds.Knowledge.ProductByRxcui("1049221")!;

        Assert.AreEqual("Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet", product.Display);
        CollectionAssert.AreEqual(new[] { "acetaminophen", "oxycodone" }, product.Components.Select(c => c.Ingredient).ToArray());
        Assert.AreEqual(325m, product.Components[0].Strength!.Value);
        Assert.AreEqual("{tbl}", product.Components[0].Strength!.PerUnit);
    }

    [TestMethod]
    [DataRow("""{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}}""", """{}""", "missing required property 'a'")]
    [DataRow("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string"}}}""", """{"a":"x","b":1}""", "'b' is not allowed")]
    [DataRow("""{"type":"object","properties":{"a":{"enum":["high","low"]}}}""", """{"a":"medium"}""", "is not one of")]
    [DataRow("""{"type":"array","minItems":2,"items":{"type":"number","exclusiveMinimum":0}}""", """[0]""", "at least 2")]
    [DataRow("""{"type":"array","items":{"type":"number","exclusiveMinimum":0}}""", """[0]""", "must be greater than 0")]
    [DataRow("""{"type":"string","pattern":"^[0-9]+$"}""", "\"12a\"", "does not match")]
    [DataRow("""{"$defs":{"t":{"type":"integer"}},"$ref":"#/$defs/t"}""", "1.5", "expected")]
    public void Schema_checker_rejects_what_the_schema_forbids(string schema, string document, string expected)
    {
        using var s = JsonDocument.Parse(schema);
        using var d = JsonDocument.Parse(document);

        var errors = JsonSchemaSubset.Validate(s.RootElement, d.RootElement);

        Assert.IsTrue(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), string.Join("; ", errors));
    }

    [TestMethod]
    public void Schema_checker_refuses_keywords_it_does_not_implement()
    {
        using var s = JsonDocument.Parse("""{"type":"object","oneOf":[]}""");
        using var d = JsonDocument.Parse("{}");

        Assert.ThrowsExactly<InvalidOperationException>(() => JsonSchemaSubset.Validate(s.RootElement, d.RootElement));
    }
}
