using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Tests.Common;

[TestClass]
public sealed class OutputLanguagesTests
{
    [TestMethod]
    [DataRow(null, OutputLanguage.English)]
    [DataRow("", OutputLanguage.English)]
    [DataRow("zh-CN", OutputLanguage.SimplifiedChinese)]
    [DataRow("zh-Hans-CN, en;q=0.5", OutputLanguage.SimplifiedChinese)]
    [DataRow("en-GB, zh;q=0.8", OutputLanguage.English)]
    [DataRow("en;q=0.2, zh;q=0.9", OutputLanguage.SimplifiedChinese)]
    [DataRow("zh-TW", OutputLanguage.English)]
    [DataRow("fr, zh;q=0.1", OutputLanguage.SimplifiedChinese)]
    [DataRow("zh;q=0, en", OutputLanguage.English)]
    public void Picks_the_preferred_supported_language(string? header, OutputLanguage expected) =>
        Assert.AreEqual(expected, OutputLanguages.Parse(header));

    [TestMethod]
    public void Localized_text_answers_in_the_asked_language()
    {
        var text = new LocalizedText("Decision support", "决策支持");

        Assert.AreEqual("决策支持", text.For(OutputLanguage.SimplifiedChinese));
        Assert.AreEqual("Decision support", text.For(OutputLanguage.English));
    }
}
