using FhirAi.CdsHooks.Feedback;

namespace FhirAi.Server.CdsHooks;

/// <summary>DI registration of CDS Hooks feedback: the handler, its database store and the issued-card log.</summary>
internal static class FeedbackServices
{
    public static IServiceCollection AddCdsFeedback(this IServiceCollection services)
    {
        services.AddCdsFeedbackHandling();
        services.AddSingleton<ICdsFeedbackStore, FeedbackStoreAdapter>();
        services.AddSingleton<FeedbackIssuedCardWriter>();
        services.AddSingleton<IIssuedCardLog>(sp => sp.GetRequiredService<FeedbackIssuedCardWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<FeedbackIssuedCardWriter>());
        return services;
    }
}
