using System.Net;
using System.Text.Json;
using FhirAi.CdsHooks;
using FhirAi.CdsHooks.Feedback;
using FhirAi.Storage;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>
/// <c>POST/GET /cds-services/{id}/feedback</c> on the real server and database of each provider, with the spec's
/// feedback examples (CDS Hooks 2.0.1 §Feedback) and cards recorded through <see cref="IIssuedCardLog"/>.
/// </summary>
public abstract class FeedbackEndpointTests
{
    private const string FeedbackPath = "cds-services/" + CdsServiceIds.MedicationReview + "/feedback";

    protected abstract StorageProvider Provider { get; }

    private static string Example(string file) =>
        File.ReadAllText(Path.Combine(SharedData.Root, "cds-hooks", "spec-examples", file));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [TestMethod]
    public async Task The_spec_examples_are_stored_once_and_a_resend_is_a_no_op()
    {
        await using var host = await JwtTestHost.StartAsync(Provider);
        foreach (var file in new[] { "spec-2.0.1__19__example-suggestion-accepted.json", "spec-2.0.1__21__example-overridden-guidance-with-overridereason.json" })
        {
            using var first = await host.PostAsync(FeedbackPath, Example(file), host.Token(FeedbackPath));
            Assert.AreEqual(HttpStatusCode.OK, first.StatusCode, file);
            var receipt = await JsonAsync(first);
            Assert.AreEqual(1, receipt.GetProperty("received").GetInt32());
            Assert.AreEqual(1, receipt.GetProperty("stored").GetInt32());
            using var again = await host.PostAsync(FeedbackPath, Example(file), host.Token(FeedbackPath));
            Assert.AreEqual(0, (await JsonAsync(again)).GetProperty("stored").GetInt32(), "the same card and outcome time: nothing new");
        }
    }

    [TestMethod]
    public async Task The_summary_counts_feedback_per_recorded_card_type_with_reasons()
    {
        await using var host = await JwtTestHost.StartAsync(Provider);
        host.IssuedCards.Record(CdsServiceIds.MedicationReview, [new IssuedCard("card-1", "drug-interaction"), new IssuedCard("card-2", "drug-interaction"), new IssuedCard("card-3", "renal-dose")]);
        const string Body = """
            {"feedback":[
              {"card":"card-1","outcome":"overridden","overrideReason":{"reason":{"system":"https://fhirai.example/override","code":"aware","display":"Patient aware of risk"},"userComment":"free text"},"outcomeTimestamp":"2026-11-20T08:00:00Z"},
              {"card":"card-2","outcome":"overridden","overrideReason":{"reason":{"system":"https://fhirai.example/override","code":"aware"}},"outcomeTimestamp":"2026-11-20T09:00:00Z"},
              {"card":"card-3","outcome":"accepted","acceptedSuggestions":[{"id":"s-delete"}],"outcomeTimestamp":"2026-11-20T10:00:00Z"},
              {"card":"card-unknown","outcome":"overridden","outcomeTimestamp":"2026-11-20T11:00:00Z"}
            ]}
            """;
        using (var posted = await host.PostAsync(FeedbackPath, Body, host.Token(FeedbackPath)))
        {
            Assert.AreEqual(HttpStatusCode.OK, posted.StatusCode);
        }

        // Issued cards are written by a background writer: wait until all three are counted.
        JsonElement summary = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await host.GetAsync(FeedbackPath, host.Token(FeedbackPath));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            summary = await JsonAsync(response);
            if (summary.GetProperty("issued").GetInt64() == 3)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.AreEqual(CdsServiceIds.MedicationReview, summary.GetProperty("service").GetString());
        Assert.AreEqual(3, summary.GetProperty("issued").GetInt64());
        Assert.AreEqual(1, summary.GetProperty("accepted").GetInt64());
        Assert.AreEqual(3, summary.GetProperty("overridden").GetInt64());
        var types = summary.GetProperty("cardTypes").EnumerateArray().ToDictionary(t => t.GetProperty("cardType").GetString()!);
        CollectionAssert.AreEquivalent(new[] { "drug-interaction", "renal-dose", FeedbackSummary.UnrecordedCardType }, types.Keys.ToList());
        var interaction = types["drug-interaction"];
        Assert.AreEqual(2, interaction.GetProperty("issued").GetInt64());
        Assert.AreEqual(2, interaction.GetProperty("overridden").GetInt64());
        Assert.AreEqual(1.0, interaction.GetProperty("overrideRate").GetDouble());
        var reason = interaction.GetProperty("overrideReasons").EnumerateArray().Single();
        Assert.AreEqual("aware", reason.GetProperty("code").GetString());
        Assert.AreEqual("Patient aware of risk", reason.GetProperty("display").GetString());
        Assert.AreEqual(2, reason.GetProperty("count").GetInt64());
        Assert.AreEqual(1, types["renal-dose"].GetProperty("accepted").GetInt64());
        Assert.AreEqual(1, types[FeedbackSummary.UnrecordedCardType].GetProperty("overridden").GetInt64());

        using var window = await host.GetAsync(FeedbackPath + "?since=2026-11-20T08:30:00Z&until=2026-11-20T10:30:00Z", host.Token(FeedbackPath));
        var windowed = await JsonAsync(window);
        Assert.AreEqual(1, windowed.GetProperty("overridden").GetInt64(), "card-2 only");
        Assert.AreEqual(1, windowed.GetProperty("accepted").GetInt64());
        using var patientView = await host.GetAsync("cds-services/" + CdsServiceIds.PatientView + "/feedback", host.Token("cds-services/" + CdsServiceIds.PatientView + "/feedback"));
        Assert.AreEqual(0, (await JsonAsync(patientView)).GetProperty("cardTypes").GetArrayLength(), "summaries are per service");
    }

    [TestMethod]
    public async Task Bad_feedback_answers_4xx_with_an_operation_outcome_never_500()
    {
        await using var host = await JwtTestHost.StartAsync(Provider);
        async Task<(HttpStatusCode Status, string Body)> Post(string path, string body, string contentType = "application/json")
        {
            using var response = await host.PostAsync(path, body, host.Token(path), contentType);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var unknown = await Post("cds-services/no-such-service/feedback", Example("spec-2.0.1__19__example-suggestion-accepted.json"));
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.Status);

        var missing = await Post(FeedbackPath, """{"feedback":[{"card":"c","outcome":"accepted","outcomeTimestamp":"2026-11-20T08:00:00Z"}]}""");
        Assert.AreEqual(HttpStatusCode.BadRequest, missing.Status);
        using (var outcome = JsonDocument.Parse(missing.Body))
        {
            Assert.AreEqual("OperationOutcome", outcome.RootElement.GetProperty("resourceType").GetString());
            Assert.AreEqual("feedback[0].acceptedSuggestions", outcome.RootElement.GetProperty("issue")[0].GetProperty("expression")[0].GetString());
        }

        Assert.AreEqual(HttpStatusCode.BadRequest, (await Post(FeedbackPath, "{not json")).Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Post(FeedbackPath, new string('[', 100) + new string(']', 100))).Status, "too deep");
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, (await Post(FeedbackPath, "feedback", "text/plain")).Status);
        var huge = "{\"feedback\":[],\"pad\":\"" + new string('x', FeedbackHandlerLimit + 10) + "\"}";
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, (await Post(FeedbackPath, huge)).Status);
        var empty = await Post(FeedbackPath, """{"feedback":[]}""");
        Assert.AreEqual(HttpStatusCode.OK, empty.Status, "an empty array is well-formed");
    }

    private const int FeedbackHandlerLimit = 256 * 1024;
}

[TestClass]
public sealed class SqliteFeedbackEndpointTests : FeedbackEndpointTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresFeedbackEndpointTests : FeedbackEndpointTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
