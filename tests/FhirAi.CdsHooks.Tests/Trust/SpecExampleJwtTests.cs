using System.Text;
using FhirAi.CdsHooks.Trust;
using Microsoft.IdentityModel.Tokens;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>
/// The complete example JWT of CDS Hooks 2.0.1 ("Trusting CDS Clients", spec-2.0.1__jwt-example-es384.txt) against the
/// example's JWK Set (spec-2.0.1__24), served at the example's <c>jku</c>. The example expired in 2015 (exp 1422568860,
/// iat 1311280970), so the clock is set between the two.
/// </summary>
[TestClass]
public sealed class SpecExampleJwtTests
{
    private const string Issuer = "https://fhir-ehr.example.com/";
    private const string Jku = "https://fhir-ehr.example.com/jwk_uri";
    private const string Audience = "https://cds.example.org/cds-services/some-service";
    private static readonly DateTimeOffset BetweenIatAndExp = new(2014, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Token => TrustHarness.SpecExample("spec-2.0.1__jwt-example-es384.txt").Trim();

    private static TrustHarness WithJkuAllowed(DateTimeOffset now)
    {
        var harness = new TrustHarness(new()
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
            ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = Jku,
        }, now);
        harness.Jwks.Serve(Jku, TrustHarness.SpecExample("spec-2.0.1__24__example.json"));
        return harness;
    }

    [TestMethod]
    public async Task The_spec_example_jwt_verifies_against_the_spec_jwks_with_an_injected_clock()
    {
        using var harness = WithJkuAllowed(BetweenIatAndExp);
        var result = await harness.VerifyAsync(Token, Audience);
        Assert.AreEqual(JwtFailureKind.None, result.Failure);
        Assert.IsNotNull(result.Client);
        Assert.AreEqual(Issuer, result.Client.Issuer);
        Assert.AreEqual("example-kid", result.Client.KeyId);
        Assert.AreEqual("2ddd6c3a-8e9a-44c6-a305-52111ad302a2", result.Client.Tenant);
        Assert.AreEqual(1, harness.Jwks.RequestsTo(Jku), "the allow-listed jku was fetched once");
    }

    [TestMethod]
    public async Task The_spec_example_is_expired_today()
    {
        using var harness = WithJkuAllowed(DateTimeOffset.UtcNow);
        Assert.AreEqual(JwtFailureKind.Expired, (await harness.VerifyAsync(Token, Audience)).Failure);
    }

    [TestMethod]
    public async Task The_spec_example_cannot_be_replayed()
    {
        using var harness = WithJkuAllowed(BetweenIatAndExp);
        Assert.IsTrue((await harness.VerifyAsync(Token, Audience)).Succeeded);
        Assert.AreEqual(JwtFailureKind.Replayed, (await harness.VerifyAsync(Token, Audience)).Failure);
        Assert.AreEqual(1, harness.Jwks.RequestsTo(Jku), "the cached JWK Set served the second check");
    }

    [TestMethod]
    public async Task The_spec_example_called_at_another_url_is_refused()
    {
        using var harness = WithJkuAllowed(BetweenIatAndExp);
        Assert.AreEqual(JwtFailureKind.WrongAudience, (await harness.VerifyAsync(Token, "https://cds.example.org/cds-services/other-service")).Failure);
        Assert.AreEqual(JwtFailureKind.WrongAudience, (await harness.VerifyAsync(Token, "https://cds.example.org:8443/cds-services/some-service")).Failure);
        Assert.AreEqual(JwtFailureKind.WrongAudience, (await harness.VerifyAsync(Token, "http://cds.example.org/cds-services/some-service")).Failure);
    }

    [TestMethod]
    public async Task The_spec_example_with_its_jku_not_on_the_allow_list_is_refused_and_nothing_is_fetched()
    {
        var jwksFile = TestJwt.WriteJwkSet(TrustHarness.SpecExample("spec-2.0.1__24__example.json"));
        using var harness = new TrustHarness(new()
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
            ["CdsHooks:TrustedIssuers:0:JwksPath"] = jwksFile,
            ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = "https://fhir-ehr.example.com/other-jwks",
        }, BetweenIatAndExp);
        harness.Jwks.Serve(Jku, TrustHarness.SpecExample("spec-2.0.1__24__example.json"));
        Assert.AreEqual(JwtFailureKind.JkuNotAllowed, (await harness.VerifyAsync(Token, Audience)).Failure);
        Assert.AreEqual(0, harness.Jwks.Requests.Count, "a jku off the allow-list is never fetched");
    }

    [TestMethod]
    public async Task The_spec_example_with_a_changed_payload_fails_its_signature()
    {
        using var harness = WithJkuAllowed(BetweenIatAndExp);
        var parts = Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("2ddd6c3a-8e9a-44c6-a305-52111ad302a2", "00000000-8e9a-44c6-a305-52111ad302a2", StringComparison.Ordinal);
        var forged = parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        Assert.AreEqual(JwtFailureKind.BadSignature, (await harness.VerifyAsync(forged, Audience)).Failure);
    }

    [TestMethod]
    public async Task The_spec_example_from_an_untrusted_issuer_is_refused()
    {
        using var harness = new TrustHarness(new()
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://fhir-ehr.example.com",
            ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = Jku,
        }, BetweenIatAndExp);
        harness.Jwks.Serve(Jku, TrustHarness.SpecExample("spec-2.0.1__24__example.json"));
        Assert.AreEqual(JwtFailureKind.UntrustedIssuer, (await harness.VerifyAsync(Token, Audience)).Failure, "iss is compared exactly (trailing slash)");
    }
}
