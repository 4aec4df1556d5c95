using System.Text;
using System.Text.Json;

namespace FhirAi.Fhir.Search;

/// <summary>
/// <c>_content</c> matching over a resource's JSON: every string and number value (not the property names; narrative
/// markup dropped) is split into <see cref="TextWords"/>, and a query value matches when each of its words begins a word of
/// the resource. A query is encoded as one string, values separated by commas (OR) and words by spaces (AND), so the
/// database can evaluate it per row with one call (SQLite: this class as a function; PostgreSQL: migration TextSearchFunctions).
/// </summary>
public static class ContentQuery
{
    /// <summary>The encoded query for the values of one criterion; empty when no value has a word (then nothing matches).</summary>
    public static string Encode(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(',', values.Select(v => string.Join(' ', TextWords.Of(v))).Where(g => g.Length > 0));
    }

    public static bool Matches(string? json, string? encodedQuery)
    {
        if (string.IsNullOrEmpty(json) || string.IsNullOrEmpty(encodedQuery))
        {
            return false;
        }

        var groups = encodedQuery.Split(',').Select(g => g.Split(' ')).ToArray();
        var found = groups.Select(g => new bool[g.Length]).ToArray();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                {
                    continue;
                }

                var value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                foreach (var word in TextWords.Split(TextWords.Fold(TextWords.WithoutTags(value))))
                {
                    if (Mark(groups, found, word))
                    {
                        return true;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Stored resources are valid JSON; anything else has no content to match.
            return false;
        }

        return false;
    }

    /// <summary>Marks the query words <paramref name="word"/> begins with; true once every word of some group is found.</summary>
    private static bool Mark(string[][] groups, bool[][] found, string word)
    {
        for (var g = 0; g < groups.Length; g++)
        {
            var complete = true;
            for (var w = 0; w < groups[g].Length; w++)
            {
                found[g][w] |= word.StartsWith(groups[g][w], StringComparison.Ordinal);
                complete &= found[g][w];
            }

            if (complete)
            {
                return true;
            }
        }

        return false;
    }
}
