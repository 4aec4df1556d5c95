using FhirAi.Storage.CdsFeedback;
using FhirAi.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>CDS Hooks feedback storage on a real database of each provider: idempotent writes and the summary counts.</summary>
public abstract class CdsFeedbackStoreTests
{
    private const string Service = "fhirai-medication-review";
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    protected abstract StorageProvider Provider { get; }

    private static CdsFeedbackEntry Overridden(string card, DateTimeOffset at, string? code = null, string service = Service) => new()
    {
        ServiceId = service,
        CardUuid = card,
        Outcome = "overridden",
        OutcomeTimestamp = at,
        ReasonSystem = code is null ? null : "https://fhirai.example/override-reason",
        ReasonCode = code,
        ReasonDisplay = code is null ? null : "Display of " + code,
        HasUserComment = code is not null,
    };

    private static CdsFeedbackEntry Accepted(string card, DateTimeOffset at) => new()
    {
        ServiceId = Service, CardUuid = card, Outcome = "accepted", OutcomeTimestamp = at, AcceptedSuggestions = ["s-1", "s-2"],
    };

    [TestMethod]
    public async Task Feedback_is_stored_once_per_service_card_and_outcome_time()
    {
        var (store, drop) = await NewStoreAsync();
        try
        {
            var at = new DateTimeOffset(2026, 11, 21, 10, 5, 31, TimeSpan.Zero);
            Assert.AreEqual(2, await store.SaveFeedbackAsync([Accepted("c1", at), Overridden("c2", at, "patient-aware")], Received, CancellationToken.None));
            Assert.AreEqual(0, await store.SaveFeedbackAsync([Accepted("c1", at)], Received, CancellationToken.None), "re-sent: a no-op");
            Assert.AreEqual(1, await store.SaveFeedbackAsync([Accepted("c1", at.AddSeconds(1))], Received, CancellationToken.None), "a later action on the same card");
            Assert.AreEqual(1, await store.SaveFeedbackAsync([Accepted("c1", at) with { ServiceId = "fhirai-patient-view" }], Received, CancellationToken.None), "another service");

            var counts = await store.CountFeedbackAsync(Service, null, null, CancellationToken.None);
            Assert.AreEqual(3, counts.Sum(c => c.Count));
        }
        finally
        {
            await drop();
        }
    }

    [TestMethod]
    public async Task Counts_group_by_issued_card_type_outcome_and_reason_within_the_window()
    {
        var (store, drop) = await NewStoreAsync();
        try
        {
            var day = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
            await store.RecordIssuedAsync(
            [
                new CdsIssuedCard(Service, "c1", "interaction", day),
                new CdsIssuedCard(Service, "c2", "interaction", day),
                new CdsIssuedCard(Service, "c3", "interaction", day),
                new CdsIssuedCard(Service, "c4", "renal-dose", day),
                new CdsIssuedCard("fhirai-patient-view", "p1", "critical-result", day),
            ], CancellationToken.None);
            await store.RecordIssuedAsync([new CdsIssuedCard(Service, "c1", "changed-type", day)], CancellationToken.None);

            await store.SaveFeedbackAsync(
            [
                Accepted("c1", day.AddHours(1)),
                Overridden("c2", day.AddHours(2), "patient-aware"),
                Overridden("c3", day.AddHours(3), "patient-aware"),
                Overridden("c4", day.AddHours(4)),
                Overridden("never-issued", day.AddHours(5), "other"),
                Overridden("c2", day.AddDays(3), "late"),
            ], Received, CancellationToken.None);

            var counts = await store.CountFeedbackAsync(Service, day, day.AddDays(1), CancellationToken.None);
            var text = counts.Select(c => $"{c.CardType ?? "-"}|{c.Outcome}|{c.ReasonCode ?? "-"}|{c.ReasonDisplay ?? "-"}|{c.Count}").Order(StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(new[]
            {
                "-|overridden|other|Display of other|1",
                "interaction|accepted|-|-|1",
                "interaction|overridden|patient-aware|Display of patient-aware|2",
                "renal-dose|overridden|-|-|1",
            }, text, string.Join("\n", text));

            var issued = await store.CountIssuedAsync(Service, day, day.AddDays(1), CancellationToken.None);
            CollectionAssert.AreEqual(new[] { "interaction:3", "renal-dose:1" }, issued.Select(i => $"{i.CardType}:{i.Count}").ToList(), "the first recorded type stays");
            Assert.AreEqual(0, (await store.CountIssuedAsync(Service, day.AddDays(1), null, CancellationToken.None)).Count);
        }
        finally
        {
            await drop();
        }
    }

    private async Task<(CdsFeedbackStore Store, Func<Task> Drop)> NewStoreAsync()
    {
        var (services, drop) = await TestStorage.StartAsync(Provider);
        return (services.GetRequiredService<CdsFeedbackStore>(), drop);
    }
}

[TestClass]
public sealed class SqliteCdsFeedbackStoreTests : CdsFeedbackStoreTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresCdsFeedbackStoreTests : CdsFeedbackStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
