namespace FhirAi.Fhir.Definitions.Custom;

/// <summary>
/// A SearchParameter resource registered at run time. Writes index it at once; a search may use it on a
/// resource type only once a reindex job that started after <see cref="RegisteredMicros"/> has covered that
/// type (<see cref="SearchableTypes"/>), because resources written earlier have no index rows for it.
/// </summary>
public sealed record CustomSearchParameter
{
    /// <summary>The logical id of the stored SearchParameter resource.</summary>
    public required string ResourceId { get; init; }

    public required SearchParameterDefinition Definition { get; init; }

    /// <summary>lastUpdated of the version that registered this definition, in Unix microseconds.</summary>
    public required long RegisteredMicros { get; init; }

    /// <summary>Base types whose existing resources have been reindexed since registration.</summary>
    public IReadOnlySet<string> SearchableTypes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsSearchableOn(string resourceType) => SearchableTypes.Contains(resourceType);

    /// <summary>True when the two definitions index the same values (code, type, bases, expression, components).</summary>
    public static bool IndexesAlike(SearchParameterDefinition a, SearchParameterDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Code == b.Code && a.Type == b.Type && a.Expression == b.Expression && a.Url == b.Url
            && a.Bases.SequenceEqual(b.Bases) && a.Components.SequenceEqual(b.Components);
    }
}
