using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Reindex;
using FhirAi.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>
/// Reindex batches against a real database of each provider. The concurrent write is injected deterministically:
/// the extraction callback, which runs between the batch's read and its locked write, updates the resource itself.
/// </summary>
public abstract class ReindexStoreTests
{
    protected abstract StorageProvider Provider { get; }

    private static IndexedValues Colour(string colour) => new() { Tokens = [new TokenIndexValue("eye-colour", null, colour, null)] };

    private static JsonElement Patient(string id) => JsonDocument.Parse($$"""{"resourceType":"Patient","id":"{{id}}"}""").RootElement;

    [TestMethod]
    public async Task A_batch_never_overwrites_the_index_of_a_version_written_after_it_read()
    {
        var (services, drop) = await NewStoreAsync();
        try
        {
            var store = services.GetRequiredService<ResourceStore>();
            var reindex = services.GetRequiredService<ReindexStore>();
            await store.CreateAsync("Patient", "p1", Patient("p1"), Colour("v1"), CancellationToken.None);
            await store.CreateAsync("Patient", "p2", Patient("p2"), Colour("v1"), CancellationToken.None);
            await store.CreateAsync("Observation", "o1", JsonDocument.Parse("""{"resourceType":"Observation","id":"o1"}""").RootElement, IndexedValues.Empty, CancellationToken.None);

            var job = await reindex.CreateJobAsync("Patient", "sp@1", CancellationToken.None);
            Assert.AreEqual(2, job.Total, "two live patients");
            Assert.AreEqual(ReindexJobStatus.Queued, job.Status);

            // p1 is updated (and indexed "v2" by its own write) after the batch read version 1 and before it writes.
            job = await reindex.RunBatchAsync(job, 10, (type, resource) =>
            {
                if (resource.GetProperty("id").GetString() == "p1")
                {
                    var updated = store.UpdateAsync("Patient", "p1", Patient("p1"), Colour("v2"), null, CancellationToken.None).GetAwaiter().GetResult();
                    Assert.AreEqual(WriteStatus.Updated, updated.Status);
                }

                return Colour("stale-v1");
            }, null, CancellationToken.None);

            Assert.AreEqual(ReindexJobStatus.Running, job.Status);
            Assert.AreEqual(2, job.Processed);
            CollectionAssert.AreEquivalent(new[] { "p1" }, await MatchesAsync(store, "v2"), "the newer version keeps its own index rows");
            CollectionAssert.AreEquivalent(new[] { "p2" }, await MatchesAsync(store, "stale-v1"), "an unchanged resource is re-indexed");

            var completing = 0;
            job = await reindex.RunBatchAsync(job, 10, (_, _) => throw new AssertFailedException("nothing is left to extract"), () => completing++, CancellationToken.None);
            Assert.AreEqual(ReindexJobStatus.Completed, job.Status);
            Assert.AreEqual(1, completing, "the completion callback runs once, when nothing is left");
            Assert.IsNotNull(job.Completed);
            Assert.AreEqual("sp@1", (await reindex.GetJobAsync(job.JobId, CancellationToken.None))!.Parameters);
        }
        finally
        {
            await drop();
        }
    }

    [TestMethod]
    public async Task A_job_resumes_after_its_last_committed_batch_and_skips_deleted_resources()
    {
        var (services, drop) = await NewStoreAsync();
        try
        {
            var store = services.GetRequiredService<ResourceStore>();
            var reindex = services.GetRequiredService<ReindexStore>();
            foreach (var id in new[] { "a", "b", "c", "d", "e" })
            {
                await store.CreateAsync("Patient", id, Patient(id), Colour("old"), CancellationToken.None);
            }

            await store.DeleteAsync("Patient", "c", null, CancellationToken.None);
            var job = await reindex.CreateJobAsync(null, null, CancellationToken.None);
            Assert.AreEqual(4, job.Total);
            var seen = new List<string>();
            IndexedValues Extract(string type, JsonElement resource)
            {
                seen.Add(resource.GetProperty("id").GetString()!);
                return Colour("new");
            }

            job = await reindex.RunBatchAsync(job, 2, Extract, null, CancellationToken.None);
            CollectionAssert.AreEqual(new[] { "a", "b" }, seen);

            // A "restart": the job as stored is all the next batch knows.
            var stored = (await reindex.JobsAsync([ReindexJobStatus.Queued, ReindexJobStatus.Running], CancellationToken.None)).Single();
            Assert.AreEqual(2, stored.Processed);
            while (!stored.IsFinished)
            {
                stored = await reindex.RunBatchAsync(stored, 2, Extract, null, CancellationToken.None);
            }

            CollectionAssert.AreEqual(new[] { "a", "b", "d", "e" }, seen, "each live resource once, in key order; the deleted one skipped");
            Assert.AreEqual(4, stored.Processed);
            CollectionAssert.AreEquivalent(new[] { "a", "b", "d", "e" }, await MatchesAsync(store, "new"));
            Assert.AreEqual(0, (await MatchesAsync(store, "old")).Count);
        }
        finally
        {
            await drop();
        }
    }

    [TestMethod]
    public async Task A_reindex_writes_the_narrative_words_of_text_that_a_write_did_not_index()
    {
        var (services, drop) = await NewStoreAsync();
        try
        {
            var store = services.GetRequiredService<ResourceStore>();
            var reindex = services.GetRequiredService<ReindexStore>();
            var patient = JsonDocument.Parse("""
                {"resourceType":"Patient","id":"n1","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Fractured <b>Fémur</b></div>"}}
                """).RootElement;
            await store.CreateAsync("Patient", "n1", patient, IndexedValues.Empty, CancellationToken.None);
            Assert.AreEqual(0, (await TextMatchesAsync(store, "femur")).Count, "written without index rows");

            var definitions = FhirDefinitions.LoadDefault();
            var indexer = new SearchIndexer(definitions, new FhirAi.Fhir.FhirPathSupport.R4FhirPathModel(definitions));
            var job = await reindex.CreateJobAsync("Patient", null, CancellationToken.None);
            while (!job.IsFinished)
            {
                job = await reindex.RunBatchAsync(job, 10, indexer.Extract, null, CancellationToken.None);
            }

            CollectionAssert.AreEqual(new[] { "n1" }, await TextMatchesAsync(store, "femur"));
            CollectionAssert.AreEqual(new[] { "n1" }, await TextMatchesAsync(store, "fract fem"));
            Assert.AreEqual(0, (await TextMatchesAsync(store, "div")).Count, "markup is not indexed");
        }
        finally
        {
            await drop();
        }
    }

    private static async Task<List<string>> TextMatchesAsync(ResourceStore store, string words)
    {
        var page = await store.SearchAsync(new ResourceSearch
        {
            ResourceType = "Patient",
            Criteria = [new SearchCriterion(TextSearchParameters.Text, SearchParamType.String, null, [words])],
            Count = 100,
        }, CancellationToken.None);
        return page.Matches.Select(m => m.Id).ToList();
    }

    private static async Task<List<string>> MatchesAsync(ResourceStore store, string colour)
    {
        var page = await store.SearchAsync(new ResourceSearch
        {
            ResourceType = "Patient",
            Criteria = [new SearchCriterion("eye-colour", SearchParamType.Token, null, [colour])],
            Count = 100,
        }, CancellationToken.None);
        return page.Matches.Select(m => m.Id).ToList();
    }

    private Task<StartedStorage> NewStoreAsync() => TestStorage.StartAsync(Provider);
}

[TestClass]
public sealed class SqliteReindexStoreTests : ReindexStoreTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresReindexStoreTests : ReindexStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
