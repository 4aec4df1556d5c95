using FhirAi.CdsHooks.Feedback;

namespace FhirAi.CdsHooks.Tests.Feedback;

[TestClass]
public sealed class FeedbackSummaryTests
{
    [TestMethod]
    public void Counts_roll_up_per_card_type_with_reasons_most_frequent_first()
    {
        var feedback = new[]
        {
            new FeedbackCount("interaction", FeedbackOutcome.Accepted, null, null, null, 3),
            new FeedbackCount("interaction", FeedbackOutcome.Overridden, "s", "aware", "Patient aware", 5),
            new FeedbackCount("interaction", FeedbackOutcome.Overridden, "s", "benefit", null, 2),
            new FeedbackCount("interaction", FeedbackOutcome.Overridden, null, null, null, 1),
            new FeedbackCount(null, FeedbackOutcome.Overridden, "s", "aware", null, 4),
        };
        var issued = new[] { new IssuedCardCount("interaction", 20), new IssuedCardCount("renal-dose", 6) };
        var summary = FeedbackSummary.Build("fhirai-medication-review", null, null, feedback, issued);

        Assert.AreEqual(26, summary.Issued);
        Assert.AreEqual(3, summary.Accepted);
        Assert.AreEqual(12, summary.Overridden);
        CollectionAssert.AreEqual(new[] { "interaction", FeedbackSummary.UnrecordedCardType, "renal-dose" }, summary.CardTypes.Select(c => c.CardType).ToList());
        var interaction = summary.CardTypes[0];
        Assert.AreEqual(20, interaction.Issued);
        Assert.AreEqual(3, interaction.Accepted);
        Assert.AreEqual(8, interaction.Overridden);
        Assert.AreEqual(0.7273, interaction.OverrideRate);
        CollectionAssert.AreEqual(new[] { "aware:5:Patient aware", "benefit:2:", ":1:" }, interaction.OverrideReasons.Select(r => $"{r.Code}:{r.Count}:{r.Display}").ToList());
        Assert.IsNull(summary.CardTypes[2].OverrideRate, "no feedback on renal-dose cards");
        Assert.AreEqual(6, summary.CardTypes[2].Issued);
    }
}
