using FhirAi.CdsHooks.Services;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;

namespace FhirAi.CdsHooks.Tests.Services;

[TestClass]
public sealed class CardTextsTests
{
    [TestMethod]
    public void A_short_summary_is_kept_on_one_line()
    {
        Assert.AreEqual("Interaction: a + b", CardTexts.Summary("Interaction:\na + b  "));
    }

    [TestMethod]
    [DataRow(139)]
    [DataRow(140)]
    [DataRow(500)]
    public void A_long_summary_is_cut_under_140_characters_with_an_ellipsis(int length)
    {
        var summary = CardTexts.Summary(new string('x', length));

        Assert.IsTrue(summary.Length < 140, $"{summary.Length}");
        Assert.AreEqual(length > 139, summary.EndsWith('…'));
    }

    [TestMethod]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('x', 137) + "😀😀😀";

        var summary = CardTexts.Summary(text);

        Assert.IsTrue(summary.Length < 140);
        Assert.AreEqual(new string('x', 137) + "…", summary, "the pair at the cut is dropped whole");
    }

    [TestMethod]
    public void Markdown_metacharacters_in_data_are_escaped()
    {
        Assert.AreEqual(@"\[click\](http://x) \*bold\* a\|b", CardTexts.Markdown("[click](http://x) *bold* a|b"));
    }

    [TestMethod]
    [DataRow("https://doi.org/10.1/x", "https://doi.org/10.1/x")]
    [DataRow("doi:10.1/x", null)]
    [DataRow("javascript:alert(1)", null)]
    [DataRow(null, null)]
    public void Only_absolute_http_urls_become_source_urls_and_links(string? url, string? expected)
    {
        Assert.AreEqual(expected, CardTexts.AbsoluteUrl(url));
    }

    [TestMethod]
    public void Indicators_follow_severity_in_the_specs_order()
    {
        Assert.AreEqual("critical", CardTexts.Indicator(CardTexts.SeverityOf(IssueSeverity.High)));
        Assert.AreEqual("warning", CardTexts.Indicator(CardTexts.SeverityOf(IssueSeverity.Moderate)));
        Assert.AreEqual("info", CardTexts.Indicator(CardTexts.SeverityOf(IssueSeverity.Low)));
        Assert.AreEqual("info", CardTexts.Indicator(FindingSeverity.Info));
    }

    [TestMethod]
    public void Every_override_reason_has_a_display_in_both_languages()
    {
        Assert.IsTrue(CardTexts.OverrideReasons.Count >= 3);
        foreach (var (code, display) in CardTexts.OverrideReasons)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(code));
            Assert.IsFalse(string.IsNullOrWhiteSpace(display.English));
            Assert.IsFalse(string.IsNullOrWhiteSpace(display.SimplifiedChinese));
        }
    }
}
