using System.Text.Json;
using FhirAi.CdsHooks.Feedback;
using FhirAi.CdsHooks.Tests.Trust;

namespace FhirAi.CdsHooks.Tests.Feedback;

/// <summary>The feedback body rules of CDS Hooks 2.0.1 §Feedback, on the spec's three examples and on broken bodies.</summary>
[TestClass]
public sealed class FeedbackParserTests
{
    private static (IReadOnlyList<FeedbackItem> Items, IReadOnlyList<string> Problems) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var (items, issues) = FeedbackParser.Parse(document.RootElement);
        return (items, issues.Select(i => $"{i.Expression}: {i.Code}").ToList());
    }

    [TestMethod]
    public void The_spec_example_suggestion_accepted_parses()
    {
        var (items, problems) = Parse(TrustHarness.SpecExample("spec-2.0.1__19__example-suggestion-accepted.json"));
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        var item = items.Single();
        Assert.AreEqual("4e0a3a1e-3283-4575-ab82-028d55fe2719", item.CardUuid);
        Assert.AreEqual(FeedbackOutcome.Accepted, item.Outcome);
        CollectionAssert.AreEqual(new[] { "e56e1945-20b3-4393-8503-a1a20fd73152" }, item.AcceptedSuggestions.ToList());
        Assert.AreEqual(new DateTimeOffset(2021, 12, 11, 10, 5, 31, TimeSpan.Zero), item.OutcomeTimestamp);
        Assert.IsNull(item.OverrideReason);
    }

    [TestMethod]
    public void The_spec_example_overridden_without_reason_parses()
    {
        var (items, problems) = Parse(TrustHarness.SpecExample("spec-2.0.1__20__example-overridden-guidance-without-overridereason.json"));
        Assert.AreEqual(0, problems.Count);
        Assert.AreEqual(FeedbackOutcome.Overridden, items.Single().Outcome);
        Assert.IsNull(items.Single().OverrideReason);
    }

    [TestMethod]
    public void The_spec_example_overridden_with_reason_keeps_the_coding_but_not_the_comment()
    {
        var (items, problems) = Parse(TrustHarness.SpecExample("spec-2.0.1__21__example-overridden-guidance-with-overridereason.json"));
        Assert.AreEqual(0, problems.Count);
        var reason = items.Single().OverrideReason!;
        Assert.AreEqual("d7ecf885", reason.Code);
        Assert.AreEqual("https://example.com/cds-hooks/override-reason-system", reason.System);
        Assert.IsNull(reason.Display);
        Assert.IsTrue(reason.HasUserComment);
        Assert.IsFalse(reason.ToString().Contains("A comment entered", StringComparison.Ordinal), "the free-text comment is dropped");
    }

    [TestMethod]
    public void Offsets_are_converted_to_utc()
    {
        var (items, _) = Parse("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2021-12-11T18:05:31.25+08:00"}]}""");
        Assert.AreEqual(new DateTimeOffset(2021, 12, 11, 10, 5, 31, 250, TimeSpan.Zero), items.Single().OutcomeTimestamp);
        Assert.AreEqual(TimeSpan.Zero, items.Single().OutcomeTimestamp.Offset);
    }

    [TestMethod]
    [DataRow("""[]""", "feedback: invalid")]
    [DataRow("""{"feedback":{}}""", "feedback: invalid")]
    [DataRow("""{"feedback":[1]}""", "feedback[0]: invalid")]
    [DataRow("""{"feedback":[{"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].card: required")]
    [DataRow("""{"feedback":[{"card":"","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].card: invalid")]
    [DataRow("""{"feedback":[{"card":7,"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].card: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].outcome: required")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"ignored","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].outcome: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"accepted","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].acceptedSuggestions: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"accepted","acceptedSuggestions":[],"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].acceptedSuggestions: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"accepted","acceptedSuggestions":[{"uuid":"x"}],"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].acceptedSuggestions[0].id: required")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden"}]}""", "feedback[0].outcomeTimestamp: required")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00"}]}""", "feedback[0].outcomeTimestamp: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-12-11"}]}""", "feedback[0].outcomeTimestamp: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-13-11T00:00:00Z"}]}""", "feedback[0].outcomeTimestamp: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden","overrideReason":"busy","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].overrideReason: invalid")]
    [DataRow("""{"feedback":[{"card":"c","outcome":"overridden","overrideReason":{"reason":{"code":"x"}},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].overrideReason.reason.system: required")]
    public void Malformed_feedback_is_reported_at_its_location(string json, string expected)
    {
        var (items, problems) = Parse(json);
        CollectionAssert.Contains(problems.ToList(), expected, string.Join("\n", problems));
        Assert.AreEqual(0, items.Count);
    }

    [TestMethod]
    public void Every_problem_of_every_entry_is_reported()
    {
        var (_, problems) = Parse("""{"feedback":[{"card":"ok","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"},{"outcome":"maybe"}]}""");
        CollectionAssert.AreEquivalent(new[] { "feedback[1].card: required", "feedback[1].outcome: invalid", "feedback[1].outcomeTimestamp: required" }, problems.ToList());
    }

    [TestMethod]
    public void Too_many_entries_are_refused()
    {
        var entry = """{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}""";
        var (_, problems) = Parse("{\"feedback\":[" + string.Join(",", Enumerable.Repeat(entry, FeedbackParser.MaxItems + 1)) + "]}");
        CollectionAssert.AreEqual(new[] { "feedback: too-costly" }, problems.ToList());
    }

    [TestMethod]
    public void A_comment_without_a_reason_coding_is_an_override_reason_without_code()
    {
        var (items, problems) = Parse("""{"feedback":[{"card":"c","outcome":"overridden","overrideReason":{"userComment":"n/a"},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""");
        Assert.AreEqual(0, problems.Count);
        Assert.AreEqual(new FeedbackOverrideReason(null, null, null, true), items.Single().OverrideReason);
    }
}
