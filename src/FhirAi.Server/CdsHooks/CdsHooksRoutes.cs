using FhirAi.CdsHooks;
using Microsoft.Extensions.Options;

namespace FhirAi.Server.CdsHooks;

/// <summary>
/// The CDS Hooks routes under <c>/cds-services</c> (discovery, service calls, CORS preflight) and their registration.
/// Further endpoints and filters (the JWT check, feedback) are chained onto the returned group.
/// </summary>
public static class CdsHooksRoutes
{
    private const string AllowedMethods = "GET, POST, OPTIONS";
    private const string AllowedHeaders = "Authorization, Content-Type, Accept, Accept-Language";

    /// <summary>Registers the CDS Hooks services and this server's local reader for them.</summary>
    public static IServiceCollection AddCdsHooksServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCdsHooks(configuration);
        services.AddSingleton<ICdsLocalFhirReader, LocalFhirReader>();
        return services;
    }

    /// <summary>
    /// <c>GET /cds-services</c> and <c>POST /cds-services/{id}</c> in the returned group, with CORS headers on every answer
    /// of the group (the filter runs first, so a 401 of a later filter has them too). The <c>OPTIONS</c> preflight of every
    /// path under <c>/cds-services</c> is mapped outside the group: a browser sends it without credentials, so the JWT
    /// filter chained onto the group must not see it.
    /// </summary>
    public static RouteGroupBuilder MapCdsHooks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/cds-services", [HttpMethods.Options], Preflight);
        app.MapMethods("/cds-services/{**rest}", [HttpMethods.Options], Preflight);
        var group = app.MapGroup("/cds-services");
        group.AddEndpointFilter(async (context, next) =>
        {
            AddCorsHeaders(context.HttpContext);
            return await next(context).ConfigureAwait(false);
        });
        group.MapGet(string.Empty, (CdsHooksEndpoints endpoints) => endpoints.Discovery());
        group.MapPost("/{id}", (string id, HttpRequest request, CdsHooksEndpoints endpoints, CancellationToken cancellationToken) =>
            endpoints.CallAsync(id, request, cancellationToken));
        return group;
    }

    private static IResult Preflight(HttpContext context)
    {
        AddCorsHeaders(context);
        context.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    /// <summary>Browser-based CDS clients need CORS (CDS Hooks 2.0.1 §CORS): the configured origins (default any), the methods and headers the API uses.</summary>
    private static void AddCorsHeaders(HttpContext context)
    {
        var allowed = context.RequestServices.GetRequiredService<IOptions<CdsHooksOptions>>().Value.AllowedOrigins;
        var headers = context.Response.Headers;
        if (allowed.Contains("*"))
        {
            headers.AccessControlAllowOrigin = "*";
        }
        else if (context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && allowed.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            headers.AccessControlAllowOrigin = origin;
            headers.Vary = "Origin";
        }

        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
    }
}
