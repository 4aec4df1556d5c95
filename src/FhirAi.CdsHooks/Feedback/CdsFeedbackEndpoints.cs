using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirAi.CdsHooks.Feedback;

/// <summary>The feedback routes of the CDS Hooks group (CDS Hooks 2.0.1 §Feedback) and their services.</summary>
public static class CdsFeedbackEndpoints
{
    /// <summary>Registers the feedback handler; an <see cref="ICdsFeedbackStore"/> must be registered too (the server's AddCdsFeedback does both).</summary>
    public static IServiceCollection AddCdsFeedbackHandling(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedbackHandler>();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /{id}/feedback</c> (store feedback) and <c>GET /{id}/feedback</c> (summary per card type, optional
    /// <c>since</c>/<c>until</c>) on the <c>/cds-services</c> group; 404 for ids not in <see cref="CdsServiceIds.All"/>.
    /// </summary>
    public static RouteGroupBuilder MapCdsFeedback(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/{id}/feedback", (string id, HttpRequest request, FeedbackHandler handler, CancellationToken cancellationToken) =>
            handler.ReceiveAsync(id, request, cancellationToken));
        group.MapGet("/{id}/feedback", (string id, HttpRequest request, FeedbackHandler handler, CancellationToken cancellationToken) =>
            handler.SummaryAsync(id, request, cancellationToken));
        return group;
    }
}
