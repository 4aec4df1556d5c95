using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// Verifies a CDS client JWT (CDS Hooks 2.0.1, "Trusting CDS Clients"): <c>alg</c> ES384 or RS384 only (so <c>none</c>
/// and every HMAC algorithm are refused), <c>typ</c> JWT, a <c>kid</c> found in the trusted issuer's keys (its JWK Set
/// file or URL, or the <c>jku</c> when that is on the issuer's allow-list), a valid signature, <c>exp</c> and <c>iat</c>
/// present and consistent with the clock (± the skew), <c>aud</c> equal to the URL called, an allowed <c>tenant</c> when
/// the issuer restricts them, and a <c>jti</c> not seen before. Never throws for a bad token: the result names the failure.
/// </summary>
internal sealed class CdsJwtVerifier
{
    /// <summary>Longest token accepted, in characters.</summary>
    public const int MaxTokenChars = 16 * 1024;

    private const int MaxJtiChars = 256;

    private readonly JsonWebTokenHandler _handler = new();

    private readonly IOptions<CdsHooksTrustOptions> _options;
    private readonly JwksCache _jwks;
    private readonly JtiReplayCache _replay;
    private readonly TimeProvider _time;
    private readonly ILogger<CdsJwtVerifier> _logger;
    private readonly Dictionary<string, (TrustedIssuerOptions Options, IReadOnlyDictionary<string, JsonWebKey> FileKeys)> _issuers;

    public CdsJwtVerifier(IOptions<CdsHooksTrustOptions> options, JwksCache jwks, JtiReplayCache replay, TimeProvider time, ILogger<CdsJwtVerifier> logger)
    {
        _options = options;
        _jwks = jwks;
        _replay = replay;
        _time = time;
        _logger = logger;
        _issuers = new Dictionary<string, (TrustedIssuerOptions, IReadOnlyDictionary<string, JsonWebKey>)>(StringComparer.Ordinal);
        foreach (var issuer in options.Value.TrustedIssuers)
        {
            IReadOnlyDictionary<string, JsonWebKey> fileKeys = new Dictionary<string, JsonWebKey>();
            if (!string.IsNullOrWhiteSpace(issuer.JwksPath))
            {
                var read = JwkSetReader.Read(File.ReadAllText(issuer.JwksPath));
                fileKeys = read.Error is null
                    ? read.Keys
                    : throw new InvalidOperationException($"CdsHooks:TrustedIssuers: the JWK Set file of issuer {issuer.Issuer} is unusable: {read.Error}.");
            }

            _issuers[issuer.Issuer] = (issuer, fileKeys);
        }
    }

    public async Task<JwtVerification> VerifyAsync(string? token, string audience, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(token, audience, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (result.Failure == JwtFailureKind.ReplayCacheFull)
            {
                TrustLog.ReplayCacheFull(_logger);
            }

            TrustLog.Refused(_logger, result.Failure);
        }

        return result;
    }

    private async Task<JwtVerification> CheckAsync(string? token, string audience, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return JwtVerification.Fail(JwtFailureKind.MissingToken);
        }

        if (token.Length > MaxTokenChars || !TryRead(token, out var jwt) || jwt.IsEncrypted)
        {
            return JwtVerification.Fail(JwtFailureKind.Malformed);
        }

        var alg = jwt.Alg;
        if (alg is not (SecurityAlgorithms.EcdsaSha384 or SecurityAlgorithms.RsaSha384))
        {
            return JwtVerification.Fail(JwtFailureKind.AlgorithmNotAllowed);
        }

        if (!string.Equals(jwt.Typ, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return JwtVerification.Fail(JwtFailureKind.WrongType);
        }

        var kid = jwt.Kid;
        if (string.IsNullOrEmpty(kid))
        {
            return JwtVerification.Fail(JwtFailureKind.MissingKeyId);
        }

        if (!jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Iss, out var iss) || string.IsNullOrEmpty(iss) || !_issuers.TryGetValue(iss, out var issuer))
        {
            return JwtVerification.Fail(JwtFailureKind.UntrustedIssuer);
        }

        var (key, keyFailure) = await FindKeyAsync(jwt, issuer.Options, issuer.FileKeys, kid, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return JwtVerification.Fail(keyFailure);
        }

        if (!JwkSetReader.Fits(key, alg))
        {
            return JwtVerification.Fail(JwtFailureKind.UnknownKey);
        }

        var validation = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [alg],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireAudience = false,
            ValidateIssuerSigningKey = false,
        }).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return JwtVerification.Fail(JwtFailureKind.BadSignature);
        }

        return CheckClaims(jwt, issuer.Options, kid, audience);
    }

    private JwtVerification CheckClaims(JsonWebToken jwt, TrustedIssuerOptions issuer, string kid, string audience)
    {
        if (!TryGetSeconds(jwt, JwtRegisteredClaimNames.Exp, out var exp) || !TryGetSeconds(jwt, JwtRegisteredClaimNames.Iat, out var iat)
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti) || string.IsNullOrEmpty(jti) || jti.Length > MaxJtiChars)
        {
            return JwtVerification.Fail(JwtFailureKind.MissingClaim);
        }

        var options = _options.Value;
        var now = _time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (now > expires + options.ClockSkew)
        {
            return JwtVerification.Fail(JwtFailureKind.Expired);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(iat) > now + options.ClockSkew)
        {
            return JwtVerification.Fail(JwtFailureKind.IssuedInFuture);
        }

        if (jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Nbf, out _)
            && (!TryGetSeconds(jwt, JwtRegisteredClaimNames.Nbf, out var nbf) || DateTimeOffset.FromUnixTimeSeconds(nbf) > now + options.ClockSkew))
        {
            return JwtVerification.Fail(JwtFailureKind.NotYetValid);
        }

        if (!jwt.Audiences.Any(claimed => AudienceMatches(claimed, audience)))
        {
            return JwtVerification.Fail(JwtFailureKind.WrongAudience);
        }

        jwt.TryGetPayloadValue<string>("tenant", out var tenant);
        if (issuer.AllowedTenants.Count > 0 && (tenant is null || !issuer.AllowedTenants.Contains(tenant, StringComparer.Ordinal)))
        {
            return JwtVerification.Fail(JwtFailureKind.TenantNotAllowed);
        }

        // Last, so that a token refused for another reason does not use up its jti.
        var recorded = _replay.TryRecord(issuer.Issuer, jti, expires + options.ClockSkew, now);
        return recorded == JwtFailureKind.None
            ? JwtVerification.Success(new CdsClientIdentity(issuer.Issuer, kid, tenant))
            : JwtVerification.Fail(recorded);
    }

    private async Task<(JsonWebKey? Key, JwtFailureKind Failure)> FindKeyAsync(
        JsonWebToken jwt, TrustedIssuerOptions issuer, IReadOnlyDictionary<string, JsonWebKey> fileKeys, string kid, CancellationToken cancellationToken)
    {
        if (jwt.TryGetHeaderValue<string>("jku", out var jku) && jku is not null)
        {
            // A jku is accepted only when configured for this issuer, so no URL chosen by the token alone is ever fetched.
            // A key of the issuer's JWK Set file is used without fetching (a local copy of the allow-listed set works offline).
            if (!issuer.JkuAllowList.Contains(jku, StringComparer.Ordinal))
            {
                return (null, JwtFailureKind.JkuNotAllowed);
            }

            return fileKeys.TryGetValue(kid, out var pinned) ? (pinned, JwtFailureKind.None) : await _jwks.FindAsync(jku, kid, cancellationToken).ConfigureAwait(false);
        }

        if (jwt.TryGetHeaderValue<object>("jku", out _))
        {
            return (null, JwtFailureKind.Malformed);
        }

        if (fileKeys.TryGetValue(kid, out var fileKey))
        {
            return (fileKey, JwtFailureKind.None);
        }

        return string.IsNullOrWhiteSpace(issuer.JwksUrl)
            ? (null, JwtFailureKind.UnknownKey)
            : await _jwks.FindAsync(issuer.JwksUrl, kid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether an <c>aud</c> value names the URL called: same scheme, host (case-insensitive), port (default ports
    /// implied) and path (exact, after URI normalisation; a query is not part of the endpoint); a user-info part never matches.
    /// </summary>
    internal static bool AudienceMatches(string claimed, string expected)
    {
        if (!Uri.TryCreate(claimed, UriKind.Absolute, out var claimedUri) || !Uri.TryCreate(expected, UriKind.Absolute, out var expectedUri)
            || claimedUri.UserInfo.Length > 0 || claimedUri.Fragment.Length > 0)
        {
            return false;
        }

        const UriComponents Parts = UriComponents.SchemeAndServer | UriComponents.Path;
        return Uri.Compare(claimedUri, expectedUri, Parts, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;
    }

    private static bool TryRead(string token, out JsonWebToken jwt)
    {
        try
        {
            jwt = new JsonWebToken(token);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or System.Text.Json.JsonException or SecurityTokenException)
        {
            jwt = null!;
            return false;
        }
    }

    /// <summary>A NumericDate claim as whole seconds (RFC 7519 allows fractions; they are dropped), within the range of a date.</summary>
    private static bool TryGetSeconds(JsonWebToken jwt, string claim, out long seconds)
    {
        const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59Z
        seconds = 0;
        if (jwt.TryGetPayloadValue<long>(claim, out var whole))
        {
            seconds = whole;
        }
        else if (jwt.TryGetPayloadValue<double>(claim, out var fractional) && double.IsFinite(fractional) && Math.Abs(fractional) <= MaxSeconds)
        {
            seconds = (long)Math.Floor(fractional);
        }
        else
        {
            return false;
        }

        return seconds is >= 0 and <= MaxSeconds;
    }
}
