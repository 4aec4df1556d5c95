using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// System-level search (_type), compartment search, Patient $everything, _summary/_elements and the
/// simple modifiers, on each provider. Expected ids are worked out by hand from the resources each test writes.
/// </summary>
public abstract class SearchWhereTests
{
    protected abstract StorageProvider Provider { get; }

    /// <summary>
    /// p1 (managed by org1) has o1 (performer pr1) and o2 and condition c1; p2 has o3; o4 refers to p1 only
    /// through performer (Observation's performer is a Patient-compartment parameter too).
    /// </summary>
    private async Task<SearchFixture> SeedAsync()
    {
        var f = new SearchFixture((await SharedHosts.GetAsync(Provider)).Client);
        var m = f.Marker;
        await f.PutAsync("Organization", "org1", """ "name":"Clinic" """);
        await f.PutAsync("Practitioner", "pr1", """ "name":[{"family":"Doe"}] """);
        await f.PutAsync("Patient", "p1", $$$""" "identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"http://example.org/mrn","value":"{{{m}}}-mrn1"}],"name":[{"family":"One"}],"gender":"female","managingOrganization":{"reference":"Organization/{{{m}}}-org1"},"contact":[{"name":{"family":"Kin"}}] """);
        await f.PutAsync("Patient", "p2", """ "name":[{"family":"Two"}] """);
        await f.PutAsync("Observation", "o1", Observation($"{m}-p1", $$""" ,"performer":[{"reference":"Practitioner/{{m}}-pr1"}]"""));
        await f.PutAsync("Observation", "o2", Observation($"{m}-p1", """ ,"valueQuantity":{"value":4.5,"unit":"mmol/L"}"""));
        await f.PutAsync("Observation", "o3", Observation($"{m}-p2", ""));
        await f.PutAsync("Observation", "o4", $$$""" "status":"final","code":{"text":"note"},"performer":[{"reference":"Patient/{{{m}}}-p1"}],"subject":{"identifier":{"system":"http://example.org/mrn","value":"{{{m}}}-mrn1"}} """);
        await f.PutAsync("Condition", "c1", $$""" "subject":{"reference":"Patient/{{m}}-p1"} """);
        return f;
    }

    private static string Observation(string subject, string extra) =>
        $$""" "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2339-0"}]},"subject":{"reference":"Patient/{{subject}}"}{{extra}} """;

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    [TestMethod]
    public async Task System_search_spans_the_listed_types_with_their_common_parameters()
    {
        var f = await SeedAsync();
        var both = await f.GetBundleAsync($"?_type=Patient,Observation&{f.Tag}&_sort=_id");
        CollectionAssert.AreEqual(f.Expect("o1", "o2", "o3", "o4", "p1", "p2"), SearchFixture.Ids(both));
        Assert.AreEqual(6, both["total"]!.GetValue<int>());
        Assert.IsFalse(SearchFixture.HasOutcome(both));

        var all = await f.GetBundleAsync($"?{f.Tag}&_id={f.Marker}-org1,{f.Marker}-c1");
        CollectionAssert.AreEqual(f.Expect("c1", "org1"), Sorted(SearchFixture.Ids(all)), "without _type every type is searched");

        using var form = new FormUrlEncodedContent([new("_type", "Condition,Practitioner"), new("_tag", SearchFixture.TagSystem + "|" + f.Marker)]);
        using var posted = await f.Client.PostAsync("_search", form);
        Assert.AreEqual(HttpStatusCode.OK, posted.StatusCode);
        CollectionAssert.AreEqual(f.Expect("c1", "pr1"), Sorted(SearchFixture.Ids(await FhirJson.ReadObjectAsync(posted))));

        // 'gender' is not a parameter of Observation: reported and ignored, or refused under strict handling.
        var lenient = await f.GetBundleAsync($"?_type=Patient,Observation&{f.Tag}&gender=female");
        Assert.IsTrue(SearchFixture.HasOutcome(lenient));
        Assert.AreEqual(6, lenient["total"]!.GetValue<int>());
        using var strict = new HttpRequestMessage(HttpMethod.Get, $"?_type=Patient,Observation&{f.Tag}&gender=female");
        strict.Headers.Add("Prefer", "handling=strict");
        using var refused = await f.Client.SendAsync(strict);
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        await f.GetBundleAsync("?_type=Patient,Nonsense", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task Compartment_search_follows_the_patient_compartment_definition()
    {
        var f = await SeedAsync();
        var m = f.Marker;
        // Observation is in the Patient compartment through subject and performer: o1, o2 (subject), o4 (performer).
        CollectionAssert.AreEqual(f.Expect("o1", "o2", "o4"), Sorted(SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/Observation"))));
        CollectionAssert.AreEqual(f.Expect("o2"), SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/Observation?value-quantity=4.5")));
        CollectionAssert.AreEqual(f.Expect("o3"), SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p2/Observation")));
        CollectionAssert.AreEqual(f.Expect("c1", "o1", "o2", "o4", "p1"), Sorted(SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/*"))));
        var paged = await f.GetBundleAsync($"Patient/{m}-p1/Observation?_count=2&_sort=-_id");
        CollectionAssert.AreEqual(f.Expect("o4", "o2"), SearchFixture.Ids(paged));
        CollectionAssert.AreEqual(f.Expect("o1"), SearchFixture.Ids(await f.GetBundleAsync(SearchFixture.Link(paged, "next")!)));
        // Organization is not in the Patient compartment.
        await f.GetBundleAsync($"Patient/{m}-p1/Organization", HttpStatusCode.BadRequest);
        await f.GetBundleAsync($"Nonsense/{m}-p1/Observation", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Everything_returns_the_patient_its_compartment_and_what_those_reference()
    {
        var f = await SeedAsync();
        var m = f.Marker;
        // p1; compartment: o1, o2, o4, c1; referenced: org1 (managingOrganization), pr1 (o1.performer). Not p2 or o3.
        var expected = f.Expect("c1", "o1", "o2", "o4", "org1", "p1", "pr1");
        var everything = await f.GetBundleAsync($"Patient/{m}-p1/$everything");
        CollectionAssert.AreEqual(expected, Sorted(SearchFixture.Ids(everything)));
        Assert.AreEqual(7, everything["total"]!.GetValue<int>());

        var walked = new List<string>();
        string? url = $"Patient/{m}-p1/$everything?_count=3";
        while (url is not null)
        {
            var page = await f.GetBundleAsync(url);
            walked.AddRange(SearchFixture.Ids(page));
            url = SearchFixture.Link(page, "next");
        }

        CollectionAssert.AreEqual(expected, Sorted(walked), "paged with _count, no duplicates");
        CollectionAssert.AreEqual(f.Expect("o1", "o2", "o4"), Sorted(SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/$everything?_type=Observation"))));
        CollectionAssert.AreEqual(f.Expect("org1", "pr1"), Sorted(SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/$everything?_type=Organization,Practitioner"))));
        Assert.AreEqual(0, SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/$everything?_since=2999-01-01T00:00:00Z")).Count);
        Assert.AreEqual(7, SearchFixture.Ids(await f.GetBundleAsync($"Patient/{m}-p1/$everything?_since=2000-01-01T00:00:00Z")).Count);

        using var post = await f.Client.PostAsync($"Patient/{m}-p1/$everything", FhirJson.Content(
            """{"resourceType":"Parameters","parameter":[{"name":"_type","valueString":"Condition"}]}"""));
        Assert.AreEqual(HttpStatusCode.OK, post.StatusCode);
        CollectionAssert.AreEqual(f.Expect("c1"), SearchFixture.Ids(await FhirJson.ReadObjectAsync(post)));
        await f.GetBundleAsync($"Patient/{m}-nobody/$everything", HttpStatusCode.NotFound);
        await f.GetBundleAsync($"Patient/{m}-p1/$everything?_since=yesterday", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task Summary_and_elements_subset_by_the_structure_definitions_and_still_validate()
    {
        var f = await SeedAsync();
        var m = f.Marker;
        JsonObject Only(JsonObject bundle) => bundle["entry"]!.AsArray().Single(e => e!["search"]!["mode"]!.GetValue<string>() == "match")!["resource"]!.AsObject();

        // Patient: identifier, name, gender, managingOrganization are isSummary; contact is not.
        var summary = Only(await f.GetBundleAsync($"Patient?_id={m}-p1&_summary=true"));
        CollectionAssert.AreEquivalent(new[] { "resourceType", "id", "meta", "identifier", "name", "gender", "managingOrganization" }, summary.Select(p => p.Key).ToArray());
        Assert.IsTrue(summary["meta"]!["tag"]!.AsArray().Any(t => t!["code"]!.GetValue<string>() == "SUBSETTED"));
        await AssertValidAsync(f, "Patient", summary);

        // Observation: text keeps the mandatory status and code, drops the value.
        var text = Only(await f.GetBundleAsync($"Observation?_id={m}-o2&_summary=text"));
        CollectionAssert.AreEquivalent(new[] { "resourceType", "id", "meta", "status", "code" }, text.Select(p => p.Key).ToArray());
        await AssertValidAsync(f, "Observation", text);

        var data = Only(await f.GetBundleAsync($"Observation?_id={m}-o2&_summary=data"));
        Assert.IsNotNull(data["valueQuantity"]);

        // _elements: the named element plus the mandatory ones; choice elements by their base name.
        var elements = Only(await f.GetBundleAsync($"Observation?_id={m}-o2&_elements=value"));
        CollectionAssert.AreEquivalent(new[] { "resourceType", "id", "meta", "status", "code", "valueQuantity" }, elements.Select(p => p.Key).ToArray());
        await AssertValidAsync(f, "Observation", elements);
        var patient = Only(await f.GetBundleAsync($"Patient?_id={m}-p1&_elements=gender,contact"));
        CollectionAssert.AreEquivalent(new[] { "resourceType", "id", "meta", "gender", "contact" }, patient.Select(p => p.Key).ToArray());

        await f.GetBundleAsync($"Patient?_id={m}-p1&_summary=maybe", HttpStatusCode.BadRequest);
    }

    private static async Task AssertValidAsync(SearchFixture f, string type, JsonObject resource)
    {
        using var response = await f.Client.PostAsync($"{type}/$validate", FhirJson.Content(resource.ToJsonString()));
        var outcome = await FhirJson.ReadObjectAsync(response);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, outcome.ToJsonString());
        Assert.IsFalse(outcome["issue"]!.AsArray().Any(i => i!["severity"]!.GetValue<string>() is "error" or "fatal"), outcome.ToJsonString());
    }

    [TestMethod]
    public async Task Missing_identifier_of_type_type_modifier_and_meta_parameters()
    {
        var f = await SeedAsync();
        var m = f.Marker;
        async Task<List<string>> IdsAsync(string query) => Sorted(SearchFixture.Ids(await f.GetBundleAsync(query)));

        // o1 has a performer but no value, o3 neither, o4 a performer only.
        CollectionAssert.AreEqual(f.Expect("o3"), await IdsAsync($"Observation?{f.Tag}&value-quantity:missing=true&performer:missing=true"));
        CollectionAssert.AreEqual(f.Expect("o1", "o3", "o4"), await IdsAsync($"Observation?{f.Tag}&value-quantity:missing=true"));
        CollectionAssert.AreEqual(f.Expect("o2"), await IdsAsync($"Observation?{f.Tag}&value-quantity:missing=false"));
        CollectionAssert.AreEqual(f.Expect("o1", "o4"), await IdsAsync($"Observation?{f.Tag}&performer:missing=false"));
        CollectionAssert.AreEqual(f.Expect("p2"), await IdsAsync($"Patient?{f.Tag}&gender:missing=true"));
        Assert.AreEqual(0, (await IdsAsync($"Patient?{f.Tag}&_id:missing=true")).Count);
        await f.GetBundleAsync($"Patient?{f.Tag}&gender:missing=perhaps", HttpStatusCode.BadRequest);

        CollectionAssert.AreEqual(f.Expect("o4"), await IdsAsync($"Observation?subject:identifier=http://example.org/mrn|{m}-mrn1"));
        CollectionAssert.AreEqual(f.Expect("p1"), await IdsAsync($"Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|{m}-mrn1"));
        Assert.AreEqual(0, (await IdsAsync($"Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|SS|{m}-mrn1")).Count);
        CollectionAssert.AreEqual(f.Expect("o1", "o2"), await IdsAsync($"Observation?subject:Patient={m}-p1"));
        CollectionAssert.AreEqual(f.Expect("o4"), await IdsAsync($"Observation?performer:Patient={m}-p1"));
        Assert.AreEqual(0, (await IdsAsync($"Observation?performer:Practitioner={m}-p1")).Count);
        CollectionAssert.AreEqual(f.Expect("o1"), await IdsAsync($"Observation?performer:Practitioner={m}-pr1"));
    }

    [TestMethod]
    public async Task Profile_security_and_source_search_meta()
    {
        var f = new SearchFixture((await SharedHosts.GetAsync(Provider)).Client);
        var m = f.Marker;
        async Task PutAsync(string suffix, string meta)
        {
            var json = "{\"resourceType\":\"Patient\",\"id\":\"" + m + "-" + suffix + "\",\"meta\":{" + meta + "}}";
            using var response = await f.Client.PutAsync($"Patient/{m}-{suffix}", FhirJson.Content(json));
            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        await PutAsync("a", $$""" "profile":["http://example.org/StructureDefinition/{{m}}"],"source":"http://example.org/source/{{m}}" """);
        await PutAsync("b", $$""" "security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}],"source":"http://example.org/source/{{m}}" """);
        async Task<List<string>> IdsAsync(string query) => Sorted(SearchFixture.Ids(await f.GetBundleAsync(query)));

        CollectionAssert.AreEqual(f.Expect("a"), await IdsAsync($"Patient?_profile=http://example.org/StructureDefinition/{m}"));
        CollectionAssert.AreEqual(f.Expect("a", "b"), await IdsAsync($"Patient?_source=http://example.org/source/{m}"));
        CollectionAssert.AreEqual(f.Expect("b"), await IdsAsync($"Patient?_source=http://example.org/source/{m}&_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R"));
        CollectionAssert.AreEqual(f.Expect("a"), await IdsAsync($"Patient?_source=http://example.org/source/{m}&_security:missing=true"));
    }
}

[TestClass]
public sealed class SqliteSearchWhereTests : SearchWhereTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSearchWhereTests : SearchWhereTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
