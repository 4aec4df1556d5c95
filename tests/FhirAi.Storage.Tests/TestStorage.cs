using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>A migrated storage service provider on a fresh database of the given provider, and how to drop it.</summary>
internal static class TestStorage
{
    /// <summary>Inconclusive when PostgreSQL is asked for and no test server is configured. Without
    /// <paramref name="migrate"/> the database is left empty (for tests that migrate step by step).</summary>
    public static async Task<StartedStorage> StartAsync(StorageProvider provider, bool migrate = true)
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

        return new StartedStorage(services, postgres);
    }

    /// <summary>Creates minimal resources of one type with the given index values, in one transaction.</summary>
    public static async Task CreateAsync(ResourceStore store, string type, params (string Id, IndexedValues Values)[] resources)
    {
        await using var session = await store.BeginSessionAsync(CancellationToken.None);
        foreach (var (id, values) in resources)
        {
            await session.CreateAsync(type, id, Minimal(type, id), values, CancellationToken.None);
        }

        await session.CommitAsync(CancellationToken.None);
    }

    /// <summary><c>{"resourceType": type, "id": id}</c>: the index values are given separately.</summary>
    public static JsonElement Minimal(string type, string id) => JsonDocument.Parse($$"""{"resourceType":"{{type}}","id":"{{id}}"}""").RootElement;
}

/// <summary>A <see cref="TestStorage"/> provider; disposing it disposes the provider and drops its PostgreSQL database.</summary>
internal sealed class StartedStorage(ServiceProvider services, string? postgres) : IAsyncDisposable
{
    public ServiceProvider Services => services;

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (postgres is not null)
        {
            await TestDatabases.DropPostgresDatabaseAsync(postgres);
        }
    }

    /// <summary>For tests that drop at a point of their own choosing.</summary>
    public void Deconstruct(out ServiceProvider provider, out Func<Task> drop)
    {
        provider = services;
        drop = async () => await DisposeAsync();
    }
}
