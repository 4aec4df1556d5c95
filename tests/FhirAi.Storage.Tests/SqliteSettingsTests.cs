using FhirAi.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// The per-connection SQLite settings follow the storage options (the memory map can be turned off), and hold on every
/// open of a pooled connection, although they are applied once per database handle.
/// </summary>
[TestClass]
public sealed class SqliteSettingsTests
{
    [TestMethod]
    [DataRow(0L)]
    [DataRow(1L << 30)]
    [DataRow(64L << 20)]
    public async Task Every_connection_maps_the_configured_number_of_bytes(long mmapBytes)
    {
        Assert.AreEqual(0, new StorageOptions().SqliteMmapBytes, "off unless configured");
        await using var services = await StartAsync(mmapBytes);
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        Assert.AreEqual(mmapBytes, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task A_reopened_pooled_connection_keeps_the_settings_and_the_content_function()
    {
        await using var services = await StartAsync();
        var contexts = services.GetRequiredService<IDbContextFactory<FhirDbContext>>();
        object? firstHandle = null;
        for (var open = 0; open < 3; open++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            firstHandle ??= connection.Handle;
            Assert.AreSame(firstHandle, connection.Handle, "the pool hands back the same database handle");
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT * FROM pragma_busy_timeout), (SELECT * FROM pragma_foreign_keys), " +
                                  "(SELECT * FROM pragma_cache_size), fhirai_content_matches('{\"a\":\"Heart rate\"}', 'heart')";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.IsTrue(await reader.ReadAsync());
            Assert.AreEqual(10000L, reader.GetInt64(0));
            Assert.AreEqual(1L, reader.GetInt64(1));
            Assert.AreEqual(-65536L, reader.GetInt64(2));
            Assert.IsTrue(reader.GetBoolean(3), $"open {open}: _content's function is registered");
            await db.Database.CloseConnectionAsync();
        }
    }

    [TestMethod]
    public async Task Connections_carry_no_functions_that_would_be_registered_at_every_open()
    {
        // Microsoft.Data.Sqlite re-registers a connection object's functions at each open and removes them at each close;
        // EF Core's provider adds twelve (decimal arithmetic, regexp) that no query of ours uses. The interceptor creates
        // the connection without them; _content's function lives on the database handle instead.
        await using var services = await StartAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        foreach (var function in new[] { "ef_add(1, 2)", "ef_compare(1, 2)", "regexp('a', 'a')" })
        {
            command.CommandText = "SELECT " + function;
            var error = await Assert.ThrowsExactlyAsync<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteScalarAsync());
            StringAssert.Contains(error.Message, "no such function", function);
        }

        command.CommandText = "SELECT fhirai_content_matches('{\"a\":\"Heart rate\"}', 'rate')";
        Assert.AreEqual(1L, await command.ExecuteScalarAsync());
    }

    [TestMethod]
    public async Task SQLite_keeps_no_memory_statistics_so_allocations_take_no_global_lock()
    {
        // SqliteLibrarySettings turns them off before the first connection of the process opens (every storage in
        // these tests is built through AddFhirStorage, which applies it). With them on, every allocation inside SQLite
        // counts under one process-wide mutex, and sqlite3_memory_used reports the bytes in use.
        await using var services = await StartAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Resources.CountAsync());
        Assert.AreEqual(0L, SQLitePCL.raw.sqlite3_memory_used(), "SQLite counted its allocations");
    }

    /// <summary>A migrated SQLite storage on a new file (nothing to drop beyond the provider).</summary>
    private static async Task<ServiceProvider> StartAsync(long mmapBytes = 0)
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath(), SqliteMmapBytes = mmapBytes };
        var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return services;
    }
}
