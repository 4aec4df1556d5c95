namespace FhirAi.CdsHooks.Trust;

/// <summary>The outcome of verifying a client JWT: the client, or why it was refused.</summary>
public sealed record JwtVerification(CdsClientIdentity? Client, JwtFailureKind Failure)
{
    public bool Succeeded => Client is not null;

    public static JwtVerification Success(CdsClientIdentity client) => new(client, JwtFailureKind.None);

    public static JwtVerification Fail(JwtFailureKind failure) => new(null, failure);
}
