using System.ComponentModel.DataAnnotations;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// Configuration section <c>CdsHooks</c>: how CDS clients are trusted (CDS Hooks 2.0.1, "Trusting CDS Clients").
/// Environment-variable forms use double underscores: <c>CdsHooks__RequireJwt</c>, <c>CdsHooks__TrustedIssuers__0__Issuer</c>.
/// See docs/cds-hooks-security.md.
/// </summary>
public sealed class CdsHooksTrustOptions
{
    public const string SectionName = "CdsHooks";

    /// <summary>Whether every CDS Hooks call must carry a valid client JWT. On by default; off only for local development (a warning is logged at start-up).</summary>
    public bool RequireJwt { get; set; } = true;

    /// <summary>The CDS clients (JWT issuers) trusted, each with its keys.</summary>
    public List<TrustedIssuerOptions> TrustedIssuers { get; set; } = [];

    /// <summary>
    /// The external base URL clients call (scheme, host, port and any path prefix added by a proxy), e.g.
    /// <c>https://cds.example.org</c>. When set, the expected <c>aud</c> is this plus the request path; otherwise it is
    /// built from the request's own scheme, host and path base.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Tolerance for clock differences when checking <c>exp</c> and <c>iat</c>, in seconds.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>How long a JWK Set fetched from a URL is used before it is fetched again, in minutes.</summary>
    [Range(1, 24 * 60)]
    public int JwksRefreshMinutes { get; set; } = 60;

    /// <summary>Shortest time between two fetches of the same JWK Set caused by an unknown <c>kid</c> (key rotation), in seconds.</summary>
    [Range(0, 3600)]
    public int JwksMinRefetchSeconds { get; set; } = 60;

    /// <summary>Time limit of one JWK Set fetch, in seconds.</summary>
    [Range(1, 60)]
    public int JwksFetchTimeoutSeconds { get; set; } = 5;

    /// <summary>Most <c>jti</c> values remembered at once (each until its token expires); when full, new tokens are refused.</summary>
    [Range(100, 10_000_000)]
    public int ReplayCacheCapacity { get; set; } = 100_000;

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);
}
