using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Trust;

/// <summary>Registration of CDS client trust (JWT verification) and its route-group filter. See docs/cds-hooks-security.md.</summary>
public static class CdsHooksTrustExtensions
{
    /// <summary>Binds and validates <c>CdsHooks</c> (at start-up) and registers the verifier, the key cache and the replay cache.</summary>
    public static IServiceCollection AddCdsHooksTrust(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CdsHooksTrustOptions>()
            .Bind(configuration.GetSection(CdsHooksTrustOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsHooksTrustOptions>, CdsHooksTrustOptionsValidator>());
        services.AddHttpClient(JwksCache.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JwksCache>();
        services.AddSingleton<JtiReplayCache>();
        services.AddSingleton<CdsJwtVerifier>();
        services.AddSingleton<CdsClientJwtFilter>();
        services.AddHostedService<CdsTrustStartupCheck>();
        return services;
    }

    /// <summary>
    /// Requires a valid CDS client JWT on every endpoint of the group (CORS preflight OPTIONS excepted): 401 without
    /// details otherwise. The verified client is available as <c>HttpContext.Features.Get&lt;CdsClientIdentity&gt;()</c>.
    /// </summary>
    public static RouteGroupBuilder RequireCdsClientJwt(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<CdsClientJwtFilter>().InvokeAsync(context, next).ConfigureAwait(false));
        return group;
    }
}
