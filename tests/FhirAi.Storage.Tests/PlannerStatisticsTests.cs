using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>After enough committed writes the planner statistics are refreshed (ANALYZE), on PostgreSQL and SQLite.</summary>
[TestClass]
public sealed class PlannerStatisticsTests
{
    [TestMethod]
    public async Task Bulk_writes_on_postgresql_refresh_the_search_tables_statistics()
    {
        if (TestDatabases.PostgresAdminConnectionString is null)
        {
            Assert.Inconclusive($"{TestDatabases.PostgresVariable} is not set.");
        }

        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            var options = new StorageOptions { Provider = StorageProvider.PostgreSql, PostgreSqlConnectionString = connectionString };
            await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            var statistics = services.GetRequiredService<PlannerStatistics>();
            using var stop = new CancellationTokenSource();
            var running = statistics.RunAsync(stop.Token);

            Assert.IsNull(await LastAnalyzeAsync(services), "a fresh database has never been analysed by hand");
            await WritePatientsAsync(services.GetRequiredService<ResourceStore>(), PlannerStatistics.WritesBetweenRefreshes - 1);
            await Task.Delay(300);
            Assert.AreEqual(0, statistics.Refreshes, "below the threshold nothing runs");

            await WritePatientsAsync(services.GetRequiredService<ResourceStore>(), 1);
            for (var waited = 0; statistics.Refreshes == 0 && waited < 300; waited++)
            {
                await Task.Delay(100);
            }

            Assert.AreEqual(1, statistics.Refreshes);
            Assert.IsNotNull(await LastAnalyzeAsync(services));
            await stop.CancelAsync();
            await Assert.ThrowsAsync<OperationCanceledException>(() => running);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connectionString);
        }
    }

    [TestMethod]
    public async Task Sqlite_is_analysed_at_start_up_and_after_bulk_writes()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Assert.AreEqual(0, await SqliteTokenStatisticsAsync(services), "an empty index has no statistics row");
        var statistics = services.GetRequiredService<PlannerStatistics>();
        using var stop = new CancellationTokenSource();
        var running = statistics.RunAsync(stop.Token);

        await WritePatientsAsync(services.GetRequiredService<ResourceStore>(), PlannerStatistics.WritesBetweenRefreshes - 1);
        await Task.Delay(300);
        Assert.AreEqual(0, statistics.Refreshes, "below the threshold nothing runs");
        Assert.AreEqual(0, await SqliteTokenStatisticsAsync(services));

        await WritePatientsAsync(services.GetRequiredService<ResourceStore>(), 1);
        for (var waited = 0; statistics.Refreshes == 0 && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        Assert.AreEqual(1, statistics.Refreshes);
        Assert.AreEqual(0, statistics.Failures);
        Assert.IsGreaterThan(0, await SqliteTokenStatisticsAsync(services), "sqlite_stat1 describes the token index after the refresh");
        await stop.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => running);
    }

    [TestMethod]
    public void The_refresh_interval_grows_with_the_database_once_it_is_large()
    {
        Assert.AreEqual(PlannerStatistics.WritesBetweenRefreshes, PlannerStatistics.RefreshInterval(0));
        Assert.AreEqual(PlannerStatistics.WritesBetweenRefreshes, PlannerStatistics.RefreshInterval(2 * PlannerStatistics.WritesBetweenRefreshes));
        Assert.AreEqual(50_000, PlannerStatistics.RefreshInterval(100_000), "at 100,000 resources: after 50,000 more writes, when they are 150,000");
    }

    [TestMethod]
    public async Task Sqlite_database_loaded_earlier_is_analysed_when_the_server_starts()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using (var first = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider())
        {
            await first.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await WritePatientsAsync(first.GetRequiredService<ResourceStore>(), 10);
            Assert.AreEqual(0, await SqliteTokenStatisticsAsync(first));
        }

        await using var second = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await second.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Assert.IsGreaterThan(0, await SqliteTokenStatisticsAsync(second));
    }

    [TestMethod]
    public async Task Sqlite_connections_opened_before_a_refresh_are_not_reused_after_it()
    {
        // A SQLite connection reads sqlite_stat1 when it opens; one pooled from before the ANALYZE would keep planning
        // without the statistics. A temporary table marks such a connection: it lives as long as the connection.
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var contexts = services.GetRequiredService<IDbContextFactory<FhirDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE opened_before (x INTEGER)");
        }

        Assert.AreEqual(1, await MarkedConnectionsAsync(contexts), "without a refresh the pool hands the same connection back");
        await services.GetRequiredService<PlannerStatistics>().RefreshAsync(CancellationToken.None);
        Assert.AreEqual(0, await MarkedConnectionsAsync(contexts), "after the refresh the connection is a new one");
    }

    private static async Task<int> MarkedConnectionsAsync(IDbContextFactory<FhirDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM temp.sqlite_master WHERE name = 'opened_before'").SingleAsync();
    }

    private static async Task WritePatientsAsync(ResourceStore store, int count)
    {
        await using var session = await store.BeginSessionAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var patient = JsonDocument.Parse($$"""{"resourceType":"Patient","id":"{{id}}"}""").RootElement;
            var index = new IndexedValues { Tokens = [new TokenIndexValue("gender", null, "female", null)] };
            await session.CreateAsync("Patient", id, patient, index, CancellationToken.None);
        }

        await session.CommitAsync(CancellationToken.None);
    }

    private static async Task<DateTime?> LastAnalyzeAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<DateTime?>("SELECT last_analyze AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'idx_token'").SingleAsync();
    }

    private static async Task<int> SqliteTokenStatisticsAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        var exists = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync();
        return exists == 0 ? 0 : await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'idx_token'").SingleAsync();
    }
}
