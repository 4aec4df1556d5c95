using FhirAi.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>A migrated storage service provider on a fresh database of the given provider, and how to drop it.</summary>
internal static class TestStorage
{
    /// <summary>Inconclusive when PostgreSQL is asked for and no test server is configured. Without
    /// <paramref name="migrate"/> the database is left empty (for tests that migrate step by step).</summary>
    public static async Task<(ServiceProvider Services, Func<Task> Drop)> StartAsync(StorageProvider provider, bool migrate = true)
    {
        StorageOptions options;
        string? postgres = null;
        if (provider == StorageProvider.PostgreSql)
        {
            if (TestDatabases.PostgresAdminConnectionString is null)
            {
                Assert.Inconclusive($"{TestDatabases.PostgresVariable} is not set.");
            }

            postgres = await TestDatabases.NewPostgresDatabaseAsync();
            options = new StorageOptions { Provider = StorageProvider.PostgreSql, PostgreSqlConnectionString = postgres };
        }
        else
        {
            options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath() };
        }

        var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        if (migrate)
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }

        return (services, async () =>
        {
            await services.DisposeAsync();
            if (postgres is not null)
            {
                await TestDatabases.DropPostgresDatabaseAsync(postgres);
            }
        });
    }
}
