using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// Start-up checks of <see cref="CdsHooksTrustOptions"/> (run by ValidateOnStart): every trusted issuer has an <c>Issuer</c>
/// and keys (a readable JWK Set file with a usable key, an https JWK Set URL, or an https <c>jku</c> allow-list), no issuer
/// is listed twice, and a public base URL, when given, is an absolute http(s) URL.
/// </summary>
internal sealed class CdsHooksTrustOptionsValidator : IValidateOptions<CdsHooksTrustOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsHooksTrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PublicBaseUrl is { Length: > 0 } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || parsed.Query.Length > 0))
        {
            failures.Add("CdsHooks:PublicBaseUrl must be an absolute http(s) URL without a query, e.g. https://cds.example.org.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.TrustedIssuers.Count; i++)
        {
            var issuer = options.TrustedIssuers[i];
            var prefix = $"CdsHooks:TrustedIssuers:{i}";
            if (string.IsNullOrWhiteSpace(issuer.Issuer))
            {
                failures.Add($"{prefix}:Issuer is empty: give the exact iss value the client puts in its JWTs.");
                continue;
            }

            if (!seen.Add(issuer.Issuer))
            {
                failures.Add($"{prefix}:Issuer {issuer.Issuer} is listed twice.");
            }

            var hasPath = !string.IsNullOrWhiteSpace(issuer.JwksPath);
            var hasUrl = !string.IsNullOrWhiteSpace(issuer.JwksUrl);
            if (!hasPath && !hasUrl && issuer.JkuAllowList.Count == 0)
            {
                failures.Add($"{prefix} ({issuer.Issuer}) has no keys: set {prefix}:JwksPath (a JWK Set file), {prefix}:JwksUrl (an https JWK Set URL) or {prefix}:JkuAllowList:0 (an accepted jku).");
            }

            if (hasPath)
            {
                CheckFile(issuer.JwksPath!, $"{prefix}:JwksPath", failures);
            }

            if (hasUrl && !IsHttps(issuer.JwksUrl!))
            {
                failures.Add($"{prefix}:JwksUrl must be an absolute https URL.");
            }

            for (var j = 0; j < issuer.JkuAllowList.Count; j++)
            {
                if (!IsHttps(issuer.JkuAllowList[j]))
                {
                    failures.Add($"{prefix}:JkuAllowList:{j} must be an absolute https URL.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFile(string path, string key, List<string> failures)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            failures.Add($"{key}: the JWK Set file {path} cannot be read ({exception.GetType().Name}).");
            return;
        }

        var read = JwkSetReader.Read(json);
        if (read.Error is not null)
        {
            failures.Add($"{key}: the JWK Set file {path} is unusable: {read.Error}.");
        }
    }

    private static bool IsHttps(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0;
}
