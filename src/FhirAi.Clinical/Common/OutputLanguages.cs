namespace FhirAi.Clinical.Common;

/// <summary>Chooses the output language from a BCP-47 tag or an Accept-Language header value.</summary>
public static class OutputLanguages
{
    /// <summary>The BCP-47 tag written into output resources' <c>language</c>.</summary>
    public static string Tag(OutputLanguage language) => language == OutputLanguage.SimplifiedChinese ? "zh-Hans" : "en";

    /// <summary>
    /// Picks the first supported language in preference order ("zh", "zh-CN", "zh-Hans" → Chinese;
    /// "en…" → English); English when nothing supported is asked for.
    /// </summary>
    public static OutputLanguage Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return OutputLanguage.English;
        }

        var ranked = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, position) => (Tag: part.Split(';')[0].Trim(), Quality: QualityOf(part), Position: position))
            .Where(p => p.Quality > 0)
            .OrderByDescending(p => p.Quality)
            .ThenBy(p => p.Position);
        foreach (var (tag, _, _) in ranked)
        {
            if (IsChinese(tag))
            {
                return OutputLanguage.SimplifiedChinese;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return OutputLanguage.English;
            }
        }

        return OutputLanguage.English;
    }

    // Traditional-script tags (zh-Hant, zh-TW, zh-HK) are not Simplified Chinese; we have no texts for them.
    private static bool IsChinese(string tag) =>
        tag.Equals("zh", StringComparison.OrdinalIgnoreCase)
        || tag.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("zh-CN", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("zh-SG", StringComparison.OrdinalIgnoreCase);

    private static double QualityOf(string part)
    {
        var q = part.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase));
        return q is not null && double.TryParse(q.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : 1.0;
    }
}
