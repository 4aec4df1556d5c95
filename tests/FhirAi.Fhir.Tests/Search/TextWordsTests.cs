using FhirAi.Fhir.Search;

namespace FhirAi.Fhir.Tests.Search;

/// <summary>Word folding and <c>_content</c> matching; every expectation is read off the inputs by hand.</summary>
[TestClass]
public sealed class TextWordsTests
{
    [TestMethod]
    public void Words_are_lower_case_runs_of_letters_and_digits_without_diacritics()
    {
        CollectionAssert.AreEqual(new[] { "helene", "s", "2339", "0" }, TextWords.Of("Hélène's 2339-0").ToArray());
        CollectionAssert.AreEqual(new[] { "sao", "paulo" }, TextWords.Of("  SÃO\tpaulo, São ").ToArray(), "distinct, in order");
        CollectionAssert.AreEqual(new[] { "zoe", "muller" }, TextWords.Of("Zoë MÜLLER").ToArray());
        Assert.AreEqual(0, TextWords.Of("-- !! ...").Count);
    }

    [TestMethod]
    public void Markup_is_dropped_from_xhtml()
    {
        CollectionAssert.AreEqual(new[] { "sprain", "of", "wrist" },
            TextWords.Of(TextWords.WithoutTags("<div xmlns=\"http://www.w3.org/1999/xhtml\">Sprain of <b>wrist</b></div>")).ToArray());
    }

    [TestMethod]
    public void Content_query_is_values_of_words()
    {
        Assert.AreEqual("sao paulo,kidney", ContentQuery.Encode(["São Paulo", "KIDNEY", "--"]));
        Assert.AreEqual(string.Empty, ContentQuery.Encode(["!!"]));
    }

    [TestMethod]
    [DataRow("helene", true)]
    [DataRow("hel", true)]
    [DataRow("elene", false)]
    [DataRow("patient", true)]
    [DataRow("resourcetype", false)]
    [DataRow("sprain wrist", true)]
    [DataRow("sprain ankle", false)]
    [DataRow("ankle,wrist", true)]
    [DataRow("xhtml", false)]
    [DataRow("50", true)]
    [DataRow("div", false)]
    [DataRow("", false)]
    public void Content_matches_word_prefixes_of_values_only(string query, bool expected)
    {
        const string Json = """
            {"resourceType":"Patient","name":[{"family":"Hélène"}],
             "text":{"div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Sprain of wrist</div>"},"v":1.50}
            """;
        Assert.AreEqual(expected, ContentQuery.Matches(Json, query));
    }
}
