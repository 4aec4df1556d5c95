using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>After enough committed writes PostgreSQL's planner statistics are refreshed (ANALYZE); SQLite is left alone.</summary>
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
    public async Task Sqlite_never_asks_for_a_refresh()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var statistics = services.GetRequiredService<PlannerStatistics>();
        using var stop = new CancellationTokenSource();
        var running = statistics.RunAsync(stop.Token);

        await WritePatientsAsync(services.GetRequiredService<ResourceStore>(), PlannerStatistics.WritesBetweenRefreshes);
        await Task.Delay(300);

        Assert.AreEqual(0, statistics.Refreshes);
        await stop.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => running);
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
}
