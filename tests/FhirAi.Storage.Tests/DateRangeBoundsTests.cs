using System.Globalization;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// Date searches bound their index scan by the widest stored range of the parameter and skip the several-values pass
/// while no resource has several values (<c>date_parameter_bounds</c>). Both facts change as resources are written: a
/// wide period or a second value stored later must still be found, on both providers, and the migration must derive
/// the same facts from the index rows of an existing database.
/// </summary>
[TestClass]
public sealed class DateRangeBoundsTests
{
    private static readonly long ThirtyYears = Micros.From(Day("2030-01-01")) - Micros.From(Day("2000-01-01"));

    [TestMethod]
    [DataRow(StorageProvider.Sqlite)]
    [DataRow(StorageProvider.PostgreSql)]
    public async Task Wide_and_several_valued_resources_written_later_are_still_found(StorageProvider provider)
    {
        await using var storage = await TestStorage.StartAsync(provider);
        var services = storage.Services;
        var store = services.GetRequiredService<ResourceStore>();
        // Narrow single values first: the stored width is one day and no resource has several values.
        await WriteAsync(store, ("a", [Days("2018-01-15")]), ("c", [Days("2019-06-01")]), ("d", [Days("2016-01-01")]));
        CollectionAssert.AreEqual(new[] { "a" }, await SearchAsync(store, "ge2018-01-01", "lt2018-02-01"));
        CollectionAssert.AreEqual(new[] { "c" }, await SearchAsync(store, "gt2019-01-01"));
        Assert.AreEqual((Micros.From(Day("2018-01-16")) - Micros.From(Day("2018-01-15")), false), await BoundsAsync(services));

        // b: one value before January 2018 and one after (each criterion holds through another value);
        // w: a 30-year period around it; x: a period open at its end.
        await WriteAsync(store,
            ("b", [Days("2017-06-01"), Days("2019-06-01")]),
            ("w", [Period("2000-01-01", "2030-01-01")]),
            ("x", [new DateIndexValue("date", Micros.From(Day("1990-01-01")), long.MaxValue)]));
        CollectionAssert.AreEqual(new[] { "a", "b", "w", "x" }, await SearchAsync(store, "ge2018-01-01", "lt2018-02-01"));
        CollectionAssert.AreEqual(new[] { "w", "x" }, await SearchAsync(store, "gt2025-01-01"));
        CollectionAssert.AreEqual(new[] { "a", "c", "b", "w", "x" }, await SearchAsync(store, "ge2018-01-01"));
        CollectionAssert.AreEqual(new[] { "w", "x" }, await SearchAsync(store, "ap2028-06-01"));
        Assert.AreEqual((DateBoundsWriter.WidthCap, true), await BoundsAsync(services));
    }

    [TestMethod]
    public async Task On_sqlite_a_range_reads_the_value_index_between_two_bounds_on_low()
    {
        await using var storage = await TestStorage.StartAsync(StorageProvider.Sqlite);
        var services = storage.Services;
        await WriteAsync(services.GetRequiredService<ResourceStore>(), ("a", [Days("2018-01-15")]), ("c", [Days("2019-06-01")]));
        var plans = new PlanRecorder();
        await using var db = plans.ContextOn(services);
        var criteria = new[] { "ge2018-01-01", "lt2018-02-01" }.Select(v => new SearchCriterion("date", SearchParamType.Date, null, [v])).ToList();
        var page = await ResourceSearchQuery.RunAsync(db, new ResourceSearch { ResourceType = "Observation", Count = 10, Criteria = criteria }, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "a" }, page.Matches.Select(m => m.Id).ToList());
        StringAssert.Contains(string.Join("\n", plans.Lines), "ix_idx_date_value (resource_type=? AND parameter=? AND low>? AND low<?)");
    }

    [TestMethod]
    [DataRow(StorageProvider.Sqlite)]
    [DataRow(StorageProvider.PostgreSql)]
    public async Task The_migration_derives_the_bounds_from_existing_index_rows(StorageProvider provider)
    {
        await using var storage = await TestStorage.StartAsync(provider, migrate: false);
        var services = storage.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<FhirDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.GetService<IMigrator>().MigrateAsync("20261207030000_TextSearchFunctions");
            // A database from before the bounds table: two resources, one with two values, one with a 30-year period.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO resources (resource_key, resource_type, logical_id, version_id, is_deleted, last_updated) VALUES (1, 'Observation', 'b', 1, FALSE, 0), (2, 'Observation', 'w', 1, FALSE, 0)");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO resource_versions (seq, resource_key, resource_type, logical_id, version_id, last_updated, method, is_deleted, json) VALUES
                (1, 1, 'Observation', 'b', 1, 0, 'POST', FALSE, {Json("b")}),
                (2, 2, 'Observation', 'w', 1, 0, 'POST', FALSE, {Json("w")})
                """);
            long[] june2017 = [Micros.From(Day("2017-06-01")), Micros.From(Day("2017-06-02"))];
            long[] june2019 = [Micros.From(Day("2019-06-01")), Micros.From(Day("2019-06-02"))];
            long[] thirtyYears = [Micros.From(Day("2000-01-01")), Micros.From(Day("2030-01-01"))];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO idx_date (id, resource_key, resource_type, parameter, low, high) VALUES
                (1, 1, 'Observation', 'date', {june2017[0]}, {june2017[1]}), (2, 1, 'Observation', 'date', {june2019[0]}, {june2019[1]}),
                (3, 2, 'Observation', 'date', {thirtyYears[0]}, {thirtyYears[1]}), (4, 2, 'Observation', 'issued', {thirtyYears[0]}, {long.MaxValue})
                """);
        }

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Assert.AreEqual((ThirtyYears, true), await BoundsAsync(services));
        Assert.AreEqual((DateBoundsWriter.WidthCap, false), await BoundsAsync(services, "issued"), "an open end is stored at the cap, not overflowed");
        var store = services.GetRequiredService<ResourceStore>();
        CollectionAssert.AreEqual(new[] { "b", "w" }, await SearchAsync(store, "ge2018-01-01", "lt2018-02-01"));
    }

    [TestMethod]
    public void Widths_are_never_negative_and_open_ends_stop_at_the_cap()
    {
        Assert.AreEqual(0, DateBoundsWriter.Width(10, 5));
        Assert.AreEqual(5, DateBoundsWriter.Width(5, 10));
        Assert.AreEqual(DateBoundsWriter.WidthCap, DateBoundsWriter.Width(Micros.From(DateTimeOffset.MinValue), long.MaxValue));
        Assert.AreEqual(DateBoundsWriter.WidthCap, DateBoundsWriter.Width(long.MinValue, long.MaxValue));
    }

    private static string Json(string id) => $$"""{"resourceType":"Observation","id":"{{id}}"}""";

    private static DateTimeOffset Day(string day) => DateTimeOffset.Parse(day + "T00:00:00Z", CultureInfo.InvariantCulture);

    private static DateIndexValue Days(string day) => Period(day, Day(day).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static DateIndexValue Period(string from, string to) => new("date", Micros.From(Day(from)), Micros.From(Day(to)));

    private static Task WriteAsync(ResourceStore store, params (string Id, DateIndexValue[] Dates)[] observations) =>
        TestStorage.CreateAsync(store, "Observation", [.. observations.Select(o => (o.Id, new IndexedValues { Dates = o.Dates }))]);

    private static async Task<List<string>> SearchAsync(ResourceStore store, params string[] values)
    {
        var criteria = values.Select(v => new SearchCriterion("date", SearchParamType.Date, null, [v])).ToList();
        var page = await store.SearchAsync(new ResourceSearch { ResourceType = "Observation", Count = 50, IncludeTotal = true, Criteria = criteria }, CancellationToken.None);
        Assert.AreEqual(page.Matches.Count, page.Total);
        return page.Matches.Select(m => m.Id).ToList();
    }

    private static async Task<(long Width, bool Several)> BoundsAsync(IServiceProvider services, string parameter = "date")
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        var row = await db.DateBounds.SingleAsync(b => b.ResourceType == "Observation" && b.Parameter == parameter);
        return (row.MaxWidthMicros, row.SeveralValues);
    }
}
