using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>
/// Builds JWTs by hand (header, payload, signature), so tests can make tokens no well-behaved library would:
/// <c>alg: none</c>, HMAC signed with public key bytes, missing claims.
/// </summary>
internal static class TestJwt
{
    public static string Create(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var signingInput = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    public static JsonObject Header(string alg, string? kid, string? jku = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        if (jku is not null)
        {
            header["jku"] = jku;
        }

        return header;
    }

    public static JsonObject Payload(string iss, string aud, DateTimeOffset now, TimeSpan? lifetime = null, string? jti = null) => new()
    {
        ["iss"] = iss,
        ["aud"] = aud,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        ["jti"] = jti ?? Guid.NewGuid().ToString(),
    };

    public static Func<byte[], byte[]> Es384(ECDsa key) => data => key.SignData(data, HashAlgorithmName.SHA384);

    public static Func<byte[], byte[]> Rs384(RSA key) => data => key.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);

    public static JsonObject PublicJwk(ECDsa key, string kid)
    {
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "EC", ["use"] = "sig", ["crv"] = "P-384", ["kid"] = kid, ["alg"] = "ES384",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
    }

    public static JsonObject PublicJwk(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["alg"] = "RS384",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
    }

    public static string JwkSet(params JsonObject[] keys) => new JsonObject { ["keys"] = new JsonArray(keys) }.ToJsonString();

    /// <summary>Writes a JWK Set to a new temporary file and returns its path.</summary>
    public static string WriteJwkSet(string json)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fhirai-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "jwks.json");
        File.WriteAllText(path, json);
        return path;
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions())!.AsObject();
}
