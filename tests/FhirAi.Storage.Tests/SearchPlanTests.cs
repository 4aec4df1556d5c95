using System.Globalization;
using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using FhirAi.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// The SQL shape of a search with several criteria on SQLite (the bundled e_sqlite3): the criteria's key sets are
/// AND-ed by one INTERSECT read from covering value indexes, or, when one criterion is a reference to one resource,
/// that short list is checked per key against the others (correlated EXISTS); with or without planner statistics,
/// and the answer is the one worked out from the generated data in C#. Before, two <c>resource_key IN (…)</c> conditions made
/// SQLite loop over every pair of keys of the two lists (seconds per query at 100,000 resources).
/// </summary>
[TestClass]
public sealed class SearchPlanTests
{
    private const int Observations = 600;
    private static readonly DateTimeOffset FirstDay = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Value_criteria_intersect_key_lists_read_from_covering_indexes(bool analysed)
    {
        var (page, plan) = await SearchWithPlanAsync(analysed,
            new SearchCriterion("code", SearchParamType.Token, null, ["http://example.org|c1"]),
            new SearchCriterion("date", SearchParamType.Date, null, ["ge2020-06-01"]));

        // code c1: i % 3 == 1; ge2020-06-01 on whole days: the day is 2020-06-01 or later.
        var expected = Enumerable.Range(0, Observations).Where(i => i % 3 == 1 && i >= June).Select(Id).ToList();
        Assert.IsGreaterThan(100, expected.Count, "more matches than the page holds");
        CollectionAssert.AreEqual(expected.Take(100).ToList(), page.Matches.Select(m => m.Id).ToList());
        Assert.AreEqual(expected.Count, page.Total);

        StringAssert.Contains(plan, "INTERSECT");
        StringAssert.Contains(plan, "COVERING INDEX ix_idx_token_value");
        if (!analysed)
        {
            // With statistics of 600 rows SQLite rightly prefers to scan the small date table.
            StringAssert.Contains(plan, "COVERING INDEX ix_idx_date_value");
        }

        AssertNoPairwiseProbe(plan);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task A_reference_to_one_resource_drives_and_the_other_criteria_are_probed_per_key(bool analysed)
    {
        var (page, plan) = await SearchWithPlanAsync(analysed,
            new SearchCriterion("code", SearchParamType.Token, null, ["http://example.org|c1"]),
            new SearchCriterion("subject", SearchParamType.Reference, null, ["Patient/p4"]),
            new SearchCriterion("date", SearchParamType.Date, null, ["ge2020-06-01"]));

        // code c1: i % 3 == 1; subject p4: i % 20 == 4; ge2020-06-01 on whole days: the day is 2020-06-01 or later.
        var expected = Enumerable.Range(0, Observations).Where(i => i % 3 == 1 && i % 20 == 4 && i >= June).Select(Id).ToList();
        Assert.IsGreaterThan(3, expected.Count, "the data has several matches");
        CollectionAssert.AreEqual(expected, page.Matches.Select(m => m.Id).ToList());
        Assert.AreEqual(expected.Count, page.Total);

        // Only the subject's list is built; code and date are correlated EXISTS checks per key, no INTERSECT.
        Assert.IsFalse(plan.Contains("INTERSECT", StringComparison.Ordinal), plan);
        StringAssert.Contains(plan, "COVERING INDEX ix_idx_reference_");
        StringAssert.Contains(plan, "CORRELATED SCALAR SUBQUERY");
        if (analysed)
        {
            // Each check seeks the resource's own rows, from the index alone (migration SearchResourceKeyIndexes); without
            // statistics SQLite may seek the value index or scan the parameter's rows instead (why the server runs
            // ANALYZE at start-up and every 2,000 writes, PlannerStatistics).
            StringAssert.Contains(plan, "COVERING INDEX ix_idx_token_resource (resource_key=? AND parameter=? AND code=? AND system=? AND resource_type=?)");
            StringAssert.Matches(plan, new System.Text.RegularExpressions.Regex(@"COVERING INDEX ix_idx_date_resource \(resource_key=\? AND parameter=\?"));
        }
        else
        {
            StringAssert.Matches(plan, new System.Text.RegularExpressions.Regex(@"COVERING INDEX ix_idx_token_(value|resource) \(.*resource_key=\?"));
        }

        AssertNoPairwiseProbe(plan);
    }

    private static int June => (int)(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero) - FirstDay).TotalDays;

    private static async Task<(SearchPage Page, string Plan)> SearchWithPlanAsync(bool analysed, params SearchCriterion[] criteria)
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using (var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider())
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await WriteObservationsAsync(services.GetRequiredService<ResourceStore>());
            if (analysed)
            {
                await services.GetRequiredService<PlannerStatistics>().RefreshAsync(CancellationToken.None);
            }
        }

        var plans = new PlanRecorder();
        var contextOptions = new DbContextOptionsBuilder<FhirDbContext>()
            .UseSqlite($"Data Source={Path.GetFullPath(options.SqlitePath)};Pooling=False")
            .AddInterceptors(plans)
            .Options;
        await using var db = new FhirDbContext(contextOptions);
        var search = new ResourceSearch { ResourceType = "Observation", Count = 100, IncludeTotal = true, Criteria = criteria };
        var page = await ResourceSearchQuery.RunAsync(db, search, CancellationToken.None);
        return (page, string.Join("\n", plans.Lines));
    }

    private static void AssertNoPairwiseProbe(string plan) =>
        Assert.IsFalse(plan.Split('\n').Any(l => l.Contains("SEARCH r ", StringComparison.Ordinal) && l.Contains("rowid=?", StringComparison.Ordinal)
            && l.Contains("resource_key=?", StringComparison.Ordinal)), "no probe of the resources by two key lists at once:\n" + plan);

    [TestMethod]
    public async Task An_estimated_total_stops_counting_past_its_limit()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var store = services.GetRequiredService<ResourceStore>();
        await WriteObservationsAsync(store);
        var code = new SearchCriterion("code", SearchParamType.Token, null, ["http://example.org|c1"]);

        async Task<int?> TotalAsync(int count, int? limit) =>
            (await store.SearchAsync(new ResourceSearch { ResourceType = "Observation", Count = count, IncludeTotal = true, TotalLimit = limit, Criteria = [code] },
                CancellationToken.None)).Total;

        Assert.AreEqual(Observations / 3, await TotalAsync(10, null), "accurate: every match");
        Assert.AreEqual(Observations / 3, await TotalAsync(10, Observations / 3), "at the limit the count is exact");
        Assert.IsNull(await TotalAsync(10, (Observations / 3) - 1), "past the limit no total");
        Assert.AreEqual(Observations / 3, await TotalAsync(Observations, 5), "a first page that holds every match is its own count");
        Assert.AreEqual(Observations / 3, await TotalAsync(0, null), "_summary=count");
    }

    [TestMethod]
    public async Task A_date_range_holds_per_resource_not_per_value()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var store = services.GetRequiredService<ResourceStore>();
        await using (var session = await store.BeginSessionAsync(CancellationToken.None))
        {
            // a: one day inside January 2018. b: one value before, one after (each criterion holds through a different
            // value). c: only after. d: only before. e: one inside and one after (must come back once).
            foreach (var (id, days) in new[]
            {
                ("a", new[] { "2018-01-15" }), ("b", ["2017-06-01", "2019-06-01"]), ("c", ["2019-06-01"]),
                ("d", ["2016-01-01", "2017-01-01"]), ("e", ["2018-01-10", "2020-01-01"]),
            })
            {
                var dates = days.Select(d => DateTimeOffset.Parse(d + "T00:00:00Z", CultureInfo.InvariantCulture))
                    .Select(d => new DateIndexValue("date", UnixMicros.From(d), UnixMicros.From(d.AddDays(1)))).ToList();
                var json = JsonDocument.Parse($$"""{"resourceType":"Observation","id":"{{id}}"}""").RootElement;
                await session.CreateAsync("Observation", id, json, new IndexedValues { Dates = dates }, CancellationToken.None);
            }

            await session.CommitAsync(CancellationToken.None);
        }

        async Task<List<string>> SearchAsync(params string[] values)
        {
            var criteria = values.Select(v => new SearchCriterion("date", SearchParamType.Date, null, [v])).ToList();
            var page = await store.SearchAsync(new ResourceSearch { ResourceType = "Observation", Count = 10, IncludeTotal = true, Criteria = criteria }, CancellationToken.None);
            Assert.AreEqual(page.Matches.Count, page.Total);
            return page.Matches.Select(m => m.Id).ToList();
        }

        CollectionAssert.AreEqual(new[] { "a", "b", "e" }, await SearchAsync("ge2018-01-01", "lt2018-02-01"));
        // a's only value (01-15) is not before 01-12; e's 01-10 meets both; b meets each through another value.
        CollectionAssert.AreEqual(new[] { "b", "e" }, await SearchAsync("ge2018-01-01", "lt2018-01-12"));
        CollectionAssert.AreEqual(new[] { "a", "b", "e" }, await SearchAsync("ge2018-01-01", "lt2018-02-01", "le2018-12-31"), "b's 2017 value is on or before 2018-12-31");
        CollectionAssert.AreEqual(new[] { "b", "c", "e" }, await SearchAsync("gt2019-01-01", "ge2010-01-01"));
    }

    private static string Id(int i) => "o" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static async Task WriteObservationsAsync(ResourceStore store)
    {
        await using var session = await store.BeginSessionAsync(CancellationToken.None);
        for (var i = 0; i < Observations; i++)
        {
            var id = Id(i);
            var day = FirstDay.AddDays(i);
            var observation = JsonDocument.Parse($$"""{"resourceType":"Observation","id":"{{id}}"}""").RootElement;
            var index = new IndexedValues
            {
                Tokens = [new TokenIndexValue("code", "http://example.org", "c" + (i % 3).ToString(CultureInfo.InvariantCulture), null)],
                References = [new ReferenceIndexValue("subject", "Patient", "p" + (i % 20).ToString(CultureInfo.InvariantCulture), null, null)],
                Dates = [new DateIndexValue("date", UnixMicros.From(day), UnixMicros.From(day.AddDays(1)))],
            };
            await session.CreateAsync("Observation", id, observation, index, CancellationToken.None);
        }

        await session.CommitAsync(CancellationToken.None);
    }
}
