using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Definitions.Custom;
using FhirAi.Fhir.FhirPathSupport;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;

namespace FhirAi.Fhir.Tests.Definitions;

/// <summary>
/// Custom SearchParameters: what the validator refuses, how the registry moves a parameter from registered
/// (indexed on write) to searchable (after a covering reindex), and what the indexer and parser then do.
/// Each test loads its own definitions, because the registry belongs to that instance.
/// </summary>
[TestClass]
public sealed class CustomSearchParameterTests
{
    private const string EyeColourUrl = "http://example.org/fhir/SearchParameter/patient-eye-colour";

    private static string EyeColour(string code = "eye-colour", string expression = "Patient.extension.where(url='http://example.org/eye-colour').value",
        string baseType = "Patient", string type = "token", string url = EyeColourUrl, string status = "active") =>
        $$"""{"resourceType":"SearchParameter","url":"{{url}}","name":"EyeColour","status":"{{status}}","description":"Eye colour","code":"{{code}}","base":["{{baseType}}"],"type":"{{type}}","expression":"{{expression}}"}""";

    private static (FhirDefinitions Definitions, CustomSearchParameterValidator Validator, SearchIndexer Indexer) Fresh()
    {
        var definitions = FhirDefinitions.LoadDefault();
        var model = new R4FhirPathModel(definitions);
        return (definitions, new CustomSearchParameterValidator(definitions, model), new SearchIndexer(definitions, model));
    }

    private static CustomSearchParameterCheck Check(CustomSearchParameterValidator validator, string json, string? id = null)
    {
        using var document = JsonDocument.Parse(json);
        return validator.Check(document.RootElement, id);
    }

    private static IndexedValues Extract(SearchIndexer indexer, string json)
    {
        using var document = JsonDocument.Parse(json);
        return indexer.Extract(document.RootElement.GetProperty("resourceType").GetString()!, document.RootElement);
    }

    private const string BrownEyedPatient =
        """{"resourceType":"Patient","extension":[{"url":"http://example.org/eye-colour","valueCode":"brown"}],"gender":"female"}""";

    [TestMethod]
    public void A_valid_active_parameter_is_accepted_and_anything_not_active_registers_nothing()
    {
        var (_, validator, _) = Fresh();
        var accepted = Check(validator, EyeColour());
        Assert.IsTrue(accepted.IsValid, string.Join("; ", accepted.Errors.Select(e => e.Diagnostics)));
        Assert.AreEqual("eye-colour", accepted.Definition!.Code);
        Assert.AreEqual(SearchParamType.Token, accepted.Definition.Type);

        var draft = Check(validator, EyeColour(status: "draft", expression: "Patient.(("));
        Assert.IsTrue(draft.IsValid);
        Assert.IsNull(draft.Definition, "a draft is stored as a plain resource and not registered");
    }

    [TestMethod]
    public void Invalid_parameters_are_refused_naming_the_element()
    {
        var (_, validator, _) = Fresh();
        void Refused(string json, string expression, string words)
        {
            var check = Check(validator, json);
            Assert.IsFalse(check.IsValid, json);
            Assert.IsNull(check.Definition);
            Assert.IsTrue(check.Errors.Any(e => e.Expression == expression && e.Diagnostics.Contains(words, StringComparison.Ordinal)),
                string.Join("; ", check.Errors.Select(e => $"{e.Expression}: {e.Diagnostics}")));
        }

        Refused(EyeColour(expression: "Patient.extension.where(url = "), "SearchParameter.expression", "does not compile");
        Refused(EyeColour(expression: "Patient.eyeColour"), "SearchParameter.expression", "does not compile");
        Refused(EyeColour(baseType: "Spaceship"), "SearchParameter.base[0]", "not a concrete R4 resource type");
        Refused(EyeColour(code: "gender"), "SearchParameter.code", "already has the R4 search parameter 'gender'");
        Refused(EyeColour(code: "_eye"), "SearchParameter.code", "not a usable search parameter code");
        Refused(EyeColour(url: "http://hl7.org/fhir/SearchParameter/individual-gender"), "SearchParameter.url", "R4 package");
        Refused(EyeColour(expression: "Observation.code"), "SearchParameter.expression", "No branch of the expression applies to the base Patient");
        Refused(EyeColour(type: "special"), "SearchParameter.type", "Special");
    }

    [TestMethod]
    public void Composites_need_two_known_components_the_first_a_token()
    {
        var (_, validator, _) = Fresh();
        static string Composite(string first, string second) =>
            $$"""{"resourceType":"SearchParameter","url":"http://example.org/sp/code-value","name":"CodeValue","status":"active","description":"x","code":"my-code-value","base":["Observation"],"type":"composite","expression":"Observation","component":[{"definition":"{{first}}","expression":"code"},{"definition":"{{second}}","expression":"value.as(Quantity)"}]}""";

        var good = Check(validator, Composite("http://hl7.org/fhir/SearchParameter/clinical-code", "http://hl7.org/fhir/SearchParameter/Observation-value-quantity"));
        Assert.IsTrue(good.IsValid, string.Join("; ", good.Errors.Select(e => e.Diagnostics)));
        var unknown = Check(validator, Composite("http://example.org/nothing", "http://hl7.org/fhir/SearchParameter/Observation-value-quantity"));
        Assert.IsTrue(unknown.Errors.Any(e => e.Expression == "SearchParameter.component[0].definition"));
        var swapped = Check(validator, Composite("http://hl7.org/fhir/SearchParameter/Observation-value-quantity", "http://hl7.org/fhir/SearchParameter/clinical-code"));
        Assert.IsTrue(swapped.Errors.Any(e => e.Diagnostics.Contains("first component", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_registered_parameter_is_indexed_at_once_but_searchable_only_after_a_covering_reindex()
    {
        var (definitions, validator, indexer) = Fresh();
        var parser = new SearchCriteriaParser(definitions);
        Assert.IsFalse(Extract(indexer, BrownEyedPatient).Tokens.Any(t => t.Parameter == "eye-colour"), "nothing before registration");

        var definition = Check(validator, EyeColour()).Definition!;
        definitions.CustomSearchParameters.Register("sp1", definition, registeredMicros: 1000);
        var token = Extract(indexer, BrownEyedPatient).Tokens.Single(t => t.Parameter == "eye-colour");
        Assert.AreEqual("brown", token.Code);

        var pending = parser.Parse("Patient", [new("eye-colour", "brown")]);
        Assert.AreEqual(0, pending.Criteria.Count);
        StringAssert.Contains(pending.Issues.Single().Diagnostics, "not indexed yet");
        Assert.IsFalse(definitions.GetSearchParameters("Patient").Any(p => p.Code == "eye-colour"));

        // A job created before this registration (it recorded another instant) does not cover it.
        definitions.CustomSearchParameters.MarkReindexed("Patient", new Dictionary<string, long> { ["sp1"] = 999 });
        Assert.AreEqual(1, parser.Parse("Patient", [new("eye-colour", "brown")]).Issues.Count);
        // A job over another type does not either.
        definitions.CustomSearchParameters.MarkReindexed("Observation", new Dictionary<string, long> { ["sp1"] = 1000 });
        Assert.AreEqual(1, parser.Parse("Patient", [new("eye-colour", "brown")]).Issues.Count);

        definitions.CustomSearchParameters.MarkReindexed("Patient", new Dictionary<string, long> { ["sp1"] = 1000 });
        var searchable = parser.Parse("Patient", [new("eye-colour", "brown")]);
        Assert.AreEqual(0, searchable.Issues.Count);
        Assert.AreEqual(SearchParamType.Token, searchable.Criteria.Single().Type);
        Assert.IsTrue(definitions.GetSearchParameters("Patient").Any(p => p.Code == "eye-colour"));
        Assert.IsTrue(definitions.TryGetSearchParameterByUrl(EyeColourUrl, out _));

        // A change of expression waits for a new reindex; deletion unregisters.
        var changed = Check(validator, EyeColour(expression: "Patient.extension.where(url='http://example.org/iris').value"), "sp1").Definition!;
        definitions.CustomSearchParameters.Register("sp1", changed, registeredMicros: 2000);
        Assert.AreEqual(1, parser.Parse("Patient", [new("eye-colour", "brown")]).Issues.Count);
        Assert.IsFalse(Extract(indexer, BrownEyedPatient).Tokens.Any(t => t.Parameter == "eye-colour"), "the new expression finds no iris extension");
        definitions.CustomSearchParameters.Remove("sp1");
        StringAssert.Contains(parser.Parse("Patient", [new("eye-colour", "brown")]).Issues.Single().Diagnostics, "is not a search parameter");
    }

    [TestMethod]
    public void A_custom_composite_is_indexed_per_element_and_parsed_once_searchable()
    {
        var (definitions, validator, indexer) = Fresh();
        const string composite =
            """{"resourceType":"SearchParameter","url":"http://example.org/sp/my-code-value","name":"MyCodeValue","status":"active","description":"x","code":"my-code-value","base":["Observation"],"type":"composite","expression":"Observation","component":[{"definition":"http://hl7.org/fhir/SearchParameter/clinical-code","expression":"code"},{"definition":"http://hl7.org/fhir/SearchParameter/Observation-value-quantity","expression":"value.as(Quantity)"}]}""";
        definitions.CustomSearchParameters.Register("c1", Check(validator, composite).Definition!, 5);
        var values = Extract(indexer,
            """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2339-0"}]},"valueQuantity":{"value":5.4,"system":"http://unitsofmeasure.org","code":"mmol/L"}}""");
        var row = values.Composites.Single(c => c.Parameter == "my-code-value");
        Assert.AreEqual("http://loinc.org", row.FirstSystem);
        Assert.AreEqual("2339-0", row.FirstCode);
        Assert.AreEqual(5.4m, row.SecondNumber);

        definitions.CustomSearchParameters.MarkReindexed(null, new Dictionary<string, long> { ["c1"] = 5 });
        var parsed = new SearchCriteriaParser(definitions).Parse("Observation", [new("my-code-value", "http://loinc.org|2339-0$5.4")]);
        Assert.AreEqual(0, parsed.Issues.Count, string.Join("; ", parsed.Issues.Select(i => i.Diagnostics)));
        CollectionAssert.AreEqual(new[] { SearchParamType.Token, SearchParamType.Quantity }, parsed.Criteria.Single().ComponentTypes.ToArray());
    }

    [TestMethod]
    public void A_second_parameter_with_the_same_code_or_url_on_a_base_is_refused_but_its_own_update_is_not()
    {
        var (definitions, validator, _) = Fresh();
        definitions.CustomSearchParameters.Register("sp1", Check(validator, EyeColour()).Definition!, 1000);
        Assert.IsTrue(Check(validator, EyeColour(), "sp1").IsValid, "an update of the same resource");
        var clash = Check(validator, EyeColour(url: "http://example.org/other"));
        Assert.IsTrue(clash.Errors.Any(e => e.Expression == "SearchParameter.code" && e.Diagnostics.Contains("SearchParameter/sp1", StringComparison.Ordinal)));
        var sameUrl = Check(validator, EyeColour(code: "iris"));
        Assert.IsTrue(sameUrl.Errors.Any(e => e.Expression == "SearchParameter.url"));
    }
}
