namespace FhirAi.Storage;

/// <summary>
/// One page of search matches. <see cref="Next"/> and <see cref="Previous"/> are the keyset cursors of
/// the neighbouring pages (null when there is none); <see cref="NextCursor"/> is the resource key of the
/// last match when a next page exists (what the first, unsorted paging used).
/// </summary>
public sealed record SearchPage(IReadOnlyList<StoredResource> Matches, int? Total, long? NextCursor)
{
    public SearchCursor? Next { get; init; }

    public SearchCursor? Previous { get; init; }
}
