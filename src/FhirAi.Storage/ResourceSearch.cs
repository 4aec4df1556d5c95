using FhirAi.Fhir.Search;

namespace FhirAi.Storage;

/// <summary>
/// A search over one resource type (or several, <see cref="ResourceTypes"/>): every criterion must hold.
/// Paging is keyset on the sort values and the resource key, so pages stay stable under concurrent writes.
/// </summary>
public sealed record ResourceSearch
{
    public required string ResourceType { get; init; }
    public IReadOnlyList<SearchCriterion> Criteria { get; init; } = [];
    public required int Count { get; init; }
    public long? AfterKey { get; init; }
    public bool IncludeTotal { get; init; }

    /// <summary>
    /// With <see cref="IncludeTotal"/>: count at most this many matches, and leave the total out when there are more
    /// (<c>_total=estimate</c>; counting every match of a broad query costs more than the page). Null counts them all.
    /// </summary>
    public int? TotalLimit { get; init; }

    /// <summary>When set, the search spans these types (system-level search, <c>_type</c>) and <see cref="ResourceType"/> is not used.</summary>
    public IReadOnlyList<string>? ResourceTypes { get; init; }

    /// <summary><c>_sort</c> keys, most significant first; the resource key always breaks ties.</summary>
    public IReadOnlyList<SortKey> Sort { get; init; } = [];

    /// <summary>The keyset position to page from (overrides <see cref="AfterKey"/>).</summary>
    public SearchCursor? Cursor { get; init; }

    /// <summary>Only resources in this compartment.</summary>
    public CompartmentFilter? Compartment { get; init; }

    /// <summary>Also return the resources the compartment members reference (<c>$everything</c>); needs <see cref="Compartment"/>.</summary>
    public bool IncludeReferenced { get; init; }

    /// <summary><c>$everything</c> only: leave out resources whose care date is outside a range.</summary>
    public CareDateFilter? CareDates { get; init; }
}
