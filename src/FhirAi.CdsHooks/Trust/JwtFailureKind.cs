namespace FhirAi.CdsHooks.Trust;

/// <summary>Why a client JWT was refused. Only this kind is logged, never the token or its claims.</summary>
public enum JwtFailureKind
{
    None,
    MissingToken,
    Malformed,
    AlgorithmNotAllowed,
    WrongType,
    MissingKeyId,
    UntrustedIssuer,
    JkuNotAllowed,
    UnknownKey,
    KeysUnavailable,
    BadSignature,
    MissingClaim,
    Expired,
    IssuedInFuture,
    NotYetValid,
    WrongAudience,
    TenantNotAllowed,
    Replayed,
    ReplayCacheFull,
}
