namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// One trusted CDS client (<c>CdsHooks:TrustedIssuers:N</c>): its <c>iss</c> and where its public keys are. At least one
/// of <see cref="JwksPath"/>, <see cref="JwksUrl"/> or <see cref="JkuAllowList"/> must be given.
/// </summary>
public sealed class TrustedIssuerOptions
{
    /// <summary>The exact <c>iss</c> claim value (compared ordinally).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>A local JWK Set file with the issuer's public keys, read at start-up. Used for tokens without a <c>jku</c>.</summary>
    public string? JwksPath { get; set; }

    /// <summary>An https URL of the issuer's JWK Set, fetched and cached. Used for tokens without a <c>jku</c>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>The https <c>jku</c> header values accepted from this issuer (exact match); a token's keys then come from that URL.</summary>
    public List<string> JkuAllowList { get; set; } = [];

    /// <summary>When not empty, the <c>tenant</c> claim must be present and one of these values.</summary>
    public List<string> AllowedTenants { get; set; } = [];
}
