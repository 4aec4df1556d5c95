using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// JWK Sets fetched over HTTPS (an issuer's <c>JwksUrl</c>, or an allow-listed <c>jku</c>), cached per URL for
/// <see cref="CdsHooksTrustOptions.JwksRefreshMinutes"/>; an unknown <c>kid</c> (key rotation) also triggers a re-fetch. Fetches of one
/// URL are at least <see cref="CdsHooksTrustOptions.JwksMinRefetchSeconds"/> apart. When a fetch fails, the last good set is kept.
/// Only URLs from configuration are ever fetched (the caller checks the allow-list first); redirects are not followed.
/// </summary>
internal sealed class JwksCache(IHttpClientFactory httpClients, IOptions<CdsHooksTrustOptions> options, TimeProvider time, ILogger<JwksCache> logger)
{
    public const string HttpClientName = "FhirAi.CdsHooks.Jwks";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The key <paramref name="kid"/> of the JWK Set at <paramref name="url"/>, or null (with the reason) when it cannot be had.</summary>
    public async Task<(JsonWebKey? Key, JwtFailureKind Failure)> FindAsync(string url, string kid, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(url, _ => new Entry());
        if (NeedsFetch(entry, kid))
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another request may have fetched while this one waited.
                if (NeedsFetch(entry, kid))
                {
                    await FetchAsync(url, entry, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        var keys = entry.Keys;
        if (keys is null)
        {
            return (null, JwtFailureKind.KeysUnavailable);
        }

        return keys.TryGetValue(kid, out var key) ? (key, JwtFailureKind.None) : (null, JwtFailureKind.UnknownKey);
    }

    private bool NeedsFetch(Entry entry, string kid)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (entry.LastAttempt != default && now - entry.LastAttempt < TimeSpan.FromSeconds(settings.JwksMinRefetchSeconds))
        {
            return false;
        }

        var keys = entry.Keys;
        return keys is null || now - entry.FetchedAt > TimeSpan.FromMinutes(settings.JwksRefreshMinutes) || !keys.ContainsKey(kid);
    }

    private async Task FetchAsync(string url, Entry entry, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        entry.LastAttempt = time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.JwksFetchTimeoutSeconds));
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                TrustLog.JwksFetchFailed(logger, url, $"HTTP {(int)response.StatusCode}");
                return;
            }

            var json = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            var read = json is null ? JwkSetResult.Invalid("larger than the limit") : JwkSetReader.Read(json);
            if (read.Error is not null)
            {
                TrustLog.JwksFetchFailed(logger, url, read.Error);
                return;
            }

            entry.Keys = read.Keys;
            entry.FetchedAt = time.GetUtcNow();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TrustLog.JwksFetchFailed(logger, url, "timed out");
        }
        catch (HttpRequestException exception)
        {
            TrustLog.JwksFetchFailed(logger, url, exception.GetType().Name);
        }
    }

    private static async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > JwkSetReader.MaxJwkSetChars)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var buffer = new char[JwkSetReader.MaxJwkSetChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total > JwkSetReader.MaxJwkSetChars ? null : new string(buffer, 0, total);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile IReadOnlyDictionary<string, JsonWebKey>? Keys;

        public DateTimeOffset FetchedAt { get; set; }

        public DateTimeOffset LastAttempt { get; set; }
    }
}
