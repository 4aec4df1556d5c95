using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// The endpoint filter of the CDS Hooks route group: every call but a CORS preflight (OPTIONS) must carry
/// <c>Authorization: Bearer &lt;JWT&gt;</c> that <see cref="CdsJwtVerifier"/> accepts for the URL called; otherwise 401 with
/// <c>WWW-Authenticate: Bearer</c> and an empty body (no detail of what failed). Off when <c>CdsHooks:RequireJwt</c> is false.
/// </summary>
internal sealed class CdsClientJwtFilter(CdsJwtVerifier verifier, IOptions<CdsHooksTrustOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!options.Value.RequireJwt || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context).ConfigureAwait(false);
        }

        var result = await verifier.VerifyAsync(BearerToken(http.Request), Audience(http.Request), http.RequestAborted).ConfigureAwait(false);
        if (result.Client is null)
        {
            return Unauthorized.Instance;
        }

        http.Features.Set(result.Client);
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The URL the client called, as its <c>aud</c> must name it.</summary>
    internal string Audience(HttpRequest request)
    {
        var publicBase = options.Value.PublicBaseUrl;
        return string.IsNullOrEmpty(publicBase)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}"
            : publicBase.TrimEnd('/') + request.Path.ToUriComponent();
    }

    private static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1)
        {
            return null;
        }

        var header = values[0];
        const string Scheme = "Bearer ";
        return header is not null && header.Length > Scheme.Length && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
    }

    /// <summary>401, <c>WWW-Authenticate: Bearer</c>, and an explicitly empty body (Content-Length 0), which error middleware leaves alone.</summary>
    private sealed class Unauthorized : IResult
    {
        public static readonly Unauthorized Instance = new();

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
