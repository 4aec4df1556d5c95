using System.Net;
using System.Text.Json.Nodes;
using FhirAi.Storage;
using FhirAi.Tests.Shared;
using static FhirAi.Server.Tests.ReindexClient;

namespace FhirAi.Server.Tests;

/// <summary>
/// Custom SearchParameters and the background $reindex, on each provider, over real HTTP. Every test that registers
/// a parameter runs its own server on a new database (the registry is per server); expected matches come from the
/// eye colours the test itself gives its patients.
/// </summary>
public abstract class ReindexTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    public async Task A_custom_parameter_finds_existing_resources_after_reindex_and_new_writes_at_once()
    {
        await using var host = await FhirServerHost.StartAsync(Provider);
        var client = host.Client;
        var brown1 = await CreateAsync(client, "Patient", Patient("brown", "Existing"));
        var brown2 = await CreateAsync(client, "Patient", Patient("brown", "Existing"));
        var blue = await CreateAsync(client, "Patient", Patient("blue", "Existing"));
        var none = await CreateAsync(client, "Patient", Patient(string.Empty, "Existing"));
        var parameterId = await CreateAsync(client, "SearchParameter", EyeColourParameter());

        // Registered but not reindexed: refused under strict handling, reported and ignored under lenient.
        using (var strict = new HttpRequestMessage(HttpMethod.Get, "Patient?eye-colour=brown"))
        {
            strict.Headers.Add("Prefer", "handling=strict");
            using var refused = await client.SendAsync(strict);
            Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
            StringAssert.Contains(await FhirJson.OutcomeTextAsync(refused), "not indexed yet");
        }

        var lenient = await SearchAsync(client, "Patient?eye-colour=brown");
        StringAssert.Contains(lenient.Outcome, "not indexed yet");
        Assert.IsFalse(await ListedAsync(client, "eye-colour"), "the CapabilityStatement lists only searchable parameters");

        // A write after registration is indexed by the write itself.
        var brownNew = await CreateAsync(client, "Patient", Patient("brown", "New"));

        var statusUrl = await StartReindexAsync(client, "Patient");
        var status = await WaitForCompletionAsync(client, statusUrl);
        Assert.AreEqual("Patient", Value(status, "resourceType"));
        Assert.AreEqual(5, Number(status, "total"), "five live patients when the job was created");
        Assert.AreEqual(5, Number(status, "processed"));
        Assert.IsNotNull(Value(status, "completed"));

        var brown = await SearchAsync(client, "Patient?eye-colour=brown", strict: true);
        CollectionAssert.AreEquivalent(new[] { brown1, brown2, brownNew }, brown.Ids);
        Assert.IsNull(brown.Outcome);
        CollectionAssert.AreEquivalent(new[] { blue }, (await SearchAsync(client, "Patient?eye-colour=blue", strict: true)).Ids);
        CollectionAssert.AreEquivalent(new[] { brown1, brown2, brownNew, blue }, (await SearchAsync(client, "Patient?eye-colour=brown,blue", strict: true)).Ids);
        CollectionAssert.AreEquivalent(new[] { blue, none }, (await SearchAsync(client, "Patient?eye-colour:not=brown", strict: true)).Ids);
        Assert.IsTrue(await ListedAsync(client, "eye-colour"));

        // Once searchable, writes are found at once: a create, and an update that moves a patient between values.
        var brownLater = await CreateAsync(client, "Patient", Patient("brown", "Later"));
        Assert.AreEqual(HttpStatusCode.OK, await UpdateColourAsync(client, brown1, "blue"));
        CollectionAssert.AreEquivalent(new[] { brown2, brownNew, brownLater }, (await SearchAsync(client, "Patient?eye-colour=brown", strict: true)).Ids);
        CollectionAssert.AreEquivalent(new[] { blue, brown1 }, (await SearchAsync(client, "Patient?eye-colour=blue", strict: true)).Ids);

        // Deleting the SearchParameter unregisters it.
        using (var deleted = await client.DeleteAsync($"SearchParameter/{parameterId}"))
        {
            Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode);
        }

        StringAssert.Contains((await SearchAsync(client, "Patient?eye-colour=brown")).Outcome, "not a search parameter of Patient");
        Assert.IsFalse(await ListedAsync(client, "eye-colour"));
    }

    [TestMethod]
    public async Task Reindex_errors_and_the_capability_statement()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        using (var unknownType = await client.PostAsync("Spaceship/$reindex", FhirJson.Content("{}")))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, unknownType.StatusCode);
            await FhirJson.OutcomeTextAsync(unknownType);
        }

        using (var unknownJob = await client.GetAsync("$reindex-status/no-such-job"))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, unknownJob.StatusCode);
            await FhirJson.OutcomeTextAsync(unknownJob);
        }

        using var metadata = await client.GetAsync("metadata");
        var rest = (await FhirJson.ReadObjectAsync(metadata))["rest"]![0]!;
        Assert.IsTrue(rest["operation"]!.AsArray().Any(o => o!["name"]!.GetValue<string>() == "reindex"
            && o["definition"]!.GetValue<string>() == "http://fhirai.org/fhir/OperationDefinition/reindex"));
        var patient = rest["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Patient")!;
        Assert.IsTrue(patient["operation"]!.AsArray().Any(o => o!["name"]!.GetValue<string>() == "reindex"));

        using var definition = await client.GetAsync("OperationDefinition/reindex");
        Assert.AreEqual(HttpStatusCode.OK, definition.StatusCode);
        var operation = await FhirJson.ReadObjectAsync(definition);
        Assert.AreEqual("reindex", operation["code"]!.GetValue<string>());
        Assert.IsTrue(operation["system"]!.GetValue<bool>() && operation["type"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task Invalid_search_parameters_are_refused_and_nothing_is_stored()
    {
        var client = (await SharedHosts.GetAsync(Provider)).Client;
        var marker = Guid.NewGuid().ToString("N");
        async Task RefusedAsync(string json, string url, string words)
        {
            using var response = await client.PostAsync("SearchParameter", FhirJson.Content(json));
            Assert.IsTrue((int)response.StatusCode is 400 or 422, $"{response.StatusCode} for {json}");
            StringAssert.Contains(await FhirJson.OutcomeTextAsync(response), words);
            Assert.AreEqual(0, (await SearchAsync(client, $"SearchParameter?url={Uri.EscapeDataString(url)}", strict: true)).Ids.Count, "nothing stored");
        }

        var bad = $"http://example.org/sp/{marker}/bad-expression";
        await RefusedAsync(EyeColourParameter(url: bad, code: "c" + marker[..8], expression: "Patient.extension.where(url = "), bad, "SearchParameter.expression");
        var typo = $"http://example.org/sp/{marker}/typo";
        await RefusedAsync(EyeColourParameter(url: typo, code: "c" + marker[..8], expression: "Patient.eyeColour"), typo, "does not compile");
        var clash = $"http://example.org/sp/{marker}/clash";
        await RefusedAsync(EyeColourParameter(url: clash, code: "gender"), clash, "already has the R4 search parameter");
        var unknownBase = $"http://example.org/sp/{marker}/base";
        await RefusedAsync(EyeColourParameter(url: unknownBase, code: "c" + marker[..8], baseType: "Spaceship"), unknownBase, "SearchParameter.base");

        // The same parameter, well formed, is stored (and then deleted, to leave the shared server as it was).
        var good = $"http://example.org/sp/{marker}/good";
        var id = await CreateAsync(client, "SearchParameter", EyeColourParameter(url: good, code: "c" + marker[..8]));
        CollectionAssert.AreEqual(new[] { id }, (await SearchAsync(client, $"SearchParameter?url={Uri.EscapeDataString(good)}", strict: true)).Ids);
        using var deleted = await client.DeleteAsync($"SearchParameter/{id}");
        Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode);
    }

    [TestMethod]
    public async Task Writes_during_a_reindex_keep_the_index_of_their_newest_version()
    {
        await using var host = await FhirServerHost.StartAsync(Provider, "--FhirAi:Reindex:BatchSize", "3", "--FhirAi:Reindex:BatchDelayMilliseconds", "20");
        var client = host.Client;
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await CreateAsync(client, "Patient", Patient("c0", "Concurrent")));
        }

        await CreateAsync(client, "SearchParameter", EyeColourParameter());
        var statusUrl = await StartReindexAsync(client, "Patient");
        using var stop = new CancellationTokenSource();
        var updates = 0;
        var writers = Enumerable.Range(1, 3).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var status = await UpdateColourAsync(client, ids[random.Next(ids.Count)], $"w{worker}-{++n}");
                Assert.AreEqual(HttpStatusCode.OK, status);
                Interlocked.Increment(ref updates);
            }
        })).ToArray();

        await WaitForCompletionAsync(client, statusUrl);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.IsTrue(updates > 10, $"only {updates} updates ran during the reindex");

        // Each patient's index must hold exactly the colour of its current version.
        foreach (var id in ids)
        {
            using var read = await client.GetAsync($"Patient/{id}");
            var colour = (await FhirJson.ReadObjectAsync(read))["extension"]![0]!["valueCode"]!.GetValue<string>();
            CollectionAssert.AreEqual(new[] { id }, (await SearchAsync(client, $"Patient?_id={id}&eye-colour={colour}", strict: true)).Ids, $"{id} is not found by its colour {colour}");
            Assert.AreEqual(0, (await SearchAsync(client, $"Patient?_id={id}&eye-colour:not={colour}", strict: true)).Ids.Count, $"{id} has a stale colour besides {colour}");
        }
    }

    [TestMethod]
    public async Task A_reindex_resumes_after_a_restart_from_its_last_committed_batch()
    {
        var (storage, postgres) = await NewDatabaseAsync(Provider);
        try
        {
            Uri statusUrl;
            long seenProcessed;
            var brown = new List<string>();
            await using (var first = await FhirServerHost.StartOnAsync(storage, "--FhirAi:Reindex:BatchSize", "2", "--FhirAi:Reindex:BatchDelayMilliseconds", "300"))
            {
                for (var i = 0; i < 12; i++)
                {
                    var id = await CreateAsync(first.Client, "Patient", Patient(i % 3 == 0 ? "brown" : "green", "Restart"));
                    if (i % 3 == 0)
                    {
                        brown.Add(id);
                    }
                }

                await CreateAsync(first.Client, "SearchParameter", EyeColourParameter());
                statusUrl = await StartReindexAsync(first.Client, null);

                // Progress is visible while the job runs; stop the server part-way.
                JsonObject status;
                var deadline = DateTime.UtcNow.AddSeconds(60);
                do
                {
                    await Task.Delay(50);
                    status = await StatusAsync(first.Client, statusUrl);
                    Assert.IsTrue(DateTime.UtcNow < deadline, status.ToJsonString());
                }
                while (Number(status, "processed") < 4);

                Assert.AreEqual("running", Value(status, "status"));
                Assert.AreEqual(13, Number(status, "total"), "12 patients and the SearchParameter");
                seenProcessed = Number(status, "processed");
                Assert.IsTrue(seenProcessed < 13);
            }

            await using (var second = await FhirServerHost.StartOnAsync(storage))
            {
                var relative = new Uri(statusUrl.AbsolutePath[(statusUrl.AbsolutePath.IndexOf("$reindex-status", StringComparison.Ordinal))..], UriKind.Relative);
                var status = await WaitForCompletionAsync(second.Client, relative);
                Assert.AreEqual(13, Number(status, "processed"), "resumed after the last committed batch, not from the start");
                CollectionAssert.AreEquivalent(brown, (await SearchAsync(second.Client, "Patient?eye-colour=brown", strict: true)).Ids);
            }

            // A third start learns from the completed job that the parameter is searchable.
            await using var third = await FhirServerHost.StartOnAsync(storage);
            CollectionAssert.AreEquivalent(brown, (await SearchAsync(third.Client, "Patient?eye-colour=brown", strict: true)).Ids);
        }
        finally
        {
            if (postgres is not null)
            {
                await TestDatabases.DropPostgresDatabaseAsync(postgres);
            }
        }
    }

    private static async Task<bool> ListedAsync(HttpClient client, string code)
    {
        using var metadata = await client.GetAsync("metadata");
        var statement = await FhirJson.ReadObjectAsync(metadata);
        var patient = statement["rest"]![0]!["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Patient")!;
        return patient["searchParam"]!.AsArray().Any(p => p!["name"]!.GetValue<string>() == code);
    }
}

[TestClass]
public sealed class SqliteReindexTests : ReindexTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresReindexTests : ReindexTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
