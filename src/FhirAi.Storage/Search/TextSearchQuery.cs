using FhirAi.Fhir.Search;
using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// <c>_text</c> and <c>_content</c> (FhirAi.Fhir.Search.TextSearchParameters). <c>_text</c> reads the narrative's words the
/// indexer wrote as string rows under <c>_text</c>: per value, one key set per word (<c>normalized LIKE 'word%'</c> on
/// <c>ix_idx_string_value</c>) intersected, the values' sets concatenated. <c>_content</c> has no index (a row per word of
/// every resource would slow every write): it filters the candidate rows, after the other criteria, by
/// <c>fhirai_content_matches(json, query)</c> on the current version, so used alone it reads every resource of the type.
/// </summary>
internal static class TextSearchQuery
{
    /// <summary><c>_text:missing</c> is left to <see cref="ModifierQuery"/> (the narrative words are ordinary string rows).</summary>
    public static bool Handles(SearchCriterion criterion) =>
        criterion.Joins is null && (criterion.Parameter == TextSearchParameters.Content || (criterion.Parameter == TextSearchParameters.Text && criterion.Modifier is null));

    /// <summary>The keys <c>_text</c> matches; null for <c>_content</c>, which filters the rows (<see cref="Apply"/>).</summary>
    public static IQueryable<long>? MatchingKeys(FhirDbContext db, string type, SearchCriterion criterion)
    {
        if (criterion.Parameter != TextSearchParameters.Text)
        {
            return null;
        }

        IQueryable<long>? anyValue = null;
        foreach (var value in criterion.Values)
        {
            IQueryable<long>? everyWord = null;
            foreach (var word in TextWords.Of(value))
            {
                var rows = db.StringIndex.Where(s => s.ResourceType == type && s.Parameter == TextSearchParameters.Text);
                var keys = PrefixQuery.StartingWith(db, rows, word).Select(s => s.ResourceKey);
                everyWord = everyWord is null ? keys : everyWord.Intersect(keys);
            }

            if (everyWord is not null)
            {
                anyValue = anyValue is null ? everyWord : anyValue.Concat(everyWord);
            }
        }

        return anyValue ?? db.Resources.Where(r => false).Select(r => r.ResourceKey);
    }

    public static IQueryable<ResourceRow> Apply(FhirDbContext db, IQueryable<ResourceRow> resources, string type, SearchCriterion criterion)
    {
        if (MatchingKeys(db, type, criterion) is { } keys)
        {
            return resources.Where(r => keys.Contains(r.ResourceKey));
        }

        if (criterion.Modifier == "missing")
        {
            // Every resource has content.
            return criterion.Values[0] == "true" ? resources.Where(r => false) : resources;
        }

        // The current version's JSON as a correlated scalar sub-query, so the function is a filter on the candidate rows
        // (evaluated after their cheaper conditions), never on a scan of every version of every type.
        var query = ContentQuery.Encode(criterion.Values);
        return resources.Where(r => TextSearchFunction.ContentMatches(
            db.Versions.Where(v => v.ResourceKey == r.ResourceKey && v.VersionId == r.VersionId).Select(v => v.Json).FirstOrDefault(), query));
    }
}
