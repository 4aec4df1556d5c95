using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Feedback;
using FhirAi.CdsHooks.Trust;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>
/// The CRD test kit's CDS Hooks 2.0 requirement rows (crd-test-kit/requirements/cds-hooks_2.0_requirements.sheet2.csv)
/// on trust and feedback: every service-side row of those sections, and the client-side rows on the JWT that a service
/// enforces when it receives one, is either checked here by behaviour or declared not applicable (only a MAY, SHOULD or
/// DEPRECATED row may be). A new service-side row in those sections fails the test until it is mapped.
/// </summary>
[TestClass]
public sealed class RequirementRowTests
{
    private const string Issuer = "https://ehr.example.org";
    private const string Audience = "https://cds.example.org/cds-services/fhirai-patient-view";
    private const string Jku = "https://ehr.example.org/jwks";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly string JwksFile = TestJwt.WriteJwkSet(TestJwt.JwkSet(TestJwt.PublicJwk(Ec, "e"), TestJwt.PublicJwk(Rsa, "r")));

    private static readonly string[] Sections = ["#trusting-cds-clients", "#jwt-signing-algorithm", "#feedback", "#suggestion-accepted", "#overridereason"];

    /// <summary>Client-side rows about the JWT that the service checks on receipt.</summary>
    private static readonly int[] EnforcedClientRows = [178, 181, 182, 184, 185, 187, 189, 190, 191, 192, 196];

    private static readonly Dictionary<int, string> NotApplicable = new()
    {
        [175] = "MAY: mutual TLS is not implemented; the JWT authenticates the client",
        [179] = "MAY: mutual TLS alongside JWT, not implemented",
        [200] = "SHOULD reference RFC 7518: informative, no behaviour",
        [206] = "SHOULD re-evaluate algorithms over time: a deployment practice (the accepted set is ES384/RS384)",
        [207] = "DEPRECATED",
    };

    private static TrustHarness Harness() => new(new()
    {
        ["CdsHooks:TrustedIssuers:0:Issuer"] = Issuer,
        ["CdsHooks:TrustedIssuers:0:JwksPath"] = JwksFile,
        ["CdsHooks:TrustedIssuers:0:JkuAllowList:0"] = Jku,
    }, Now);

    private static string Es384(Action<JsonObject, JsonObject>? change = null)
    {
        var header = TestJwt.Header("ES384", "e");
        var payload = TestJwt.Payload(Issuer, Audience, Now);
        change?.Invoke(header, payload);
        return TestJwt.Create(header, payload, TestJwt.Es384(Ec));
    }

    private static async Task Expect(JwtFailureKind expected, string? token, string row)
    {
        using var harness = Harness();
        Assert.AreEqual(expected, (await harness.VerifyAsync(token, Audience)).Failure, "row " + row);
    }

    private static readonly Dictionary<int, Func<Task>> Checks = new()
    {
        [148] = () =>
        {
            using var body = JsonDocument.Parse(TrustHarness.SpecExample("spec-2.0.1__19__example-suggestion-accepted.json"));
            Assert.AreEqual(1, FeedbackParser.Parse(body.RootElement).Items.Count, "row 148: feedback endpoint supported");
            return Task.CompletedTask;
        },
        [176] = async () =>
        {
            await Expect(JwtFailureKind.None, Es384(), "176");
            await Expect(JwtFailureKind.MissingToken, null, "176");
        },
        [177] = () =>
        {
            Assert.IsTrue(new CdsHooksTrustOptions().RequireJwt, "row 177: authentication required by default");
            return Task.CompletedTask;
        },
        [178] = () => Expect(JwtFailureKind.MissingToken, string.Empty, "178"),
        [181] = () => Expect(JwtFailureKind.AlgorithmNotAllowed, Es384((h, _) => h.Remove("alg")), "181"),
        [182] = () => Expect(JwtFailureKind.MissingKeyId, Es384((h, _) => h.Remove("kid")), "182"),
        [184] = () => Expect(JwtFailureKind.WrongType, Es384((h, _) => h["typ"] = "JOSE"), "184"),
        [185] = async () =>
        {
            await Expect(JwtFailureKind.None, Es384((h, _) => h["jku"] = Jku), "185");
            await Expect(JwtFailureKind.JkuNotAllowed, Es384((h, _) => h["jku"] = "https://elsewhere.example/jwks"), "185");
        },
        [187] = () => Expect(JwtFailureKind.UntrustedIssuer, Es384((_, p) => p.Remove("iss")), "187"),
        [189] = async () =>
        {
            await Expect(JwtFailureKind.None, Es384((_, p) => p["aud"] = new JsonArray(Audience)), "189");
            await Expect(JwtFailureKind.WrongAudience, Es384((_, p) => p.Remove("aud")), "189");
        },
        [190] = () => Expect(JwtFailureKind.MissingClaim, Es384((_, p) => p.Remove("exp")), "190"),
        [191] = () => Expect(JwtFailureKind.MissingClaim, Es384((_, p) => p.Remove("iat")), "191"),
        [192] = async () =>
        {
            await Expect(JwtFailureKind.MissingClaim, Es384((_, p) => p.Remove("jti")), "192");
            using var harness = Harness();
            var token = Es384();
            await harness.VerifyAsync(token, Audience);
            Assert.AreEqual(JwtFailureKind.Replayed, (await harness.VerifyAsync(token, Audience)).Failure, "row 192: jti protects against replay");
        },
        [195] = async () =>
        {
            await Expect(JwtFailureKind.UntrustedIssuer, Es384((_, p) => p["iss"] = "https://unknown.example"), "195");
            await Expect(JwtFailureKind.JkuNotAllowed, Es384((h, _) => h["jku"] = "https://unknown.example/jwks"), "195");
        },
        [196] = () => Expect(JwtFailureKind.WrongAudience, Es384((_, p) => p["aud"] = "https://cds.example.org/cds-services"), "196"),
        [199] = () => Expect(JwtFailureKind.None, Es384(), "199: no jku, keys from the out-of-band JWK Set file"),
        [201] = () => Expect(JwtFailureKind.AlgorithmNotAllowed, TestJwt.Create(TestJwt.Header("none", "e"), TestJwt.Payload(Issuer, Audience, Now), _ => []), "201"),
        [203] = async () =>
        {
            foreach (var alg in new[] { "HS256", "HS384", "HS512" })
            {
                await Expect(JwtFailureKind.AlgorithmNotAllowed, TestJwt.Create(TestJwt.Header(alg, "e"), TestJwt.Payload(Issuer, Audience, Now), d => HMACSHA512.HashData(Ec.ExportSubjectPublicKeyInfo(), d)), "203 " + alg);
            }
        },
        [205] = async () =>
        {
            await Expect(JwtFailureKind.None, Es384(), "205 ES384");
            await Expect(JwtFailureKind.None, TestJwt.Create(TestJwt.Header("RS384", "r"), TestJwt.Payload(Issuer, Audience, Now), TestJwt.Rs384(Rsa)), "205 RS384");
        },
    };

    [TestMethod]
    public async Task Every_trust_and_feedback_row_for_the_service_is_checked_or_declared_not_applicable()
    {
        var path = Path.Combine(TrustHarness.DataDirectory, "crd-test-kit", "requirements", "cds-hooks_2.0_requirements.sheet2.csv");
        var rows = Csv.Rows(File.ReadAllText(path)).Skip(1).Where(r => r.Count > 4 && int.TryParse(r[0], out _)).ToList();
        var inScope = rows.Where(r => Sections.Any(s => r[1].EndsWith(s, StringComparison.Ordinal))
            && (r[4].Contains("Service", StringComparison.Ordinal) || EnforcedClientRows.Contains(int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        Assert.IsTrue(inScope.Count >= 20, $"the requirement list was read ({inScope.Count} rows in scope)");
        var checkedRows = 0;
        foreach (var row in inScope)
        {
            var id = int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);
            if (NotApplicable.TryGetValue(id, out var reason))
            {
                Assert.IsTrue(row[3] is "MAY" or "SHOULD" or "DEPRECATED", $"row {id} is {row[3]}: it cannot be declared not applicable ({reason})");
                continue;
            }

            if (!Checks.TryGetValue(id, out var check))
            {
                if (!row[4].Contains("Service", StringComparison.Ordinal))
                {
                    continue; // a client-side feedback row: what the client sends, checked by the parser tests
                }

                Assert.Fail($"requirement row {id} ({row[3]}, {row[1]}) is neither checked nor declared not applicable: {row[2]}");
            }

            await check();
            checkedRows++;
        }

        Assert.AreEqual(Checks.Count, checkedRows, "every mapped row exists in the list and was checked");
    }

    /// <summary>A minimal RFC 4180 reader (quoted fields with commas, doubled quotes and line breaks).</summary>
    private static class Csv
    {
        public static IEnumerable<List<string>> Rows(string text)
        {
            var row = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n')
                {
                    row.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    yield return row;
                    row = [];
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                yield return row;
            }
        }
    }
}
