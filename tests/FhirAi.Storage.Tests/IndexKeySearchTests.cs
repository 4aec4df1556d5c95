using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// A search whose criteria are all index key sets, in key order, pages over the index keys without reading the
/// resource rows (Search.MatchingSet). The keys may repeat (two matching values, comma-separated values), and the
/// page must still follow deletes and updates, which is what the resource rows would have guaranteed.
/// </summary>
[TestClass]
public sealed class IndexKeySearchTests
{
    [TestMethod]
    [DataRow(StorageProvider.Sqlite)]
    [DataRow(StorageProvider.PostgreSql)]
    public async Task Key_order_pages_list_each_match_once_and_follow_deletes_and_updates(StorageProvider provider)
    {
        await using var storage = await TestStorage.StartAsync(provider);
        var services = storage.Services;
        var store = services.GetRequiredService<ResourceStore>();
        // o2 carries code x twice, o3 both x and y: "x,y" yields o2 and o3 more than once from the index.
        await WriteAsync(store, ("o1", ["x"]), ("o2", ["x", "x"]), ("o3", ["x", "y"]), ("o4", ["y"]), ("o5", ["x"]), ("other", ["z"]));

        var first = await SearchAsync(store, "x,y", count: 2, totalLimit: 1000);
        CollectionAssert.AreEqual(new[] { "o1", "o2" }, Ids(first));
        Assert.AreEqual(5, first.Total, "the estimate counts resources, not index rows");
        var second = await SearchAsync(store, "x,y", count: 2, cursor: first.Next);
        CollectionAssert.AreEqual(new[] { "o3", "o4" }, Ids(second));
        var third = await SearchAsync(store, "x,y", count: 2, cursor: second.Next);
        CollectionAssert.AreEqual(new[] { "o5" }, Ids(third));
        Assert.IsNull(third.Next);
        var back = await SearchAsync(store, "x,y", count: 2, cursor: third.Previous);
        CollectionAssert.AreEqual(new[] { "o3", "o4" }, Ids(back));

        await store.DeleteAsync("Observation", "o1", null, CancellationToken.None);
        await store.UpdateAsync("Observation", "o2", TestStorage.Minimal("Observation", "o2"), Codes("z"), null, CancellationToken.None);
        var after = await SearchAsync(store, "x", count: 10, totalLimit: null);
        CollectionAssert.AreEqual(new[] { "o3", "o5" }, Ids(after));
        Assert.AreEqual(2, after.Total);
        var counted = await SearchAsync(store, "x,z", count: 1, totalLimit: null);
        Assert.AreEqual(4, counted.Total, "an accurate count past the first page: o2 (now z), o3, o5, other");
    }

    [TestMethod]
    public async Task On_sqlite_a_token_page_in_key_order_reads_only_the_token_index()
    {
        await using var storage = await TestStorage.StartAsync(StorageProvider.Sqlite);
        var services = storage.Services;
        await WriteAsync(services.GetRequiredService<ResourceStore>(), ("o1", ["x"]), ("o2", ["y"]));
        var plans = new PlanRecorder();
        await using var db = plans.ContextOn(services);
        var search = new ResourceSearch { ResourceType = "Observation", Count = 10, IncludeTotal = true, TotalLimit = 1000, Criteria = [Criterion("x")] };
        var page = await ResourceSearchQuery.RunAsync(db, search, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "o1" }, Ids(page));
        var plan = string.Join("\n", plans.Lines);
        var reads = plans.Lines.Where(line => line.StartsWith("SEARCH", StringComparison.Ordinal) || line.StartsWith("SCAN", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(reads.Count > 0 && reads.All(line => line.Contains("COVERING INDEX ix_idx_token_value", StringComparison.Ordinal)), plan);
    }

    private static SearchCriterion Criterion(string codes) => new("code", SearchParamType.Token, null, codes.Split(','));

    private static List<string> Ids(SearchPage page) => page.Matches.Select(m => m.Id).ToList();

    private static IndexedValues Codes(params string[] codes) =>
        new() { Tokens = codes.Select(c => new TokenIndexValue("code", null, c, null)).ToList() };

    private static Task WriteAsync(ResourceStore store, params (string Id, string[] Codes)[] observations) =>
        TestStorage.CreateAsync(store, "Observation", [.. observations.Select(o => (o.Id, Codes(o.Codes)))]);

    private static Task<SearchPage> SearchAsync(ResourceStore store, string codes, int count, int? totalLimit = 1000, SearchCursor? cursor = null) =>
        store.SearchAsync(
            new ResourceSearch { ResourceType = "Observation", Count = count, IncludeTotal = cursor is null || totalLimit is null, TotalLimit = totalLimit, Cursor = cursor, Criteria = [Criterion(codes)] },
            CancellationToken.None);
}
