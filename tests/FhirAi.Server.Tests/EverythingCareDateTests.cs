using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// <c>Patient/{id}/$everything</c> with <c>start</c>/<c>end</c> (care dates). The expected sets are worked out by hand
/// from the dates written below and the care date of each type (docs/search.md): Encounter.period, Observation.effective,
/// Condition.onset, MedicationRequest.authoredOn; Patient, Practitioner and Medication have none and always stay.
/// </summary>
public abstract class EverythingCareDateTests
{
    protected abstract StorageProvider Provider { get; }

    private async Task<SearchFixture> SeedAsync()
    {
        var f = new SearchFixture((await SharedHosts.GetAsync(Provider)).Client);
        var m = f.Marker;
        var subject = $$$""" "subject":{"reference":"Patient/{{{m}}}-p"} """;
        await f.PutAsync("Patient", "p", """ "birthDate":"1950-01-01" """);
        await f.PutAsync("Practitioner", "pr", """ "name":[{"family":"Doe"}] """);
        await f.PutAsync("Medication", "med", """ "code":{"text":"aspirin"} """);
        const string Ambulatory = """ "status":"finished","class":{"code":"AMB"} """;
        await f.PutAsync("Encounter", "e2019", $$$""" {{{Ambulatory}}},{{{subject}}},"period":{"start":"2019-03-01","end":"2019-03-02"} """);
        await f.PutAsync("Encounter", "e2021", $$$""" {{{Ambulatory}}},{{{subject}}},"period":{"start":"2021-06-01T09:00:00Z","end":"2021-06-01T10:00:00Z"},"participant":[{"individual":{"reference":"Practitioner/{{{m}}}-pr"}}] """);
        await f.PutAsync("Observation", "o2019", $$$""" "status":"final","code":{"text":"a"},{{{subject}}},"effectiveDateTime":"2019-03-01T10:00:00Z" """);
        await f.PutAsync("Observation", "o2020", $$$""" "status":"final","code":{"text":"b"},{{{subject}}},"effectivePeriod":{"start":"2019-12-20","end":"2020-01-10"} """);
        await f.PutAsync("Observation", "onodate", $$$""" "status":"final","code":{"text":"c"},{{{subject}}} """);
        // Onset 2018, recorded 2021: the onset is the care date.
        await f.PutAsync("Condition", "c", $$$""" {{{subject}}},"onsetDateTime":"2018-05-01","recordedDate":"2021-01-01" """);
        // Authored 2021 with a dosage event in 2010: authoredOn is the care date, not MedicationRequest's 'date'.
        await f.PutAsync("MedicationRequest", "mr2021", $$$""" "status":"active","intent":"order",{{{subject}}},"medicationReference":{"reference":"Medication/{{{m}}}-med"},"authoredOn":"2021-06-01","dosageInstruction":[{"timing":{"event":["2010-01-01"]}}] """);
        return f;
    }

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> WalkAsync(SearchFixture f, string url)
    {
        var ids = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var page = await f.GetBundleAsync(next);
            Assert.IsFalse(SearchFixture.HasOutcome(page), next);
            ids.AddRange(SearchFixture.Ids(page));
            next = SearchFixture.Link(page, "next");
        }

        return Sorted(ids);
    }

    [TestMethod]
    public async Task Start_and_end_leave_out_resources_whose_care_date_is_outside_the_range()
    {
        var f = await SeedAsync();
        var everything = $"Patient/{f.Marker}-p/$everything";
        var undated = new[] { "p", "pr", "med", "onodate" };

        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2019", "e2021", "o2019", "o2020", "c", "mr2021"])), await WalkAsync(f, everything));
        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2021", "o2020", "mr2021"])), await WalkAsync(f, everything + "?start=2020"),
            "o2020's period reaches into 2020; the condition's onset (2018) counts, not its recordedDate; mr2021's 2010 dosage event does not");
        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2019", "o2019", "o2020", "c"])), await WalkAsync(f, everything + "?end=2019"),
            "end=2019 keeps everything up to the last instant of 2019");
        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2019", "o2019"])), await WalkAsync(f, everything + "?start=2019-03-01&end=2019-03-01"));
        CollectionAssert.AreEqual(Sorted(f.Expect(undated)), await WalkAsync(f, everything + "?start=2022-01-01"));
        CollectionAssert.AreEqual(Sorted(f.Expect("o2020", "onodate")), await WalkAsync(f, everything + "?start=2020&_type=Observation"));
        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2021", "o2020", "mr2021"])), await WalkAsync(f, everything + "?start=2020&_count=2"),
            "paged, each resource once");

        using var post = await f.Client.PostAsync(everything, FhirJson.Content(
            """{"resourceType":"Parameters","parameter":[{"name":"start","valueDate":"2021"},{"name":"end","valueDate":"2021-12-31"}]}"""));
        Assert.AreEqual(HttpStatusCode.OK, post.StatusCode);
        CollectionAssert.AreEqual(Sorted(f.Expect([.. undated, "e2021", "mr2021"])), Sorted(SearchFixture.Ids(await FhirJson.ReadObjectAsync(post))));
    }

    [TestMethod]
    public async Task Type_level_everything_spans_every_patients_record_and_pages()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var f = new SearchFixture((await SharedHosts.GetAsync(Provider)).Client);
        var m = f.Marker;
        await f.PutAsync("Patient", "p1", "");
        await f.PutAsync("Patient", "p2", "");
        await f.PutAsync("Practitioner", "pr", "");
        await f.PutAsync("Organization", "org", """ "name":"nobody links here" """);
        await f.PutAsync("Observation", "o1", $$$""" "status":"final","code":{"text":"a"},"subject":{"reference":"Patient/{{{m}}}-p1"},"effectiveDateTime":"2019-05-01","performer":[{"reference":"Practitioner/{{{m}}}-pr"}] """);
        await f.PutAsync("Observation", "o2", $$$""" "status":"final","code":{"text":"b"},"subject":{"reference":"Patient/{{{m}}}-p2"},"effectiveDateTime":"2021-05-01" """);
        await f.PutAsync("Observation", "orphan", $$$""" "status":"final","code":{"text":"c"},"subject":{"reference":"Patient/{{{m}}}-ghost"} """);

        // Other tests write to the same server meanwhile: check what this test wrote is (or is not) among the results.
        var all = await WalkAsync(f, $"Patient/$everything?_since={Uri.EscapeDataString(since)}&_count=7");
        var mine = all.Where(id => id.StartsWith(m, StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(Sorted(f.Expect("p1", "p2", "o1", "o2", "pr")), mine,
            "every patient, their compartments, what those reference; not an orphan whose patient does not exist, not an unlinked organization");

        var observations = await WalkAsync(f, $"Patient/$everything?_since={Uri.EscapeDataString(since)}&_type=Observation&start=2020");
        CollectionAssert.AreEqual(Sorted(f.Expect("o2")), observations.Where(id => id.StartsWith(m, StringComparison.Ordinal)).ToList());

        using var post = await f.Client.PostAsync("Patient/$everything", FhirJson.Content(
            $$"""{"resourceType":"Parameters","parameter":[{"name":"_since","valueInstant":"{{since}}"},{"name":"_type","valueCode":"Patient"},{"name":"_count","valueInteger":1000}]}"""));
        Assert.AreEqual(HttpStatusCode.OK, post.StatusCode);
        CollectionAssert.IsSubsetOf(f.Expect("p1", "p2"), SearchFixture.Ids(await FhirJson.ReadObjectAsync(post)));
        await f.GetBundleAsync("Patient/$everything?start=never", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    [DataRow("start=yesterday", "start")]
    [DataRow("end=2020-13", "end")]
    [DataRow("start=2021&end=2020", "start")]
    [DataRow("start=2020&start=2021", "start")]
    public async Task A_bad_care_date_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var f = await SeedAsync();
        using var response = await f.Client.GetAsync($"Patient/{f.Marker}-p/$everything?{query}");
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, query);
        var outcome = await FhirJson.ReadObjectAsync(response);
        Assert.AreEqual("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.AreEqual(parameter, outcome["issue"]![0]!["expression"]![0]!.GetValue<string>(), query);
    }
}

[TestClass]
public sealed class SqliteEverythingCareDateTests : EverythingCareDateTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresEverythingCareDateTests : EverythingCareDateTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
