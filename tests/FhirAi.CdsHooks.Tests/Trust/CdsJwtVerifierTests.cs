using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Trust;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>Client JWTs signed with keys generated here, one refusal reason per test.</summary>
[TestClass]
public sealed class CdsJwtVerifierTests
{
    private const string Issuer = "https://ehr.example.org";
    private const string Audience = "https://cds.example.org/cds-services/fhirai-medication-review";
    private const string Kid = "ec-1";
    private const string RsaKid = "rsa-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static readonly ECDsa EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly RSA RsaKey = RSA.Create(2048);
    private static readonly string JwksJson = TestJwt.JwkSet(TestJwt.PublicJwk(EcKey, Kid), TestJwt.PublicJwk(RsaKey, RsaKid));
    private static readonly string JwksFile = TestJwt.WriteJwkSet(JwksJson);

    private static TrustHarness FileHarness(Dictionary<string, string?>? extra = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
            ["CdsHooks:TrustedIssuers:0:JwksPath"] = JwksFile,
        };
        foreach (var (key, value) in extra ?? [])
        {
            configuration[key] = value;
        }

        return new TrustHarness(configuration, Now);
    }

    private static string Es384(JsonObject payload, JsonObject? header = null) => TestJwt.Create(header ?? TestJwt.Header("ES384", Kid), payload, TestJwt.Es384(EcKey));

    private static JsonObject Valid() => TestJwt.Payload(Issuer, Audience, Now);

    [TestMethod]
    public async Task An_es384_token_signed_by_a_key_of_the_jwks_file_is_accepted()
    {
        using var harness = FileHarness();
        var result = await harness.VerifyAsync(Es384(Valid()), Audience);
        Assert.AreEqual(JwtFailureKind.None, result.Failure);
        Assert.AreEqual(Issuer, result.Client!.Issuer);
        Assert.IsNull(result.Client.Tenant);
    }

    [TestMethod]
    public async Task An_rs384_token_signed_by_a_generated_rsa_key_is_accepted()
    {
        using var harness = FileHarness();
        var token = TestJwt.Create(TestJwt.Header("RS384", RsaKid), Valid(), TestJwt.Rs384(RsaKey));
        var result = await harness.VerifyAsync(token, Audience);
        Assert.AreEqual(JwtFailureKind.None, result.Failure);
        Assert.AreEqual(RsaKid, result.Client!.KeyId);
    }

    [TestMethod]
    public async Task No_token_is_refused()
    {
        using var harness = FileHarness();
        Assert.AreEqual(JwtFailureKind.MissingToken, (await harness.VerifyAsync(null, Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.MissingToken, (await harness.VerifyAsync(string.Empty, Audience)).Failure);
    }

    [TestMethod]
    public async Task Garbage_and_oversized_tokens_are_malformed_not_exceptions()
    {
        using var harness = FileHarness();
        Assert.AreEqual(JwtFailureKind.Malformed, (await harness.VerifyAsync("not-a-jwt", Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.Malformed, (await harness.VerifyAsync("e30.e30", Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.Malformed, (await harness.VerifyAsync("%%%.%%%.%%%", Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.Malformed, (await harness.VerifyAsync(new string('a', CdsJwtVerifier.MaxTokenChars + 1), Audience)).Failure);
    }

    [TestMethod]
    public async Task A_token_for_another_url_is_refused()
    {
        using var harness = FileHarness();
        var payload = TestJwt.Payload(Issuer, "https://cds.example.org/cds-services/fhirai-patient-view", Now);
        Assert.AreEqual(JwtFailureKind.WrongAudience, (await harness.VerifyAsync(Es384(payload), Audience)).Failure);
    }

    [TestMethod]
    public async Task An_audience_array_naming_the_url_is_accepted()
    {
        using var harness = FileHarness();
        var payload = Valid();
        payload["aud"] = new JsonArray("https://elsewhere.example.org/", Audience);
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(payload), Audience)).Failure);
    }

    [TestMethod]
    public async Task An_expired_token_is_refused_beyond_the_clock_skew()
    {
        using var harness = FileHarness();
        var expired = TestJwt.Payload(Issuer, Audience, Now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(8));
        Assert.AreEqual(JwtFailureKind.Expired, (await harness.VerifyAsync(Es384(expired), Audience)).Failure, "expired 2 minutes ago, skew 60 s");
        var withinSkew = TestJwt.Payload(Issuer, Audience, Now - TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(270));
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(withinSkew), Audience)).Failure, "expired 30 s ago, within the skew");
    }

    [TestMethod]
    public async Task A_token_issued_in_the_future_is_refused()
    {
        using var harness = FileHarness();
        var future = TestJwt.Payload(Issuer, Audience, Now + TimeSpan.FromMinutes(5));
        Assert.AreEqual(JwtFailureKind.IssuedInFuture, (await harness.VerifyAsync(Es384(future), Audience)).Failure);
        var slightlyAhead = TestJwt.Payload(Issuer, Audience, Now + TimeSpan.FromSeconds(20));
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(slightlyAhead), Audience)).Failure, "20 s ahead is within the skew");
    }

    [TestMethod]
    public async Task A_replayed_jti_is_refused_until_the_token_expires()
    {
        using var harness = FileHarness();
        var token = Es384(Valid());
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(token, Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.Replayed, (await harness.VerifyAsync(token, Audience)).Failure);
        var sameJti = Valid();
        sameJti["jti"] = TestJwt.Parse(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[1])))["jti"]!.GetValue<string>();
        Assert.AreEqual(JwtFailureKind.Replayed, (await harness.VerifyAsync(Es384(sameJti), Audience)).Failure, "a new token with a used jti");
    }

    [TestMethod]
    public async Task A_token_refused_for_another_reason_does_not_use_up_its_jti()
    {
        using var harness = FileHarness();
        var payload = Valid();
        Assert.AreEqual(JwtFailureKind.WrongAudience, (await harness.VerifyAsync(Es384(payload), "https://cds.example.org/cds-services")).Failure);
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(payload), Audience)).Failure);
    }

    [TestMethod]
    public async Task Alg_none_is_refused()
    {
        using var harness = FileHarness();
        var token = TestJwt.Create(TestJwt.Header("none", Kid), Valid(), _ => []);
        Assert.AreEqual(JwtFailureKind.AlgorithmNotAllowed, (await harness.VerifyAsync(token, Audience)).Failure);
        Assert.AreEqual(JwtFailureKind.AlgorithmNotAllowed, (await harness.VerifyAsync(token.TrimEnd('.') + ".", Audience)).Failure);
    }

    [TestMethod]
    public async Task Hs256_signed_with_the_public_key_bytes_is_refused()
    {
        using var harness = FileHarness();
        // The classic key-confusion attack: an HMAC whose secret is the verifier's public key.
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(JwksJson), EcKey.ExportSubjectPublicKeyInfo() })
        {
            foreach (var alg in new[] { "HS256", "HS384" })
            {
                var token = TestJwt.Create(TestJwt.Header(alg, Kid), Valid(), data => alg == "HS256" ? HMACSHA256.HashData(secret, data) : HMACSHA384.HashData(secret, data));
                Assert.AreEqual(JwtFailureKind.AlgorithmNotAllowed, (await harness.VerifyAsync(token, Audience)).Failure, alg);
            }
        }
    }

    [TestMethod]
    public async Task Other_asymmetric_algorithms_are_refused()
    {
        using var harness = FileHarness();
        var rs256 = TestJwt.Create(TestJwt.Header("RS256", RsaKid), Valid(), data => RsaKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.AreEqual(JwtFailureKind.AlgorithmNotAllowed, (await harness.VerifyAsync(rs256, Audience)).Failure);
        var es384Lower = Es384(Valid(), TestJwt.Header("es384", Kid));
        Assert.AreEqual(JwtFailureKind.AlgorithmNotAllowed, (await harness.VerifyAsync(es384Lower, Audience)).Failure, "alg is case-sensitive");
    }

    [TestMethod]
    public async Task An_unknown_kid_is_refused()
    {
        using var harness = FileHarness();
        Assert.AreEqual(JwtFailureKind.UnknownKey, (await harness.VerifyAsync(Es384(Valid(), TestJwt.Header("ES384", "no-such-kid")), Audience)).Failure);
    }

    [TestMethod]
    public async Task A_missing_kid_is_refused()
    {
        using var harness = FileHarness();
        Assert.AreEqual(JwtFailureKind.MissingKeyId, (await harness.VerifyAsync(Es384(Valid(), TestJwt.Header("ES384", null)), Audience)).Failure);
    }

    [TestMethod]
    public async Task A_kid_of_the_wrong_key_type_is_refused()
    {
        using var harness = FileHarness();
        // ES384 header naming the RSA key: the key cannot verify that algorithm.
        Assert.AreEqual(JwtFailureKind.UnknownKey, (await harness.VerifyAsync(Es384(Valid(), TestJwt.Header("ES384", RsaKid)), Audience)).Failure);
    }

    [TestMethod]
    public async Task A_token_signed_by_another_key_with_a_trusted_kid_fails_its_signature()
    {
        using var harness = FileHarness();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var token = TestJwt.Create(TestJwt.Header("ES384", Kid), Valid(), TestJwt.Es384(stranger));
        Assert.AreEqual(JwtFailureKind.BadSignature, (await harness.VerifyAsync(token, Audience)).Failure);
    }

    [TestMethod]
    public async Task An_untrusted_issuer_is_refused()
    {
        using var harness = FileHarness();
        var payload = TestJwt.Payload("https://evil.example.org", Audience, Now);
        Assert.AreEqual(JwtFailureKind.UntrustedIssuer, (await harness.VerifyAsync(Es384(payload), Audience)).Failure);
        payload.Remove("iss");
        Assert.AreEqual(JwtFailureKind.UntrustedIssuer, (await harness.VerifyAsync(Es384(payload), Audience)).Failure);
    }

    [TestMethod]
    public async Task A_jku_not_on_the_allow_list_is_refused_even_when_it_serves_the_key()
    {
        using var harness = FileHarness(new() { ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = "https://ehr.example.org/jwks" });
        harness.Jwks.Serve("https://attacker.example.net/jwks", JwksJson);
        var token = Es384(Valid(), TestJwt.Header("ES384", Kid, "https://attacker.example.net/jwks"));
        Assert.AreEqual(JwtFailureKind.JkuNotAllowed, (await harness.VerifyAsync(token, Audience)).Failure);
        Assert.AreEqual(0, harness.Jwks.Requests.Count);
    }

    [TestMethod]
    public async Task A_jku_on_the_allow_list_supplies_the_keys()
    {
        using var harness = FileHarness(new() { ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = "https://ehr.example.org/jwks" });
        using var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        harness.Jwks.Serve("https://ehr.example.org/jwks", TestJwt.JwkSet(TestJwt.PublicJwk(rotated, "ec-2")));
        var token = TestJwt.Create(TestJwt.Header("ES384", "ec-2", "https://ehr.example.org/jwks"), Valid(), TestJwt.Es384(rotated));
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(token, Audience)).Failure);
    }

    [TestMethod]
    public async Task An_allow_listed_jku_whose_key_is_in_the_jwks_file_needs_no_fetch()
    {
        // The public sandbox sends a jku on every call; a local copy of that JWK Set lets it verify offline.
        using var harness = FileHarness(new() { ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = "https://ehr.example.org/jwks" });
        var token = Es384(Valid(), TestJwt.Header("ES384", Kid, "https://ehr.example.org/jwks"));
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(token, Audience)).Failure);
        Assert.AreEqual(0, harness.Jwks.Requests.Count);
    }

    [TestMethod]
    public async Task Missing_exp_iat_or_jti_is_refused()
    {
        using var harness = FileHarness();
        foreach (var claim in new[] { "exp", "iat", "jti" })
        {
            var payload = Valid();
            payload.Remove(claim);
            Assert.AreEqual(JwtFailureKind.MissingClaim, (await harness.VerifyAsync(Es384(payload), Audience)).Failure, claim);
        }
    }

    [TestMethod]
    public async Task Claims_of_the_wrong_json_type_are_refused_without_exceptions()
    {
        using var harness = FileHarness();
        // Which check refuses depends on where the library's parser stops (aud = 5 is already Malformed); what matters is a refusal.
        var cases = new (string Claim, JsonNode? Value)[]
        {
            ("aud", 5), ("aud", new JsonObject { ["url"] = Audience }), ("aud", new JsonArray(1, 2)), ("iss", 7),
            ("exp", "soon"), ("exp", 1e300), ("iat", -5), ("jti", new JsonArray("a")), ("jti", new string('j', 257)),
        };
        foreach (var (claim, value) in cases)
        {
            var payload = Valid();
            payload[claim] = value;
            Assert.AreNotEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(payload), Audience)).Failure, $"{claim} = {value?.ToJsonString()}");
        }

        var header = TestJwt.Header("ES384", Kid);
        header["jku"] = 12;
        Assert.AreNotEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(Valid(), header), Audience)).Failure, "jku not a string");
        header = TestJwt.Header("ES384", Kid);
        header["kid"] = new JsonObject();
        Assert.AreNotEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(Valid(), header), Audience)).Failure, "kid not a string");
    }

    [TestMethod]
    public async Task A_typ_other_than_jwt_is_refused()
    {
        using var harness = FileHarness();
        var header = TestJwt.Header("ES384", Kid);
        header["typ"] = "at+jwt";
        Assert.AreEqual(JwtFailureKind.WrongType, (await harness.VerifyAsync(Es384(Valid(), header), Audience)).Failure);
        header.Remove("typ");
        Assert.AreEqual(JwtFailureKind.WrongType, (await harness.VerifyAsync(Es384(Valid(), header), Audience)).Failure);
    }

    [TestMethod]
    public async Task Allowed_tenants_restrict_the_tenant_claim()
    {
        using var harness = FileHarness(new() { ["CdsHooks:TrustedIssuers:0:AllowedTenants:0"] = "hospital-a" });
        var none = Valid();
        Assert.AreEqual(JwtFailureKind.TenantNotAllowed, (await harness.VerifyAsync(Es384(none), Audience)).Failure);
        var other = Valid();
        other["tenant"] = "hospital-b";
        Assert.AreEqual(JwtFailureKind.TenantNotAllowed, (await harness.VerifyAsync(Es384(other), Audience)).Failure);
        var allowed = Valid();
        allowed["tenant"] = "hospital-a";
        var result = await harness.VerifyAsync(Es384(allowed), Audience);
        Assert.AreEqual("hospital-a", result.Client!.Tenant);
    }

    [TestMethod]
    public async Task The_replay_cache_is_bounded_and_frees_room_as_tokens_expire()
    {
        using var harness = FileHarness(new() { ["CdsHooks:ReplayCacheCapacity"] = "100" });
        for (var i = 0; i < 100; i++)
        {
            Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(Valid()), Audience)).Failure);
        }

        Assert.AreEqual(JwtFailureKind.ReplayCacheFull, (await harness.VerifyAsync(Es384(Valid()), Audience)).Failure, "full: refused, never forgotten early");
        harness.Clock.Now = Now + TimeSpan.FromMinutes(7);
        var later = TestJwt.Payload(Issuer, Audience, harness.Clock.Now);
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(Es384(later), Audience)).Failure, "expired entries were dropped");
    }

    [TestMethod]
    public async Task A_jwks_url_is_fetched_once_cached_and_refreshed_for_a_rotated_key()
    {
        const string Url = "https://ehr.example.org/.well-known/jwks.json";
        using var harness = new TrustHarness(new()
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
            ["CdsHooks:TrustedIssuers:0:JwksUrl"] = Url,
            ["CdsHooks:JwksMinRefetchSeconds"] = "60",
        }, Now);
        harness.Jwks.Serve(Url, JwksJson);
        Assert.IsTrue((await harness.VerifyAsync(Es384(Valid()), Audience)).Succeeded);
        Assert.IsTrue((await harness.VerifyAsync(Es384(Valid()), Audience)).Succeeded);
        Assert.AreEqual(1, harness.Jwks.RequestsTo(Url), "cached");

        using var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        harness.Jwks.Serve(Url, TestJwt.JwkSet(TestJwt.PublicJwk(rotated, "ec-2")));
        var rotatedToken = TestJwt.Create(TestJwt.Header("ES384", "ec-2"), Valid(), TestJwt.Es384(rotated));
        Assert.AreEqual(JwtFailureKind.UnknownKey, (await harness.VerifyAsync(rotatedToken, Audience)).Failure, "within the minimum interval: no re-fetch");
        Assert.AreEqual(1, harness.Jwks.RequestsTo(Url));

        harness.Clock.Now = Now + TimeSpan.FromSeconds(61);
        var fresh = TestJwt.Create(TestJwt.Header("ES384", "ec-2"), TestJwt.Payload(Issuer, Audience, harness.Clock.Now), TestJwt.Es384(rotated));
        Assert.AreEqual(JwtFailureKind.None, (await harness.VerifyAsync(fresh, Audience)).Failure, "unknown kid after the interval: re-fetched");
        Assert.AreEqual(2, harness.Jwks.RequestsTo(Url));
    }

    [TestMethod]
    public async Task An_unreachable_jwks_url_refuses_the_token_without_throwing()
    {
        const string Url = "https://ehr.example.org/jwks-down";
        using var harness = new TrustHarness(new()
        {
            ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
            ["CdsHooks:TrustedIssuers:0:JwksUrl"] = Url,
        }, Now);
        harness.Jwks.Serve(Url, "oops", HttpStatusCode.InternalServerError);
        Assert.AreEqual(JwtFailureKind.KeysUnavailable, (await harness.VerifyAsync(Es384(Valid()), Audience)).Failure);
        harness.Jwks.Serve(Url, "{not json");
        harness.Clock.Now = Now + TimeSpan.FromMinutes(2);
        Assert.AreEqual(JwtFailureKind.KeysUnavailable, (await harness.VerifyAsync(Es384(TestJwt.Payload(Issuer, Audience, harness.Clock.Now)), Audience)).Failure);
    }

    [TestMethod]
    [DataRow("https://cds.example.org/cds-services/x", "https://cds.example.org/cds-services/x", true)]
    [DataRow("https://CDS.Example.org/cds-services/x", "https://cds.example.org/cds-services/x", true)]
    [DataRow("https://cds.example.org:443/cds-services/x", "https://cds.example.org/cds-services/x", true)]
    [DataRow("https://cds.example.org/cds-services/x/", "https://cds.example.org/cds-services/x", false)]
    [DataRow("https://cds.example.org/cds-services/X", "https://cds.example.org/cds-services/x", false)]
    [DataRow("http://cds.example.org/cds-services/x", "https://cds.example.org/cds-services/x", false)]
    [DataRow("https://cds.example.org:8443/cds-services/x", "https://cds.example.org/cds-services/x", false)]
    [DataRow("https://user@cds.example.org/cds-services/x", "https://cds.example.org/cds-services/x", false)]
    [DataRow("https://cds.example.org/cds-services", "https://cds.example.org/cds-services/x", false)]
    [DataRow("cds-services/x", "https://cds.example.org/cds-services/x", false)]
    [DataRow("https://cds.example.org/cds-services/x?a=1", "https://cds.example.org/cds-services/x", true)]
    public void The_audience_must_be_the_url_called(string claimed, string expected, bool matches) =>
        Assert.AreEqual(matches, CdsJwtVerifier.AudienceMatches(claimed, expected));
}
