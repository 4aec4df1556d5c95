using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// _sort, keyset paging links and _total on each provider. Expected orders are worked out by hand from
/// the five patients and four observations each test writes (comments give the reasoning).
/// </summary>
public abstract class SortAndPagingTests
{
    protected abstract StorageProvider Provider { get; }

    private async Task<SearchFixture> SeedAsync() => await SeedAsync((await SharedHosts.GetAsync(Provider)).Client);

    private static async Task<SearchFixture> SeedAsync(HttpClient client)
    {
        var fixture = new SearchFixture(client);
        // Written in this order, so resource keys ascend p1 < p2 < ... (the tie-break).
        await fixture.PutAsync("Patient", "p1", """ "name":[{"family":"Alpha"}],"gender":"female","birthDate":"1990-01-01" """);
        await fixture.PutAsync("Patient", "p2", """ "name":[{"family":"Bravo"}],"gender":"male","birthDate":"1980-05-05" """);
        await fixture.PutAsync("Patient", "p3", """ "name":[{"family":"alpha"}],"gender":"male","birthDate":"1985-03-03" """);
        await fixture.PutAsync("Patient", "p4", """ "name":[{"given":["Nofamily"]}],"gender":"female" """);
        await fixture.PutAsync("Patient", "p5", """ "name":[{"family":"Charlie"},{"family":"Aaron"}],"gender":"unknown","birthDate":"1980-05-05" """);
        return fixture;
    }

    private static string Observation(string subject, string date, string? quantity) =>
        $$""" "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2339-0"}]},"subject":{"reference":"Patient/{{subject}}"},"effectiveDateTime":"{{date}}"{{(quantity is null ? "" : ",\"valueQuantity\":" + quantity)}} """;

    [TestMethod]
    public async Task Sort_by_string_and_date_keys_with_missing_values_last_and_ties_on_the_resource_key()
    {
        var f = await SeedAsync();
        async Task<List<string>> OrderAsync(string sort) => SearchFixture.Ids(await f.GetBundleAsync($"Patient?{f.Tag}&_sort={sort}"));

        // family ascending uses each patient's lowest family (p5: "aaron"); p1 and p3 tie on "alpha" (case-insensitive), then 1990 before 1985 (descending).
        CollectionAssert.AreEqual(f.Expect("p5", "p1", "p3", "p2", "p4"), await OrderAsync("family,-birthdate"));
        // descending uses the highest family (p5: "charlie"); ties p1/p3 by key; p4 has none and comes last.
        CollectionAssert.AreEqual(f.Expect("p5", "p2", "p1", "p3", "p4"), await OrderAsync("-family"));
        // 1980-05-05 (p2, p5: tie by key), 1985 (p3), 1990 (p1), none (p4).
        CollectionAssert.AreEqual(f.Expect("p2", "p5", "p3", "p1", "p4"), await OrderAsync("birthdate"));
        CollectionAssert.AreEqual(f.Expect("p1", "p3", "p2", "p5", "p4"), await OrderAsync("-birthdate"));
        // female (p1, p4), male (p2, p3), unknown (p5); within a gender by id descending.
        CollectionAssert.AreEqual(f.Expect("p4", "p1", "p3", "p2", "p5"), await OrderAsync("gender,-_id"));
        CollectionAssert.AreEqual(f.Expect("p5", "p4", "p3", "p2", "p1"), await OrderAsync("-_id"));
    }

    [TestMethod]
    public async Task Sort_by_quantity_date_and_reference()
    {
        var f = await SeedAsync();
        const string Unit = "\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"";
        await f.PutAsync("Observation", "o1", Observation($"{f.Marker}-p2", "2026-03-04", $$"""{"value":5.4,{{Unit}}}"""));
        await f.PutAsync("Observation", "o2", Observation($"{f.Marker}-p1", "2026-01-02", $$"""{"value":3.2,{{Unit}}}"""));
        await f.PutAsync("Observation", "o3", Observation($"{f.Marker}-p3", "2025-12-31", null));
        await f.PutAsync("Observation", "o4", Observation($"{f.Marker}-p1", "2026-03-04T09:00:00Z", $$"""{"value":7.1,{{Unit}}}"""));
        async Task<List<string>> OrderAsync(string sort) => SearchFixture.Ids(await f.GetBundleAsync($"Observation?{f.Tag}&_sort={sort}"));

        CollectionAssert.AreEqual(f.Expect("o2", "o1", "o4", "o3"), await OrderAsync("value-quantity"), "3.2, 5.4, 7.1, then the one without a value");
        CollectionAssert.AreEqual(f.Expect("o4", "o1", "o2", "o3"), await OrderAsync("-value-quantity"));
        // Descending dates compare on the end of each value: 2026-03-04 (whole day) ends after 09:00 that day.
        CollectionAssert.AreEqual(f.Expect("o1", "o4", "o2", "o3"), await OrderAsync("-date"));
        CollectionAssert.AreEqual(f.Expect("o3", "o2", "o1", "o4"), await OrderAsync("date"));
        // Patient/{m}-p1 (o2, o4) < -p2 (o1) < -p3 (o3); then value descending within p1.
        CollectionAssert.AreEqual(f.Expect("o4", "o2", "o1", "o3"), await OrderAsync("subject,-value-quantity"));
    }

    [TestMethod]
    public async Task Next_and_previous_links_walk_a_sorted_result_both_ways()
    {
        var f = await SeedAsync();
        var first = await f.GetBundleAsync($"Patient?{f.Tag}&_sort=family,-birthdate&_count=2");
        Assert.AreEqual(5, first["total"]!.GetValue<int>());
        Assert.IsNull(SearchFixture.Link(first, "previous"));
        CollectionAssert.AreEqual(f.Expect("p5", "p1"), SearchFixture.Ids(first));
        var second = await f.GetBundleAsync(SearchFixture.Link(first, "next")!);
        CollectionAssert.AreEqual(f.Expect("p3", "p2"), SearchFixture.Ids(second));
        var third = await f.GetBundleAsync(SearchFixture.Link(second, "next")!);
        CollectionAssert.AreEqual(f.Expect("p4"), SearchFixture.Ids(third));
        Assert.IsNull(SearchFixture.Link(third, "next"));
        var back = await f.GetBundleAsync(SearchFixture.Link(third, "previous")!);
        CollectionAssert.AreEqual(f.Expect("p3", "p2"), SearchFixture.Ids(back));
        var start = await f.GetBundleAsync(SearchFixture.Link(back, "previous")!);
        CollectionAssert.AreEqual(f.Expect("p5", "p1"), SearchFixture.Ids(start));
        Assert.IsNull(SearchFixture.Link(start, "previous"));
        Assert.IsNotNull(SearchFixture.Link(start, "next"));

        // Missing values stay last both ways for either direction of the key (SQLite sorts NULL lowest, PostgreSQL highest).
        foreach (var (sort, order) in new[] { ("-family", new[] { "p5", "p2", "p1", "p3", "p4" }), ("family", new[] { "p5", "p1", "p3", "p2", "p4" }) })
        {
            var page1 = await f.GetBundleAsync($"Patient?{f.Tag}&_sort={sort}&_count=2");
            var page2 = await f.GetBundleAsync(SearchFixture.Link(page1, "next")!);
            var page3 = await f.GetBundleAsync(SearchFixture.Link(page2, "next")!);
            CollectionAssert.AreEqual(f.Expect(order), SearchFixture.Ids(page1).Concat(SearchFixture.Ids(page2)).Concat(SearchFixture.Ids(page3)).ToList(), sort);
            var page2Again = await f.GetBundleAsync(SearchFixture.Link(page3, "previous")!);
            CollectionAssert.AreEqual(f.Expect(order[2], order[3]), SearchFixture.Ids(page2Again), sort);
            var page1Again = await f.GetBundleAsync(SearchFixture.Link(page2Again, "previous")!);
            CollectionAssert.AreEqual(f.Expect(order[0], order[1]), SearchFixture.Ids(page1Again), sort);
        }

        // The unsorted keyset paging has previous links too.
        var plain = await f.GetBundleAsync($"Patient?{f.Tag}&_count=3");
        CollectionAssert.AreEqual(f.Expect("p1", "p2", "p3"), SearchFixture.Ids(plain));
        var plainNext = await f.GetBundleAsync(SearchFixture.Link(plain, "next")!);
        CollectionAssert.AreEqual(f.Expect("p4", "p5"), SearchFixture.Ids(plainNext));
        CollectionAssert.AreEqual(f.Expect("p1", "p2", "p3"), SearchFixture.Ids(await f.GetBundleAsync(SearchFixture.Link(plainNext, "previous")!)));
    }

    [TestMethod]
    public async Task A_tampered_or_foreign_cursor_is_refused()
    {
        var f = await SeedAsync();
        var first = await f.GetBundleAsync($"Patient?{f.Tag}&_sort=family&_count=2");
        var next = SearchFixture.Link(first, "next")!;
        var token = Uri.UnescapeDataString(next[(next.IndexOf("_cursor=", StringComparison.Ordinal) + 8)..]);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await f.GetBundleAsync($"Patient?{f.Tag}&_sort=family&_count=2&_cursor={Uri.EscapeDataString(tampered)}", HttpStatusCode.BadRequest);
        await f.GetBundleAsync($"Patient?{f.Tag}&_sort=-family&_count=2&_cursor={Uri.EscapeDataString(token)}", HttpStatusCode.BadRequest);
        await f.GetBundleAsync($"Patient?{f.Tag}&_count=2&_cursor=12", HttpStatusCode.BadRequest);
        // _count may change between pages: the cursor binds the criteria and sort only.
        var wider = await f.GetBundleAsync($"Patient?{f.Tag}&_sort=family&_count=10&_cursor={Uri.EscapeDataString(token)}");
        Assert.AreEqual(3, SearchFixture.Ids(wider).Count);
    }

    [TestMethod]
    public async Task Paging_under_concurrent_inserts_sees_every_original_resource_exactly_once()
    {
        var f = new SearchFixture((await SharedHosts.GetAsync(Provider)).Client);
        var original = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            original.Add(await f.PutAsync("Patient", $"a{i:D2}", $$""" "birthDate":"19{{50 + (i * 7 % 40):D2}}-01-01" """));
        }

        foreach (var query in new[] { $"Patient?{f.Tag}&_count=5", $"Patient?{f.Tag}&_sort=-birthdate,_id&_count=5" })
        {
            using var stop = new CancellationTokenSource();
            var inserted = 0;
            var writer = Task.Run(async () =>
            {
                // Bounded, or paging by key would chase the new rows appended at its end forever.
                while (!stop.IsCancellationRequested && Volatile.Read(ref inserted) < 30)
                {
                    // Birth dates spread over the same range, so new rows land before, between and after the pages read.
                    await f.PutAsync("Patient", $"n{Guid.NewGuid():N}"[..20], $$""" "birthDate":"19{{50 + (Interlocked.Increment(ref inserted) * 13 % 40):D2}}-06-01" """);
                }
            });

            var seen = new List<string>();
            string? url = query;
            while (url is not null)
            {
                var page = await f.GetBundleAsync(url);
                seen.AddRange(SearchFixture.Ids(page));
                url = SearchFixture.Link(page, "next");
                await Task.Delay(20);
            }

            await stop.CancelAsync();
            await writer;
            Assert.IsTrue(inserted > 0, "the writer ran during paging");
            Assert.AreEqual(seen.Count, seen.Distinct().Count(), "no resource twice: " + query);
            CollectionAssert.IsSubsetOf(original, seen, "every resource that existed at the start: " + query);
        }
    }

    [TestMethod]
    public async Task Estimated_total_is_left_out_past_the_configured_limit()
    {
        await using var host = await FhirServerHost.StartAsync(Provider, "--FhirAi:Server:MaxEstimatedTotal", "3");
        var f = await SeedAsync(host.Client);
        // Five tagged patients: more than 3, so the estimate has no total unless the page holds them all.
        Assert.IsNull((await f.GetBundleAsync($"Patient?{f.Tag}&_count=2"))["total"], "default (estimate) past the limit");
        var estimate = await f.GetBundleAsync($"Patient?{f.Tag}&_total=estimate&_count=2");
        Assert.IsNull(estimate["total"]);
        Assert.AreEqual(2, SearchFixture.Ids(estimate).Count, "the page itself is unchanged");
        Assert.AreEqual(5, (await f.GetBundleAsync($"Patient?{f.Tag}&_count=10"))["total"]!.GetValue<int>(), "a page holding every match counts them");
        Assert.AreEqual(5, (await f.GetBundleAsync($"Patient?{f.Tag}&_total=accurate&_count=2"))["total"]!.GetValue<int>());
        Assert.AreEqual(5, (await f.GetBundleAsync($"Patient?{f.Tag}&_summary=count"))["total"]!.GetValue<int>());
        // Two male patients: within the limit, so the estimate is exact even when they need two pages.
        Assert.AreEqual(2, (await f.GetBundleAsync($"Patient?{f.Tag}&gender=male&_count=1"))["total"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task Total_none_estimate_accurate_and_summary_count()
    {
        var f = await SeedAsync();
        var none = await f.GetBundleAsync($"Patient?{f.Tag}&_total=none&_count=2");
        Assert.IsNull(none["total"]);
        var estimate = await f.GetBundleAsync($"Patient?{f.Tag}&_total=estimate&_count=2");
        Assert.AreEqual(5, estimate["total"]!.GetValue<int>());
        var accurate = await f.GetBundleAsync($"Patient?{f.Tag}&_total=accurate&_count=2");
        var accurateNext = await f.GetBundleAsync(SearchFixture.Link(accurate, "next")!);
        Assert.AreEqual(5, accurateNext["total"]!.GetValue<int>(), "accurate counts on later pages too");
        var count = await f.GetBundleAsync($"Patient?{f.Tag}&gender=male&_summary=count");
        Assert.AreEqual(2, count["total"]!.GetValue<int>());
        Assert.AreEqual(0, SearchFixture.Ids(count).Count);
        await f.GetBundleAsync($"Patient?{f.Tag}&_total=maybe", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task Unsortable_keys_are_reported_or_refused()
    {
        var f = await SeedAsync();
        var lenient = await f.GetBundleAsync($"Patient?{f.Tag}&_sort=nonsense,birthdate");
        Assert.IsTrue(SearchFixture.HasOutcome(lenient));
        CollectionAssert.AreEqual(f.Expect("p2", "p5", "p3", "p1", "p4"), SearchFixture.Ids(lenient));
        using var strict = new HttpRequestMessage(HttpMethod.Get, $"Patient?{f.Tag}&_sort=nonsense");
        strict.Headers.Add("Prefer", "handling=strict");
        using var refused = await f.Client.SendAsync(strict);
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        StringAssert.Contains(await FhirJson.OutcomeTextAsync(refused), "_sort");
    }
}

[TestClass]
public sealed class SqliteSortAndPagingTests : SortAndPagingTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSortAndPagingTests : SortAndPagingTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
