using System.Text.Json.Nodes;
using FhirAi.Storage;
using static FhirAi.Server.Tests.MedicationReviewClient;

namespace FhirAi.Server.Tests;

/// <summary><c>persist=true</c> stores the DetectedIssues and the Provenance, which are then found by search.</summary>
public abstract class MedicationReviewPersistTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    public async Task Persisted_issues_and_provenance_are_searchable()
    {
        var client = new MedicationReviewClient((await SharedHosts.GetAsync(Provider)).Client);
        var patient = await client.PatientAsync(Today(60));
        var warfarin = await client.CreateAsync(Order(patient, "11289", "warfarin"));
        var ibuprofen = await client.CreateAsync(Order(patient, "5640", "ibuprofen", status: "draft"));

        var notPersisted = await client.InterpretStoredAsync(ibuprofen);
        var persisted = await client.InterpretStoredAsync(ibuprofen, Parameters(("persist", JsonValue.Create(true))));

        Assert.IsNull(Issues(notPersisted)[0]["meta"], "without persist nothing is stored");
        var issues = Issues(persisted);
        Assert.IsTrue(issues.Count >= 1);
        Assert.AreEqual("1", issues[0]["meta"]!["versionId"]!.GetValue<string>(), "the stored version is returned");
        var ids = issues.Select(i => i["id"]!.GetValue<string>()).ToHashSet();

        var byPatient = await SearchIdsAsync(client, $"DetectedIssue?patient={patient}");
        var byImplicated = await SearchIdsAsync(client, $"DetectedIssue?implicated={warfarin}");
        var provenance = Provenance(persisted)["id"]!.GetValue<string>();
        var byTarget = await SearchIdsAsync(client, $"Provenance?target=DetectedIssue/{issues[0]["id"]!.GetValue<string>()}");

        CollectionAssert.AreEquivalent(ids.ToList(), byPatient, "exactly the persisted review's issues (the first call stored nothing)");
        CollectionAssert.Contains(byImplicated, issues.Single(i => Code(i) == "DRG")["id"]!.GetValue<string>());
        CollectionAssert.AreEqual(new[] { provenance }, byTarget);
    }

    private static async Task<List<string>> SearchIdsAsync(MedicationReviewClient client, string query)
    {
        var bundle = await FhirJson.ReadObjectAsync(await client.Http.GetAsync(query));
        return [.. (bundle["entry"]?.AsArray() ?? []).Select(e => e!["resource"]!["id"]!.GetValue<string>())];
    }
}

[TestClass]
public sealed class SqliteMedicationReviewPersistTests : MedicationReviewPersistTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresMedicationReviewPersistTests : MedicationReviewPersistTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
