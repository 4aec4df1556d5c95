namespace FhirAi.Storage.Search;

/// <summary>A stored resource with its resource key (the keyset position paging and cursors work with).</summary>
internal readonly record struct KeyedResource(long Key, StoredResource Resource);
