using System.Diagnostics.CodeAnalysis;

namespace FhirAi.Fhir.Definitions.Custom;

/// <summary>An immutable snapshot of the registered custom SearchParameters, with per-type lookups built once.</summary>
public sealed class CustomSearchParameterSet
{
    private readonly Dictionary<string, SearchParameterDefinition[]> _indexedByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SearchParameterDefinition[]> _searchableByType = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Code), CustomSearchParameter> _byTypeAndCode = new();
    private readonly Dictionary<string, SearchParameterDefinition> _byUrl = new(StringComparer.Ordinal);

    internal CustomSearchParameterSet(int version, IReadOnlyList<CustomSearchParameter> entries)
    {
        Version = version;
        Entries = entries;
        foreach (var entry in entries)
        {
            _byUrl.TryAdd(entry.Definition.Url, entry.Definition);
            foreach (var type in entry.Definition.Bases)
            {
                _byTypeAndCode.TryAdd((type, entry.Definition.Code), entry);
            }
        }

        foreach (var group in _byTypeAndCode.GroupBy(pair => pair.Key.Type, StringComparer.Ordinal))
        {
            _indexedByType[group.Key] = group.Select(pair => pair.Value.Definition).ToArray();
            var searchable = group.Where(pair => pair.Value.IsSearchableOn(group.Key)).Select(pair => pair.Value.Definition).ToArray();
            if (searchable.Length > 0)
            {
                _searchableByType[group.Key] = searchable;
            }
        }
    }

    public static CustomSearchParameterSet Empty { get; } = new(0, []);

    /// <summary>Increases with every change, so caches built from a snapshot can tell they are stale.</summary>
    public int Version { get; }

    public IReadOnlyList<CustomSearchParameter> Entries { get; }

    /// <summary>Custom parameters a write of <paramref name="resourceType"/> indexes (searchable or still waiting for a reindex).</summary>
    public IReadOnlyList<SearchParameterDefinition> Indexed(string resourceType) =>
        _indexedByType.TryGetValue(resourceType, out var found) ? found : [];

    /// <summary>Custom parameters a search of <paramref name="resourceType"/> may use (reindexed since registration).</summary>
    public IReadOnlyList<SearchParameterDefinition> Searchable(string resourceType) =>
        _searchableByType.TryGetValue(resourceType, out var found) ? found : [];

    public bool TryGet(string resourceType, string code, [NotNullWhen(true)] out CustomSearchParameter? entry) =>
        _byTypeAndCode.TryGetValue((resourceType, code), out entry);

    /// <summary>Why a registered custom parameter cannot be searched on <paramref name="resourceType"/> yet; null when it can, or is not custom.</summary>
    public string? NotYetIndexed(string resourceType, string code) =>
        TryGet(resourceType, code, out var entry) && !entry.IsSearchableOn(resourceType)
            ? $"'{code}' is a custom search parameter of {resourceType} that is not indexed yet: it becomes searchable when a $reindex " +
              $"of {resourceType} (POST [base]/{resourceType}/$reindex or [base]/$reindex), started after SearchParameter/{entry.ResourceId} was written, has completed."
            : null;

    public bool TryGetByUrl(string url, [NotNullWhen(true)] out SearchParameterDefinition? definition) =>
        _byUrl.TryGetValue(url, out definition);
}
