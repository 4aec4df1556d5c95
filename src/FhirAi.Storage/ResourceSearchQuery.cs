using FhirAi.Storage.Search;

namespace FhirAi.Storage;

/// <summary>Translates a <see cref="ResourceSearch"/> into parameterised EF Core queries: the matching set, then one keyset page of it.</summary>
internal static class ResourceSearchQuery
{
    public static async Task<SearchPage> RunAsync(FhirDbContext db, ResourceSearch search, CancellationToken cancellationToken)
    {
        var matching = SearchScope.Matching(db, search);
        var cursor = search.Cursor ?? (search.AfterKey is { } after ? new SearchCursor([], after, Backward: false) : null);
        await using var connection = await OneConnection.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        return await KeysetPaging.PageAsync(db, matching, search.Sort, cursor, search.Count, search.IncludeTotal, search.TotalLimit, cancellationToken)
            .ConfigureAwait(false);
    }
}
