using System.Text.Json;

namespace FhirAi.CdsHooks;

/// <summary>
/// Reads this server's own store for a hook call whose <c>fhirServer</c> is this server (or absent): the Server, the
/// composition root, implements it over its resource store and search. Returned elements must outlive the call
/// (clone them or keep their documents alive).
/// </summary>
public interface ICdsLocalFhirReader
{
    /// <summary>The current version of <c>type/id</c>, or null when it is not stored (or deleted).</summary>
    Task<JsonElement?> ReadAsync(string type, string id, CancellationToken cancellationToken);

    /// <summary>
    /// A type search with FHIR search parameters (<c>_count</c> caps the matches, <c>_include</c> of a reference
    /// parameter adds the referenced resources, <c>_sort</c> may be ignored: callers sort in memory).
    /// </summary>
    Task<IReadOnlyList<JsonElement>> SearchAsync(string type, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken);
}
