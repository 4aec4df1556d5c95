using FhirAi.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>The per-connection SQLite settings follow the storage options (the memory map can be turned off).</summary>
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
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = TestDatabases.NewSqlitePath(), SqliteMmapBytes = mmapBytes };
        await using var services = new ServiceCollection().AddFhirStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        Assert.AreEqual(mmapBytes, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
