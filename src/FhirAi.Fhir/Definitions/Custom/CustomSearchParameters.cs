namespace FhirAi.Fhir.Definitions.Custom;

/// <summary>
/// The registry of custom SearchParameters (owned by the <see cref="FhirDefinitions"/> singleton, never static):
/// an immutable <see cref="CustomSearchParameterSet"/> swapped atomically on every change, so readers (the
/// indexer, the search parser, the CapabilityStatement) never lock. Changes are rare and serialised here.
/// </summary>
public sealed class CustomSearchParameters
{
    private readonly Lock _changes = new();
    private volatile CustomSearchParameterSet _current = CustomSearchParameterSet.Empty;

    public CustomSearchParameterSet Current => _current;

    /// <summary>
    /// Registers (or replaces) the definition of SearchParameter/<paramref name="resourceId"/>. A replacement that
    /// indexes the same values keeps its searchable types; any other change waits for a new reindex.
    /// </summary>
    public void Register(string resourceId, SearchParameterDefinition definition, long registeredMicros)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        ArgumentNullException.ThrowIfNull(definition);
        lock (_changes)
        {
            var entries = _current.Entries.ToList();
            var index = entries.FindIndex(e => e.ResourceId == resourceId);
            var entry = new CustomSearchParameter { ResourceId = resourceId, Definition = definition, RegisteredMicros = registeredMicros };
            if (index >= 0 && CustomSearchParameter.IndexesAlike(entries[index].Definition, definition))
            {
                entry = entries[index] with { Definition = definition }; // still covered by the reindex jobs that covered it
            }

            if (index >= 0)
            {
                entries[index] = entry;
            }
            else
            {
                entries.Add(entry);
            }

            Publish(entries);
        }
    }

    /// <summary>Unregisters SearchParameter/<paramref name="resourceId"/> (deleted, or no longer active).</summary>
    public void Remove(string resourceId)
    {
        lock (_changes)
        {
            var entries = _current.Entries.Where(e => e.ResourceId != resourceId).ToList();
            if (entries.Count != _current.Entries.Count)
            {
                Publish(entries);
            }
        }
    }

    /// <summary>
    /// A reindex job over <paramref name="resourceType"/> (null: every type) has completed. The parameters that were
    /// registered when it was created (<paramref name="covered"/>: resource id → registration instant in Unix
    /// microseconds) and have not been re-registered since become searchable on the types it covered.
    /// </summary>
    public void MarkReindexed(string? resourceType, IReadOnlyDictionary<string, long> covered)
    {
        ArgumentNullException.ThrowIfNull(covered);
        lock (_changes)
        {
            var changed = false;
            var entries = _current.Entries.Select(entry =>
            {
                if (!covered.TryGetValue(entry.ResourceId, out var registered) || registered != entry.RegisteredMicros)
                {
                    return entry;
                }

                var types = entry.Definition.Bases.Where(b => resourceType is null || b == resourceType).Except(entry.SearchableTypes).ToList();
                if (types.Count == 0)
                {
                    return entry;
                }

                changed = true;
                return entry with { SearchableTypes = entry.SearchableTypes.Concat(types).ToHashSet(StringComparer.Ordinal) };
            }).ToList();
            if (changed)
            {
                Publish(entries);
            }
        }
    }

    private void Publish(List<CustomSearchParameter> entries) => _current = new CustomSearchParameterSet(_current.Version + 1, entries);
}
