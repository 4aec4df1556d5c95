using System.Net;
using System.Text.Json;
using FhirAi.CdsHooks;
using Microsoft.Extensions.Logging;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>The CDS client JWT filter over real HTTP: 401 with no detail on every failure, never a 500.</summary>
[TestClass]
public sealed class JwtFilterTests
{
    private const string ServicePath = JwtTestHost.ProbePrefix + "/" + CdsServiceIds.MedicationReview;
    private const string RealServicePath = "cds-services/" + CdsServiceIds.MedicationReview;

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string because)
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, because);
        Assert.AreEqual("Bearer", response.Headers.WwwAuthenticate.Single().Scheme, because);
        Assert.AreEqual(string.Empty, await response.Content.ReadAsStringAsync(), because + ": no details");
    }

    [TestMethod]
    public async Task A_valid_token_reaches_the_service_and_names_the_client()
    {
        await using var host = await JwtTestHost.StartAsync();
        using var response = await host.PostAsync(ServicePath, "{}", host.Token(ServicePath));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(JwtTestHost.Issuer, body.RootElement.GetProperty("issuer").GetString());
    }

    [TestMethod]
    public async Task The_real_service_routes_and_discovery_require_a_token_by_default()
    {
        await using var host = await JwtTestHost.StartAsync();
        await AssertUnauthorizedAsync(await host.PostAsync(RealServicePath, "{}", null), "service call without token");
        await AssertUnauthorizedAsync(await host.GetAsync("cds-services", null), "discovery without token");
        using var response = await host.PostAsync(RealServicePath, "{}", host.Token(RealServicePath));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, "a valid token gets past the check to the request validation");
    }

    [TestMethod]
    public async Task No_token_wrong_aud_expired_iat_in_future_and_replayed_jti_all_answer_401()
    {
        await using var host = await JwtTestHost.StartAsync();
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", null), "no token");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(JwtTestHost.ProbePrefix + "/" + CdsServiceIds.PatientView)), "aud of another service");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(ServicePath, audience: "https://cds.example.org/" + ServicePath)), "aud of another host");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(ServicePath, now: DateTimeOffset.UtcNow.AddMinutes(-10))), "expired");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(ServicePath, now: DateTimeOffset.UtcNow.AddMinutes(10))), "iat in the future");
        var token = host.Token(ServicePath);
        using (var first = await host.PostAsync(ServicePath, "{}", token))
        {
            Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        }

        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", token), "replayed jti");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(ServicePath, p => p["iss"] = "https://other.example")), "untrusted iss");
    }

    [TestMethod]
    public async Task Broken_authorization_headers_answer_401_never_500()
    {
        await using var host = await JwtTestHost.StartAsync();
        foreach (var header in new[] { "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a.b.c", "Bearer ...", "Bearer " + new string('x', 20_000), "bearer %%.%%.%%", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.e30." })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ServicePath) { Content = new StringContent("{}") };
            request.Headers.TryAddWithoutValidation("Authorization", header);
            await AssertUnauthorizedAsync(await host.Client.SendAsync(request), header.Length > 40 ? header[..40] : header);
        }
    }

    [TestMethod]
    public async Task The_feedback_and_summary_endpoints_are_behind_the_same_check()
    {
        await using var host = await JwtTestHost.StartAsync();
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath + "/feedback", """{"feedback":[]}""", null), "feedback without token");
        await AssertUnauthorizedAsync(await host.GetAsync(ServicePath + "/feedback", null), "summary without token");
        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath + "/feedback", """{"feedback":[]}""", host.Token(ServicePath)), "a token for the service URL, not its feedback URL");
    }

    [TestMethod]
    public async Task A_cors_preflight_passes_without_a_token()
    {
        await using var host = await JwtTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, ServicePath);
        request.Headers.Add("Origin", "https://ehr.example.org");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await host.Client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode);
    }

    [TestMethod]
    public async Task Refusals_log_only_the_failure_kind_never_the_token()
    {
        await using var host = await JwtTestHost.StartAsync();
        var token = host.Token(ServicePath, p => p["tenant"] = "tenant-secret-value", audience: "https://wrong.example/" + ServicePath);
        using (var response = await host.PostAsync(ServicePath, "{}", token))
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var messages = host.Logs.Entries.Select(e => e.Message).ToList();
        CollectionAssert.Contains(messages, "CDS Hooks client JWT refused: WrongAudience");
        Assert.IsFalse(messages.Any(m => m.Contains(token[..20], StringComparison.Ordinal) || m.Contains("tenant-secret-value", StringComparison.Ordinal)
            || m.Contains(JwtTestHost.Issuer, StringComparison.Ordinal) || m.Contains("wrong.example", StringComparison.Ordinal)), string.Join("\n", messages));
    }

    [TestMethod]
    public async Task The_public_base_url_is_the_audience_behind_a_proxy()
    {
        await using var host = await JwtTestHost.StartAsync(extraArgs: ["--CdsHooks:PublicBaseUrl", "https://cds.example.org/fhirai/"]);
        using (var response = await host.PostAsync(ServicePath, "{}", host.Token(ServicePath, audience: "https://cds.example.org/fhirai/" + ServicePath)))
        {
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        }

        await AssertUnauthorizedAsync(await host.PostAsync(ServicePath, "{}", host.Token(ServicePath)), "the internal URL is not the audience any more");
    }

    [TestMethod]
    public async Task Require_jwt_false_turns_the_check_off_and_warns_at_start_up()
    {
        await using var host = await JwtTestHost.StartAsync(extraArgs: ["--CdsHooks:RequireJwt", "false"]);
        using var response = await host.PostAsync(ServicePath, "{}", null);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsTrue(host.Logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("JWT checking is OFF", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_trusted_issuer_without_keys_stops_the_server_start()
    {
        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            JwtTestHost.StartAsync(extraArgs: ["--CdsHooks:TrustedIssuers:1:Issuer", "https://nokeys.example"]));
        StringAssert.Contains(error.Message, "CdsHooks:TrustedIssuers:1 (https://nokeys.example) has no keys");
    }
}
