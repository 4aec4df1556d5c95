using System.Text.Json.Nodes;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Medications;
using FhirAi.Clinical.Reports;
using FhirAi.Inference;
using FhirAi.Server.Models;

namespace FhirAi.Server.Reports;

/// <summary>DI registration of report interpretation: the lab knowledge base (loaded once), the interpreters and the endpoint.</summary>
internal static class InterpretServices
{
    public static IServiceCollection AddReportInterpretation(this IServiceCollection services)
    {
        services.AddSingleton(_ => LabKnowledgeBase.LoadEmbedded());
        services.AddSingleton(sp => new LabInterpreter(sp.GetRequiredService<LabKnowledgeBase>()));
        services.AddSingleton(sp => new ReportInterpreter(
            sp.GetRequiredService<LabInterpreter>(), sp.GetRequiredService<LabKnowledgeBase>(), sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<DrugKnowledgeBase>()));
        services.AddSingleton<PatientRecordLoader>();
        services.AddSingleton<InterpretOperation>();
        return services;
    }

    /// <summary>The DiagnosticReport <c>$interpret</c> entry of the CapabilityStatement; it says whether risk models can run.</summary>
    public static JsonObject InterpretEntry(InferenceStatus inference) => new()
    {
        ["name"] = "interpret",
        ["definition"] = ReportConformance.InterpretOperationUrl,
        ["documentation"] = "Interprets a lab report: flags, deltas, patterns, risk models, clinician and patient texts (en, zh-Hans). Decision support. "
            + (inference.IsAvailable ? "Risk models: available." : "Risk models: unavailable (the interpretation runs without them). " + inference.Summary()),
    };
}
