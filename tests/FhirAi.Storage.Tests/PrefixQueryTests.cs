using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Search;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// A string prefix (<c>family=smi</c>) answers the same with the added binary range and, on SQLite, seeks the value
/// index instead of reading every row of the parameter.
/// </summary>
[TestClass]
public sealed class PrefixQueryTests
{
    [TestMethod]
    [DataRow("smi", "smj")]
    [DataRow("z", "{")]
    [DataRow("a\uFFFF", "b")]
    [DataRow("\uFFFF", null)]
    [DataRow("", null)]
    public void The_upper_bound_is_the_prefix_with_its_last_usable_character_raised(string prefix, string? expected) =>
        Assert.AreEqual(expected, PrefixQuery.UpperBound(prefix));

    [TestMethod]
    public void A_trailing_surrogate_is_dropped_rather_than_raised() =>
        // Built here: a lone surrogate does not survive an attribute argument.
        Assert.AreEqual("ac", PrefixQuery.UpperBound(string.Concat("ab", char.ConvertFromUtf32(0x1F600).AsSpan(0, 1))));

    [TestMethod]
    [DataRow(StorageProvider.Sqlite)]
    [DataRow(StorageProvider.PostgreSql)]
    public async Task A_prefix_finds_exactly_the_names_that_start_with_it(StorageProvider provider)
    {
        await using var storage = await TestStorage.StartAsync(provider);
        var services = storage.Services;
        var store = services.GetRequiredService<ResourceStore>();
        // Normalised forms as the indexer stores them; "smi\uFFFF" sits at the very end of the prefix's range.
        await TestStorage.CreateAsync(store, "Patient",
            [.. new[] { ("p1", "smith"), ("p2", "smi"), ("p3", "smj"), ("p4", "sm"), ("p5", "smi\uFFFF"), ("p6", "asmith"), ("p7", "smiz") }
                .Select(p => (p.Item1, new IndexedValues { Strings = [new StringIndexValue("family", p.Item2, p.Item2)] }))]);

        async Task<List<string>> FamilyAsync(string value)
        {
            var criterion = new SearchCriterion("family", SearchParamType.String, null, [value]);
            var page = await store.SearchAsync(new ResourceSearch { ResourceType = "Patient", Count = 20, Criteria = [criterion] }, CancellationToken.None);
            return page.Matches.Select(m => m.Id).ToList();
        }

        CollectionAssert.AreEqual(new[] { "p1", "p2", "p5", "p7" }, await FamilyAsync("Smi"));
        CollectionAssert.AreEqual(new[] { "p1", "p2", "p3", "p4", "p5", "p7" }, await FamilyAsync("sm"));
        CollectionAssert.AreEqual(new[] { "p7" }, await FamilyAsync("smiz"));
        CollectionAssert.AreEqual(new[] { "p3" }, await FamilyAsync("SMJ"));
    }

    [TestMethod]
    public async Task On_sqlite_the_prefix_seeks_the_value_index()
    {
        await using var storage = await TestStorage.StartAsync(StorageProvider.Sqlite);
        var services = storage.Services;
        var plans = new PlanRecorder();
        await using var db = plans.ContextOn(services);
        var criterion = new SearchCriterion("family", SearchParamType.String, null, ["smi"]);
        await ResourceSearchQuery.RunAsync(db, new ResourceSearch { ResourceType = "Patient", Count = 20, Criteria = [criterion] }, CancellationToken.None);
        StringAssert.Contains(string.Join("\n", plans.Lines), "ix_idx_string_value (resource_type=? AND parameter=? AND normalized>? AND normalized<?)");
    }
}
