using System.Text.Json;

namespace FhirAi.CdsHooks.Protocol;

/// <summary>
/// A parsed CDS Hooks 2.0.1 service request. Owns the parsed body: <see cref="Context"/> and the prefetch values point
/// into it, so dispose the request when the call is answered.
/// </summary>
internal sealed class CdsRequest(JsonDocument body) : IDisposable
{
    public required string Hook { get; init; }

    public required string HookInstance { get; init; }

    /// <summary>The EHR's FHIR base URL, without a trailing slash; null when the client gave none.</summary>
    public Uri? FhirServer { get; init; }

    public FhirAuthorization? FhirAuthorization { get; init; }

    /// <summary>The hook's context object.</summary>
    public required JsonElement Context { get; init; }

    /// <summary>
    /// The prefetch the client sent, by key. A key that is absent was not provided (fetch it); a key whose value is
    /// JSON null means the client has no data for it (do not fetch).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Prefetch { get; init; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    /// <summary>A root-level string of the context, or null when absent or not a string.</summary>
    public string? ContextString(string name) =>
        Context.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => body.Dispose();
}

/// <summary>The <c>fhirAuthorization</c> object: the OAuth 2.0 bearer token the service uses on the EHR's FHIR server.</summary>
internal sealed record FhirAuthorization(string AccessToken, string TokenType, string? Scope, string? Subject);
