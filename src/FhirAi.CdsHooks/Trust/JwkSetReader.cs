using Microsoft.IdentityModel.Tokens;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// Reads a JWK Set (RFC 7517) into the signing keys usable for CDS client JWTs, by <c>kid</c>: EC P-384 (ES384) and
/// RSA of at least 2048 bits (RS384), public only, <c>use</c> absent or <c>sig</c>. Keys of other kinds are skipped.
/// </summary>
internal static class JwkSetReader
{
    /// <summary>Largest JWK Set accepted, in characters.</summary>
    public const int MaxJwkSetChars = 64 * 1024;

    public static JwkSetResult Read(string json)
    {
        if (json.Length > MaxJwkSetChars)
        {
            return JwkSetResult.Invalid($"the JWK Set is larger than {MaxJwkSetChars} characters");
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException)
        {
            return JwkSetResult.Invalid("not a JSON JWK Set");
        }
        catch (System.Text.Json.JsonException)
        {
            return JwkSetResult.Invalid("not a JSON JWK Set");
        }

        var keys = new Dictionary<string, JsonWebKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (key.HasPrivateKey || !string.IsNullOrEmpty(key.D))
            {
                return JwkSetResult.Invalid("the JWK Set contains private key material; publish only public keys");
            }

            if (string.IsNullOrEmpty(key.Kid) || !IsUsableSigningKey(key))
            {
                continue;
            }

            if (!keys.TryAdd(key.Kid, key))
            {
                return JwkSetResult.Invalid("two keys share one kid");
            }
        }

        return keys.Count == 0 ? JwkSetResult.Invalid("no ES384 (EC P-384) or RS384 (RSA >= 2048 bits) signing key with a kid") : new JwkSetResult(keys, null);
    }

    /// <summary>Whether the key can verify a token of algorithm <paramref name="alg"/> (ES384 or RS384).</summary>
    public static bool Fits(JsonWebKey key, string alg)
    {
        if (!string.IsNullOrEmpty(key.Alg) && !string.Equals(key.Alg, alg, StringComparison.Ordinal))
        {
            return false;
        }

        return alg switch
        {
            SecurityAlgorithms.EcdsaSha384 => key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve,
            SecurityAlgorithms.RsaSha384 => key.Kty == JsonWebAlgorithmsKeyTypes.RSA,
            _ => false,
        };
    }

    private static bool IsUsableSigningKey(JsonWebKey key)
    {
        if (!string.IsNullOrEmpty(key.Use) && !string.Equals(key.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
        {
            return false;
        }

        return key.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.EllipticCurve => key.Crv == JsonWebKeyECTypes.P384 && !string.IsNullOrEmpty(key.X) && !string.IsNullOrEmpty(key.Y),
            JsonWebAlgorithmsKeyTypes.RSA => !string.IsNullOrEmpty(key.E) && ModulusBits(key.N) >= 2048,
            _ => false,
        };
    }

    private static int ModulusBits(string? n)
    {
        if (string.IsNullOrEmpty(n))
        {
            return 0;
        }

        try
        {
            var bytes = Base64UrlEncoder.DecodeBytes(n);
            var leading = 0;
            while (leading < bytes.Length && bytes[leading] == 0)
            {
                leading++;
            }

            return leading == bytes.Length ? 0 : ((bytes.Length - leading - 1) * 8) + (8 - byte.LeadingZeroCount(bytes[leading]));
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}

/// <summary>The keys of a JWK Set by <c>kid</c>, or why the set is unusable.</summary>
internal sealed record JwkSetResult(IReadOnlyDictionary<string, JsonWebKey> Keys, string? Error)
{
    public static JwkSetResult Invalid(string error) => new(new Dictionary<string, JsonWebKey>(), error);
}
