using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// <c>_text</c> (narrative) and <c>_content</c> (whole resource) over three hand-made patients; every expected set is worked
/// out by reading the JSON below. Each run tags its patients, so the shared server's other data cannot match.
/// </summary>
public abstract class TextSearchTests
{
    protected abstract StorageProvider Provider { get; }

    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    private sealed record Fixture(HttpClient Client, string Tag, string Marker, string Helene, string Muller, string Smith);

    private async Task<Fixture> CreateAsync()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        var run = Guid.NewGuid().ToString("N");
        var tag = $"http://fhirai.test/text-search|{run}";
        var marker = "zq" + run;
        var meta = $$"""{"tag":[{"system":"http://fhirai.test/text-search","code":"{{run}}"}]}""";

        // Narrative with markup, an entity (&#233; = é) and mixed case; names with accents outside the narrative.
        var helene = await CreateAsync(client, $$"""
            {"resourceType":"Patient","meta":{{meta}},
             "text":{"status":"generated","div":"<div xmlns=\"{{Xhtml}}\"><p>Sprain of <b>WRIST</b>, caf&#233; worker {{marker}}</p></div>"},
             "name":[{"family":"Hélène","given":["Zoë"]}],"gender":"female"}
            """);
        var muller = await CreateAsync(client, $$"""
            {"resourceType":"Patient","meta":{{meta}},
             "text":{"status":"generated","div":"<div xmlns=\"{{Xhtml}}\">Chronic kidney disease</div>"},
             "name":[{"family":"Müller"}],"gender":"male"}
            """);
        var smith = await CreateAsync(client, $$"""
            {"resourceType":"Patient","meta":{{meta}},
             "name":[{"family":"Smith"}],"address":[{"city":"São Paulo"}],"gender":"male"}
            """);
        return new Fixture(client, tag, marker, helene, muller, smith);
    }

    private static async Task<string> CreateAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("Patient", FhirJson.Content(json));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await FhirJson.ReadObjectAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>The ids the tagged search returns (no outcome entry allowed).</summary>
    private static async Task<string[]> IdsAsync(Fixture fixture, string criteria)
    {
        using var response = await fixture.Client.GetAsync($"Patient?_tag={Uri.EscapeDataString(fixture.Tag)}&{criteria}&_count=50");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, criteria);
        var bundle = await FhirJson.ReadObjectAsync(response);
        var entries = bundle["entry"]?.AsArray() ?? [];
        Assert.IsFalse(entries.Any(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome"), $"{criteria}: {bundle.ToJsonString()}");
        return [.. entries.Select(e => e!["resource"]!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static string Q(string value) => Uri.EscapeDataString(value);

    [TestMethod]
    public async Task Text_matches_words_of_the_narrative_by_prefix_ignoring_case_accents_and_markup()
    {
        var f = await CreateAsync();
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=sprain"));
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=Wrist"), "case-insensitive (WRIST in the narrative)");
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=spr"), "a query word matches the start of a word");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_text=rain"), "not the middle of a word");
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=cafe"), "&#233; decoded, then the accent dropped");
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=" + Q("CAFÉ")));
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_text=" + Q("sprain wrist")), "several words: all required");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_text=" + Q("sprain kidney")), "AND: no narrative has both");
        CollectionAssert.AreEqual(Sorted(f.Helene, f.Muller), await IdsAsync(f, "_text=sprain,kidney"), "comma is OR");
        CollectionAssert.AreEqual(Sorted(f.Muller), await IdsAsync(f, "_text=chronic&_text=disease"), "repetition is AND");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_text=div"), "markup is not narrative text");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_text=helene"), "a name outside the narrative is not _text");
        CollectionAssert.AreEqual(Sorted(f.Smith), await IdsAsync(f, "_text:missing=true"));
        CollectionAssert.AreEqual(Sorted(f.Helene, f.Muller), await IdsAsync(f, "_text:missing=false"));
        CollectionAssert.AreEqual(Sorted(f.Muller), await IdsAsync(f, "_text=kidney&gender=male"));
    }

    [TestMethod]
    public async Task Content_matches_words_of_any_value_by_prefix_ignoring_case_accents_and_property_names()
    {
        var f = await CreateAsync();
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_content=helene"), "Hélène without its accent");
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_content=" + Q("HÉL")));
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_content=zoe"));
        CollectionAssert.AreEqual(Sorted(f.Muller), await IdsAsync(f, "_content=muller"));
        CollectionAssert.AreEqual(Sorted(f.Smith), await IdsAsync(f, "_content=" + Q("sao paulo")), "two words of one value");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content=" + Q("paulo kidney")), "AND: no resource has both");
        CollectionAssert.AreEqual(Sorted(f.Muller, f.Smith), await IdsAsync(f, "_content=paulo,kidney"), "comma is OR; the narrative is content");
        CollectionAssert.AreEqual(Sorted(f.Helene), await IdsAsync(f, "_content=sprain&_content=female"), "repetition is AND");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content=aulo"), "not the middle of a word");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content=given"), "property names are not content");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content=xmlns"), "nor is narrative markup");
        CollectionAssert.AreEqual(Sorted(f.Muller, f.Smith), await IdsAsync(f, "_content=male"), "female is not male: words, not substrings");
        CollectionAssert.AreEqual(Sorted(f.Helene, f.Muller, f.Smith), await IdsAsync(f, "_content:missing=false"));
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content:missing=true"));
    }

    [TestMethod]
    public async Task Content_alone_scans_the_type_and_pages()
    {
        var f = await CreateAsync();
        using var alone = await f.Client.GetAsync($"Patient?_content={f.Marker}");
        var bundle = await FhirJson.ReadObjectAsync(alone);
        Assert.AreEqual(1, bundle["total"]!.GetValue<int>(), bundle.ToJsonString());
        Assert.AreEqual(f.Helene, bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>());

        // Three matches one per page: the cursor links carry the criterion.
        var seen = new List<string>();
        var next = $"Patient?_tag={Uri.EscapeDataString(f.Tag)}&_content=patient&_count=1";
        while (next is not null)
        {
            using var response = await f.Client.GetAsync(next);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            var page = await FhirJson.ReadObjectAsync(response);
            seen.AddRange(page["entry"]?.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>()) ?? []);
            next = page["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]!.GetValue<string>();
        }

        CollectionAssert.AreEqual(Sorted(f.Helene, f.Muller, f.Smith), seen.Order(StringComparer.Ordinal).ToArray(), "'Patient' is the resourceType value");
    }

    [TestMethod]
    public async Task Text_and_content_work_as_the_leaf_of_chains_and_has()
    {
        var f = await CreateAsync();
        var note = "zn" + Guid.NewGuid().ToString("N");
        using var created = await f.Client.PostAsync("Observation", FhirJson.Content($$$"""
            {"resourceType":"Observation","status":"final","code":{"text":"{{{note}}} reading"},"subject":{"reference":"Patient/{{{f.Helene}}}"}}
            """));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        var observation = (await FhirJson.ReadObjectAsync(created))["id"]!.GetValue<string>();

        async Task<List<string>> Ids(string url)
        {
            using var response = await f.Client.GetAsync(url);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, url);
            var bundle = await FhirJson.ReadObjectAsync(response);
            return bundle["entry"]?.AsArray().Where(e => e!["search"]!["mode"]!.GetValue<string>() == "match")
                .Select(e => e!["resource"]!["id"]!.GetValue<string>()).ToList() ?? [];
        }

        CollectionAssert.AreEqual(new[] { observation }, await Ids($"Observation?subject:Patient._text={f.Marker}"), "the marker is in Hélène's narrative");
        CollectionAssert.AreEqual(new[] { observation }, await Ids($"Observation?subject:Patient._content={f.Marker}"));
        CollectionAssert.AreEqual(new[] { f.Helene }, await Ids($"Patient?_has:Observation:subject:_content={note}"));
        CollectionAssert.AreEqual(new string[0], await Ids($"Patient?_has:Observation:subject:_text={note}"), "the observation has no narrative");
    }

    [TestMethod]
    public async Task Unsupported_modifiers_are_reported_or_refused_and_wordless_values_are_refused()
    {
        var f = await CreateAsync();
        foreach (var criteria in new[] { "_text:exact=sprain", "_content:contains=ulle" })
        {
            using var lenient = await f.Client.GetAsync($"Patient?_tag={Uri.EscapeDataString(f.Tag)}&{criteria}");
            Assert.AreEqual(HttpStatusCode.OK, lenient.StatusCode);
            var bundle = await FhirJson.ReadObjectAsync(lenient);
            var outcome = bundle["entry"]!.AsArray().Single(e => e!["search"]!["mode"]!.GetValue<string>() == "outcome");
            StringAssert.Contains(outcome!.ToJsonString(), "not supported", criteria);
            Assert.AreEqual(4, bundle["entry"]!.AsArray().Count, $"{criteria} ignored: the three tagged patients and the outcome");

            using var request = new HttpRequestMessage(HttpMethod.Get, $"Patient?{criteria}");
            request.Headers.Add("Prefer", "handling=strict");
            using var strict = await f.Client.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.BadRequest, strict.StatusCode, criteria);
            StringAssert.Contains(await FhirJson.OutcomeTextAsync(strict), criteria.Split('=')[0]);
        }

        foreach (var criteria in new[] { "_text=" + Q("!! --"), "_content=" + Q("...") })
        {
            using var response = await f.Client.GetAsync($"Patient?{criteria}");
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, criteria);
            StringAssert.Contains(await FhirJson.OutcomeTextAsync(response), "no letter or digit");
        }

        using var missing = await f.Client.GetAsync("Patient?_content:missing=maybe");
        Assert.AreEqual(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [TestMethod]
    public async Task Text_follows_updates_of_the_narrative()
    {
        var f = await CreateAsync();
        var updated = $$"""
            {"resourceType":"Patient","id":"{{f.Muller}}","meta":{"tag":[{"system":"http://fhirai.test/text-search","code":"{{f.Tag.Split('|')[1]}}"}]},
             "text":{"status":"generated","div":"<div xmlns=\"{{Xhtml}}\">Asthma</div>"},"name":[{"family":"Müller"}],"gender":"male"}
            """;
        using var response = await f.Client.PutAsync($"Patient/{f.Muller}", FhirJson.Content(updated));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_text=kidney"), "the old narrative's words are gone");
        CollectionAssert.AreEqual(Sorted(f.Muller), await IdsAsync(f, "_text=asthma"));
        CollectionAssert.AreEqual(Sorted(f.Muller), await IdsAsync(f, "_content=asthma"), "_content reads the current version");
        CollectionAssert.AreEqual(Sorted(), await IdsAsync(f, "_content=kidney"));
    }
}

[TestClass]
public sealed class SqliteTextSearchTests : TextSearchTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresTextSearchTests : TextSearchTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
