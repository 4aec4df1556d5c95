using System.Text.Json;

namespace FhirAi.CdsHooks.Protocol;

/// <summary>
/// Reads a hook request body and checks the fields CDS Hooks 2.0.1 requires (<c>hook</c>, <c>hookInstance</c>,
/// <c>context</c>; <c>fhirServer</c> with <c>fhirAuthorization</c>; the token fields). Tolerant where real clients differ
/// and nothing is lost (extra fields, an <c>expires_in</c> given as a string).
/// </summary>
internal static class CdsRequestParser
{
    /// <summary>Nesting deeper than this is refused (a draftOrders Bundle is far shallower).</summary>
    public const int MaxDepth = 64;

    public sealed record Result(CdsRequest? Request, string? Error);

    public static Result Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            // The parser's message can quote the input; say only what is wrong.
            return new Result(null, "The request body is not valid JSON (or is nested more than " + MaxDepth + " levels deep).");
        }

        var error = Read(document, out var request);
        if (error is not null)
        {
            document.Dispose();
            return new Result(null, error);
        }

        return new Result(request, null);
    }

    private static string? Read(JsonDocument document, out CdsRequest? request)
    {
        request = null;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The request body must be a JSON object.";
        }

        if (RequiredString(root, "hook", out var hook) is { } hookError)
        {
            return hookError;
        }

        if (RequiredString(root, "hookInstance", out var hookInstance) is { } instanceError)
        {
            return instanceError;
        }

        if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            return "'context' is required and must be a JSON object.";
        }

        Uri? fhirServer = null;
        if (root.TryGetProperty("fhirServer", out var server))
        {
            if (server.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(server.GetString(), UriKind.Absolute, out fhirServer)
                || (fhirServer.Scheme != Uri.UriSchemeHttps && fhirServer.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(fhirServer.Query) || !string.IsNullOrEmpty(fhirServer.Fragment))
            {
                return "'fhirServer' must be an absolute http(s) base URL without query or fragment.";
            }

            fhirServer = new Uri(fhirServer.AbsoluteUri.TrimEnd('/'));
        }

        FhirAuthorization? authorization = null;
        if (root.TryGetProperty("fhirAuthorization", out var auth) && auth.ValueKind != JsonValueKind.Null)
        {
            if (auth.ValueKind != JsonValueKind.Object)
            {
                return "'fhirAuthorization' must be a JSON object.";
            }

            if (fhirServer is null)
            {
                return "'fhirServer' is required when 'fhirAuthorization' is given.";
            }

            if (RequiredString(auth, "access_token", out var token) is not null)
            {
                return "'fhirAuthorization.access_token' is required and must be a non-empty string.";
            }

            if (RequiredString(auth, "token_type", out var tokenType) is not null || !string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return "'fhirAuthorization.token_type' must be 'Bearer'.";
            }

            authorization = new FhirAuthorization(token!, "Bearer", OptionalString(auth, "scope"), OptionalString(auth, "subject"));
        }

        var prefetch = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("prefetch", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                return "'prefetch' must be a JSON object.";
            }

            foreach (var item in given.EnumerateObject())
            {
                if (item.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return $"'prefetch.{Printable(item.Name)}' must be a FHIR resource or null.";
                }

                prefetch[item.Name] = item.Value;
            }
        }

        request = new CdsRequest(document)
        {
            Hook = hook!,
            HookInstance = hookInstance!,
            FhirServer = fhirServer,
            FhirAuthorization = authorization,
            Context = context,
            Prefetch = prefetch,
        };
        return null;
    }

    private static string? RequiredString(JsonElement parent, string name, out string? value)
    {
        value = parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return string.IsNullOrWhiteSpace(value) ? $"'{name}' is required and must be a non-empty string." : null;
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A client-chosen key, cut short and stripped of control characters before it goes into a message.</summary>
    internal static string Printable(string value)
    {
        var cleaned = new string([.. value.Take(64).Where(c => !char.IsControl(c))]);
        return value.Length > 64 ? cleaned + "…" : cleaned;
    }
}
