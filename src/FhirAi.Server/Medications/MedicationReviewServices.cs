using FhirAi.Clinical.Medications;

namespace FhirAi.Server.Medications;

/// <summary>DI registration of medication review: the drug knowledge base (loaded and checked once), the reviewer and the endpoints.</summary>
internal static class MedicationReviewServices
{
    public static IServiceCollection AddMedicationReview(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var knowledge = DrugKnowledgeBase.LoadEmbedded();
            MedicationReviewLog.KnowledgeBaseLoaded(sp.GetRequiredService<ILoggerFactory>().CreateLogger("FhirAi.Server.MedicationReview"), knowledge.Version);
            return knowledge;
        });
        services.AddSingleton(sp => new MedicationReviewer(sp.GetRequiredService<DrugKnowledgeBase>()));
        services.AddSingleton<MedicationContextLoader>();
        services.AddSingleton<MedicationReviewEndpoints>();
        return services;
    }
}
