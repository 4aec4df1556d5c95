using System.Net;
using System.Text.Json;
using FhirAi.Fhir.Search;

namespace FhirAi.Fhir.Indexing;

/// <summary>
/// <c>_text</c> (search on the narrative): the distinct words of <c>Resource.text.div</c> (markup dropped, entities
/// decoded, <see cref="TextWords"/>) as string index rows under the parameter <c>_text</c>, at most <see cref="MaxWords"/>
/// per resource. Narrative is rare in typical data (Synthea: Patient and CarePlan), so this adds few rows per write.
/// </summary>
internal static class NarrativeWords
{
    public const string Parameter = "_text";

    /// <summary>Words past this many distinct ones are not indexed (a long narrative would otherwise cost a row per word).</summary>
    public const int MaxWords = 256;

    public static void Add(IndexSink sink, JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.Object
            || !text.TryGetProperty("div", out var div) || div.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var plain = WebUtility.HtmlDecode(TextWords.WithoutTags(div.GetString()!));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextWords.Split(TextWords.Fold(plain)))
        {
            if (seen.Add(word))
            {
                sink.Strings.Add(new StringIndexValue(Parameter, word, word));
                if (seen.Count == MaxWords)
                {
                    return;
                }
            }
        }
    }
}
