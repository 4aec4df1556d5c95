using FhirAi.Fhir.Indexing;
using FhirAi.Storage.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// The fixed-shape reads (a page's current versions, includes) are prepared statements whose text does not depend on
/// how many keys they read, so PostgreSQL keeps one per shape on each pooled connection instead of planning every call.
/// </summary>
[TestClass]
public sealed class StatementPreparationTests
{
    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(2, 2)]
    [DataRow(3, 4)]
    [DataRow(5, 8)]
    [DataRow(20, 32)]
    [DataRow(500, 512)]
    public void An_in_list_is_padded_to_a_power_of_two_with_its_last_value(int count, int placeholders)
    {
        using var command = new SqliteCommand();
        var values = Enumerable.Range(100, count).Select(v => (long)v).ToList();
        var list = new CommandParameters(command).List(values);
        Assert.AreEqual(placeholders, list.Split(',').Length, list);
        Assert.AreEqual(placeholders, command.Parameters.Count);
        var bound = command.Parameters.Cast<SqliteParameter>().Select(p => (long)p.Value!).ToList();
        CollectionAssert.AreEqual(values, bound.Take(count).ToList(), "the values in order");
        Assert.IsTrue(bound.Skip(count).All(v => v == values[^1]), "the padding repeats the last value");
    }

    [TestMethod]
    [DataRow(StorageProvider.Sqlite)]
    [DataRow(StorageProvider.PostgreSql)]
    public async Task Reading_versions_by_key_returns_each_once_in_key_order_whatever_the_padding(StorageProvider provider)
    {
        await using var storage = await TestStorage.StartAsync(provider);
        var services = storage.Services;
        var store = services.GetRequiredService<ResourceStore>();
        await TestStorage.CreateAsync(store, "Basic", Enumerable.Range(0, 5).Select(i => ($"v{i}", new IndexedValues())).ToArray());
        await using var db = await services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var keys = await db.Resources.OrderByDescending(r => r.ResourceKey).Select(r => r.ResourceKey).Take(3).ToListAsync();
        for (var run = 0; run < 2; run++)
        {
            var read = await CurrentVersions.ReadAsync(db, keys, CancellationToken.None);
            CollectionAssert.AreEqual(keys, read.Select(r => r.Key).ToList(), "three keys (four placeholders) read three resources, in the keys' order");
        }

        if (provider == StorageProvider.PostgreSql)
        {
            var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
            Assert.IsTrue(prepared.Any(s => s.Contains("resource_versions", StringComparison.Ordinal)), string.Join("\n", prepared));
        }
    }
}
