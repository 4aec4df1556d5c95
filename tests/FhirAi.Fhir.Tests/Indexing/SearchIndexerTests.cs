using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.FhirPathSupport;
using FhirAi.Fhir.Indexing;

namespace FhirAi.Fhir.Tests.Indexing;

/// <summary>Index extraction on spec examples, checked against values read off the example files by hand.</summary>
[TestClass]
public sealed class SearchIndexerTests
{
    private static readonly Lazy<SearchIndexer> Indexer = new(() =>
        new SearchIndexer(SharedDefinitions.Instance, new R4FhirPathModel(SharedDefinitions.Instance)));

    private static IndexedValues Extract(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FhirPackageLocator.DefaultDirectory, file)));
        var type = document.RootElement.GetProperty("resourceType").GetString()!;
        return Indexer.Value.Extract(type, document.RootElement);
    }

    [TestMethod]
    public void Patient_example_names_gender_birthdate_and_identifier()
    {
        var values = Extract("Patient-example.json");
        CollectionAssert.IsSubsetOf(new[] { "chalmers", "peter", "james", "jim" },
            values.Strings.Where(s => s.Parameter == "name").Select(s => s.Normalized).ToList());
        Assert.IsTrue(values.Tokens.Any(t => t.Parameter == "gender" && t.Code == "male"));
        Assert.IsTrue(values.Tokens.Any(t => t.Parameter == "identifier" && t.System == "urn:oid:1.2.36.146.595.217.0.1" && t.Code == "12345"));
        var birth = values.Dates.Single(d => d.Parameter == "birthdate");
        Assert.AreEqual(new DateTimeOffset(1974, 12, 25, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch.AddTicks(birth.LowMicros * 10));
        Assert.AreEqual(new DateTimeOffset(1974, 12, 26, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch.AddTicks(birth.HighMicros * 10));
        Assert.IsTrue(values.References.Any(r => r.Parameter == "organization" && r.TargetType == "Organization" && r.TargetId == "1"));
    }

    [TestMethod]
    public void Observation_example_code_subject_patient_value_and_composite()
    {
        var values = Extract("Observation-example.json");
        Assert.IsTrue(values.Tokens.Any(t => t.Parameter == "code" && t.System == "http://loinc.org" && t.Code == "29463-7"));
        Assert.IsTrue(values.References.Any(r => r.Parameter == "subject" && r.TargetType == "Patient" && r.TargetId == "example"));
        Assert.IsTrue(values.References.Any(r => r.Parameter == "patient" && r.TargetType == "Patient" && r.TargetId == "example"),
            "patient is subject.where(resolve() is Patient)");
        var quantity = values.Quantities.Single(q => q.Parameter == "value-quantity");
        Assert.AreEqual(185m, quantity.Value);
        Assert.AreEqual("[lb_av]", quantity.Unit);
        Assert.AreEqual(184.5m, quantity.Low);
        Assert.IsTrue(values.Composites.Any(c => c.Parameter == "code-value-quantity" && c.FirstCode == "29463-7" && c.SecondNumber == 185m));
    }

    [TestMethod]
    public void Every_package_search_parameter_of_a_type_is_indexed_unless_special_or_the_resource_id()
    {
        var parameters = SharedDefinitions.Instance.GetSearchParameters("Observation");
        var indexed = Indexer.Value.IndexedParameters("Observation");
        // _id is answered from the resources table itself.
        var missing = parameters.Where(p => p.Type != SearchParamType.Special && p.Expression is not null && p.Code != "_id")
            .Select(p => p.Code).Except(indexed.Select(p => p.Code)).ToList();
        Assert.AreEqual(0, missing.Count, "not indexed: " + string.Join(", ", missing));
        Assert.IsFalse(indexed.Any(p => p.Code == "_id"));
    }

    [TestMethod]
    public void Blood_pressure_components_index_both_quantities()
    {
        var values = Extract("Observation-blood-pressure.json");
        var systolic = values.Composites.Where(c => c.Parameter == "component-code-value-quantity" && c.FirstCode == "8480-6").ToList();
        Assert.AreEqual(1, systolic.Count);
        Assert.AreEqual(107m, systolic[0].SecondNumber);
        CollectionAssert.AreEquivalent(new[] { 107m, 60m },
            values.Quantities.Where(q => q.Parameter == "component-value-quantity").Select(q => q.Value).ToList());
    }

    [TestMethod]
    public void Narrative_words_are_text_rows_distinct_and_capped()
    {
        var words = string.Join(' ', Enumerable.Range(0, 300).Select(i => "w" + i));
        using var document = JsonDocument.Parse($$$"""
            {"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Café CAFE {{{words}}}</div>"}}
            """);
        var text = Indexer.Value.Extract("Patient", document.RootElement).Strings.Where(s => s.Parameter == "_text").Select(s => s.Normalized).ToList();
        Assert.AreEqual(256, text.Count, "at most 256 distinct words per resource");
        CollectionAssert.AreEqual(new[] { "cafe", "w0", "w1" }, text.Take(3).ToList(), "Café and CAFE are one word; markup is not indexed");
        Assert.IsFalse(text.Contains("w255"), "the 257th distinct word is past the cap");

        using var none = JsonDocument.Parse("""{"resourceType":"Patient","name":[{"family":"Chalmers"}]}""");
        Assert.IsFalse(Indexer.Value.Extract("Patient", none.RootElement).Strings.Any(s => s.Parameter == "_text"), "no narrative, no rows");
    }
}
