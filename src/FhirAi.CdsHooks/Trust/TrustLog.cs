using Microsoft.Extensions.Logging;

namespace FhirAi.CdsHooks.Trust;

/// <summary>Log messages of CDS client trust: failure kinds, configured URLs and counts; never a token, claim or key value.</summary>
internal static partial class TrustLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks client JWT refused: {Failure}")]
    public static partial void Refused(ILogger logger, JwtFailureKind failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks JWT replay cache is full; client JWTs are refused until entries expire")]
    public static partial void ReplayCacheFull(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JWK Set fetch from {Url} failed: {Reason}")]
    public static partial void JwksFetchFailed(ILogger logger, string url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks client JWT checking is OFF (CdsHooks:RequireJwt=false): any caller can invoke the CDS services. Use for local development only")]
    public static partial void JwtCheckingOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks client JWT checking is on but no trusted issuer is configured (CdsHooks:TrustedIssuers): every CDS Hooks call will answer 401")]
    public static partial void NoTrustedIssuers(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks client JWT checking is on: {IssuerCount} trusted issuers")]
    public static partial void JwtCheckingOn(ILogger logger, int issuerCount);
}
