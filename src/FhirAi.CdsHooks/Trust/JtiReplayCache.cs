using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// The <c>jti</c> values of accepted tokens, per issuer, each remembered until its token expires (plus the clock skew).
/// Bounded: at <see cref="CdsHooksTrustOptions.ReplayCacheCapacity"/> live entries, new tokens are refused rather than
/// an entry being forgotten early (which would reopen a replay window).
/// </summary>
internal sealed class JtiReplayCache(IOptions<CdsHooksTrustOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Records the token; <see cref="JwtFailureKind.Replayed"/> when it was seen before, <see cref="JwtFailureKind.ReplayCacheFull"/> when no room is left.</summary>
    public JwtFailureKind TryRecord(string issuer, string jti, DateTimeOffset forgetAfter, DateTimeOffset now)
    {
        var key = issuer + "\n" + jti;
        lock (_lock)
        {
            while (_expiries.TryPeek(out var oldest, out var expiry) && expiry < now)
            {
                _expiries.Dequeue();
                if (_seen.TryGetValue(oldest, out var stored) && stored == expiry)
                {
                    _seen.Remove(oldest);
                }
            }

            if (_seen.ContainsKey(key))
            {
                return JwtFailureKind.Replayed;
            }

            if (_seen.Count >= options.Value.ReplayCacheCapacity)
            {
                return JwtFailureKind.ReplayCacheFull;
            }

            _seen[key] = forgetAfter;
            _expiries.Enqueue(key, forgetAfter);
            return JwtFailureKind.None;
        }
    }
}
