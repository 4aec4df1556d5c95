using System.Text;
using System.Text.RegularExpressions;

namespace FhirAi.Fhir.Search;

/// <summary>
/// Words for <c>_text</c> and <c>_content</c>: text is decomposed (NFD), the combining diacritical marks are dropped,
/// letters are lower-cased, and every run of letters and digits is a word ("Hélène's 2339-0" → hélène → helene, s, 2339, 0).
/// The PostgreSQL function of migration TextSearchFunctions folds text the same way, so both providers agree; that is why
/// this does not reuse <see cref="SearchText.Normalize"/> (string parameters), which drops every non-spacing mark.
/// </summary>
public static partial class TextWords
{
    /// <summary>Words of a query value, distinct, in order; empty when the value has no letter or digit.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (var word in Split(Fold(text)))
        {
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Markup of an XHTML fragment replaced by spaces, so tag and attribute names are not words of the text.</summary>
    public static string WithoutTags(string xhtml)
    {
        ArgumentNullException.ThrowIfNull(xhtml);
        return xhtml.Contains('<', StringComparison.Ordinal) ? Tag().Replace(xhtml, " ") : xhtml;
    }

    /// <summary>Lower case without diacritics; other characters are kept (they separate words later).</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainLowerAscii(text))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (!IsCombiningDiacritic(character))
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }

        return builder.ToString();
    }

    /// <summary>Runs of letters and digits of folded text.</summary>
    public static IEnumerable<string> Split(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>
    /// The blocks of combining diacritical marks (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F), not every
    /// non-spacing mark: the same ranges are written in the PostgreSQL function, and vowel signs of other scripts stay.
    /// </summary>
    private static bool IsCombiningDiacritic(char c) =>
        c is (>= '\u0300' and <= '\u036f') or (>= '\u1ab0' and <= '\u1aff') or (>= '\u1dc0' and <= '\u1dff')
            or (>= '\u20d0' and <= '\u20ff') or (>= '\ufe20' and <= '\ufe2f');

    private static bool IsPlainLowerAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f' || char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
