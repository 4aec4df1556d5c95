using FhirAi.CdsHooks.Data;
using FhirAi.CdsHooks.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks;

/// <summary>
/// DI registration of the CDS Hooks services: options (section <c>CdsHooks</c>, validated at start-up), the FHIR-server
/// pipelines and HTTP client, the data gatherer, both services and the endpoints. The caller registers
/// <see cref="ICdsLocalFhirReader"/>, the <c>MedicationReviewer</c> and the <c>ReportInterpreter</c>.
/// </summary>
public static class CdsHooksServiceCollectionExtensions
{
    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CdsHooksOptions>()
            .Bind(configuration.GetSection(CdsHooksOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.OwnBaseUrls.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)),
                "CdsHooks:OwnBaseUrls must be absolute http(s) URLs.")
            .Validate(o => o.AllowedFhirServers.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)),
                "CdsHooks:AllowedFhirServers must hold absolute http(s) URLs.")
            .Validate(o => o.AttemptTimeoutMilliseconds <= o.OverallBudgetMilliseconds, "CdsHooks:AttemptTimeoutMilliseconds must not exceed OverallBudgetMilliseconds.")
            .ValidateOnStart();
        // RemoveAllLoggers: the factory's default handlers log every request URI, and ours carry the patient id.
        services.AddHttpClient(RemoteFhirReader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<FhirPipelines>();
        services.AddSingleton<RemoteFhirReader>();
        services.AddSingleton<PatientDataGatherer>();
        services.AddSingleton<PatientViewService>();
        services.AddSingleton<MedicationReviewService>();
        services.AddSingleton(sp => new CdsHooksEndpoints(
            sp.GetRequiredService<PatientDataGatherer>(), sp.GetRequiredService<PatientViewService>(), sp.GetRequiredService<MedicationReviewService>(),
            sp.GetRequiredService<IOptions<CdsHooksOptions>>(), sp.GetRequiredService<ILogger<CdsHooksEndpoints>>(), sp.GetService<Feedback.IIssuedCardLog>()));
        return services;
    }
}
