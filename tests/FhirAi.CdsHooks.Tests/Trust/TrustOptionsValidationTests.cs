using System.Security.Cryptography;
using FhirAi.CdsHooks.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>A trust configuration that cannot work stops the start with a message naming the key to fix.</summary>
[TestClass]
public sealed class TrustOptionsValidationTests
{
    private static ValidateOptionsResult Validate(Dictionary<string, string?> configuration)
    {
        var options = new CdsHooksTrustOptions();
        new ConfigurationBuilder().AddInMemoryCollection(configuration).Build().GetSection(CdsHooksTrustOptions.SectionName).Bind(options);
        return new CdsHooksTrustOptionsValidator().Validate(null, options);
    }

    [TestMethod]
    public void A_trusted_issuer_without_keys_fails_with_a_clear_message()
    {
        var result = Validate(new() { ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://ehr.example.org" });
        Assert.IsTrue(result.Failed);
        StringAssert.Contains(result.FailureMessage, "CdsHooks:TrustedIssuers:0 (https://ehr.example.org) has no keys");
        StringAssert.Contains(result.FailureMessage, "JwksPath");
    }

    [TestMethod]
    public void The_sandbox_jwks_is_a_usable_key_file()
    {
        var path = Path.Combine(TrustHarness.DataDirectory, "sandbox-keys", "sandbox-jwks.json");
        var result = Validate(new() { ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://sandbox.cds-hooks.org", ["CdsHooks:TrustedIssuers:0:JwksPath"] = path });
        Assert.IsTrue(result.Succeeded, result.FailureMessage);
        Assert.IsTrue(JwkSetReader.Read(File.ReadAllText(path)).Keys.ContainsKey("44823f3d-0b01-4a6c-a80e-b9d3e8a7226f"));
    }

    [TestMethod]
    public void Unusable_key_sources_fail()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var withPrivate = TestJwt.PublicJwk(ec, "k");
        withPrivate["d"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(ec.ExportParameters(true).D);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p256Jwk = TestJwt.PublicJwk(p256, "k");
        p256Jwk["crv"] = "P-256";
        using var weak = RSA.Create(1024);
        var cases = new Dictionary<string, (string Key, string Value)>
        {
            ["cannot be read"] = ("JwksPath", "/nonexistent/jwks.json"),
            ["private key material"] = ("JwksPath", TestJwt.WriteJwkSet(TestJwt.JwkSet(withPrivate))),
            ["no ES384"] = ("JwksPath", TestJwt.WriteJwkSet(TestJwt.JwkSet(p256Jwk, TestJwt.PublicJwk(weak, "weak")))),
            ["not a JSON JWK Set"] = ("JwksPath", TestJwt.WriteJwkSet("[1,2")),
            ["JwksUrl must be an absolute https URL"] = ("JwksUrl", "http://ehr.example.org/jwks"),
            ["JkuAllowList:0 must be an absolute https URL"] = ("JkuAllowList:0", "ftp://ehr.example.org/jwks"),
        };
        foreach (var (message, (key, value)) in cases)
        {
            var result = Validate(new() { ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://ehr.example.org", [$"CdsHooks:TrustedIssuers:0:{key}"] = value });
            Assert.IsTrue(result.Failed, message);
            StringAssert.Contains(result.FailureMessage, message);
        }
    }

    [TestMethod]
    public void Duplicate_or_empty_issuers_and_a_bad_public_base_url_fail()
    {
        var jwks = Path.Combine(TrustHarness.DataDirectory, "sandbox-keys", "sandbox-jwks.json");
        var result = Validate(new()
        {
            ["CdsHooks:PublicBaseUrl"] = "cds.example.org",
            ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://a.example.org",
            ["CdsHooks:TrustedIssuers:0:JwksPath"] = jwks,
            ["CdsHooks:TrustedIssuers:1:Issuer"] = "https://a.example.org",
            ["CdsHooks:TrustedIssuers:1:JwksPath"] = jwks,
            ["CdsHooks:TrustedIssuers:2:JwksPath"] = jwks,
        });
        StringAssert.Contains(result.FailureMessage, "CdsHooks:PublicBaseUrl");
        StringAssert.Contains(result.FailureMessage, "listed twice");
        StringAssert.Contains(result.FailureMessage, "CdsHooks:TrustedIssuers:2:Issuer is empty");
    }

    [TestMethod]
    public async Task The_host_does_not_start_with_an_issuer_without_keys()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://ehr.example.org" });
        builder.Services.AddCdsHooksTrust(builder.Configuration);
        using var host = builder.Build();
        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());
        StringAssert.Contains(error.Message, "has no keys");
    }

    [TestMethod]
    public async Task Jwt_checking_is_on_by_default_and_environment_variables_configure_issuers()
    {
        Environment.SetEnvironmentVariable("FHIRAI_TEST_CDS_CdsHooks__TrustedIssuers__0__Issuer", "https://env.example.org");
        Environment.SetEnvironmentVariable("FHIRAI_TEST_CDS_CdsHooks__TrustedIssuers__0__JwksUrl", "https://env.example.org/jwks");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("FHIRAI_TEST_CDS_").Build();
            var services = new ServiceCollection().AddLogging().AddCdsHooksTrust(configuration);
            await using var provider = services.BuildServiceProvider();
            var options = provider.GetRequiredService<IOptions<CdsHooksTrustOptions>>().Value;
            Assert.IsTrue(options.RequireJwt);
            Assert.AreEqual("https://env.example.org", options.TrustedIssuers.Single().Issuer);
            Assert.AreEqual("https://env.example.org/jwks", options.TrustedIssuers.Single().JwksUrl);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FHIRAI_TEST_CDS_CdsHooks__TrustedIssuers__0__Issuer", null);
            Environment.SetEnvironmentVariable("FHIRAI_TEST_CDS_CdsHooks__TrustedIssuers__0__JwksUrl", null);
        }
    }
}
