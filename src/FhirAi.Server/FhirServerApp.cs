using FhirAi.CdsHooks.Feedback;
using FhirAi.CdsHooks.Trust;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Definitions.Custom;
using FhirAi.Fhir.FhirPathSupport;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Search;
using FhirAi.Fhir.Validation;
using FhirAi.Server.Background;
using FhirAi.Server.Bundles;
using FhirAi.Server.CdsHooks;
using FhirAi.Server.Configuration;
using FhirAi.Server.Http;
using FhirAi.Server.Medications;
using FhirAi.Server.Models;
using FhirAi.Server.Reindex;
using FhirAi.Server.Reports;
using FhirAi.Server.Rest;
using FhirAi.Server.Search;
using FhirAi.Server.Writes;
using FhirAi.Storage;
using Microsoft.Extensions.Options;

namespace FhirAi.Server;

/// <summary>The composition root: configuration, services, middleware and routes.</summary>
public static class FhirServerApp
{
    private const string DefaultUrl = "http://localhost:8080";

    public static WebApplication Build(string[] args)
    {
        // No configuration reload: its file watcher covers the content root recursively and would wake up on
        // every write to a SQLite database kept below it (./data). Later arguments can still turn it on.
        // appsettings.json is read from the build output, so `dotnet run --project` from any folder finds it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddOptions<FhirServerOptions>()
            .Bind(builder.Configuration.GetSection(FhirServerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var serverOptions = builder.Configuration.GetSection(FhirServerOptions.SectionName).Get<FhirServerOptions>() ?? new FhirServerOptions();
        // Kestrel's own cap sits just above ours so that our reader, which answers with an OperationOutcome, normally decides.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = serverOptions.MaxBodyBytes + 1024L);

        var storageOptions = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddFhirStorage(storageOptions);

        var definitionsPath = builder.Configuration["FhirAi:DefinitionsPath"];
        builder.Services.AddSingleton(_ => string.IsNullOrEmpty(definitionsPath) ? FhirDefinitions.LoadDefault() : FhirDefinitions.Load(definitionsPath));
        builder.Services.AddSingleton(sp => new ResourceValidator(sp.GetRequiredService<FhirDefinitions>()));
        builder.Services.AddSingleton(sp => new R4FhirPathModel(sp.GetRequiredService<FhirDefinitions>()));
        builder.Services.AddSingleton(sp => new FhirPathLabEvaluator(
            sp.GetRequiredService<R4FhirPathModel>(), new R4FhirPathTerminology(sp.GetRequiredService<FhirDefinitions>())));
        builder.Services.AddSingleton<FhirPathOperation>();
        builder.Services.AddSingleton(sp => new SearchIndexer(sp.GetRequiredService<FhirDefinitions>(), sp.GetRequiredService<R4FhirPathModel>()));
        builder.Services.AddSingleton<ResourceWriteChecks>();
        builder.Services.AddSingleton<FhirRequestReader>();
        builder.Services.AddSingleton<ConditionalCriteria>();
        builder.Services.AddSingleton<ReservedIds>();
        builder.Services.AddSingleton<ResourceWriter>();
        builder.Services.AddSingleton<WriteSessions>();
        builder.Services.AddSingleton<ResourceHandlers>();
        builder.Services.AddSingleton<BundleParser>();
        builder.Services.AddSingleton<EntryExecutor>();
        builder.Services.AddSingleton<TransactionProcessor>();
        builder.Services.AddSingleton<BatchProcessor>();
        builder.Services.AddSingleton<BundleHandler>();
        builder.Services.AddSingleton<PatchHandler>();
        builder.Services.AddSingleton<HistoryHandler>();
        builder.Services.AddSingleton(sp => new SearchCriteriaParser(sp.GetRequiredService<FhirDefinitions>()));
        builder.Services.AddSingleton<SearchHandler>();
        builder.Services.AddSingleton<SearchPlanner>();
        builder.Services.AddSingleton<SearchRunner>();
        builder.Services.AddSingleton<SortParser>();
        builder.Services.AddSingleton<SearchCursorCodec>();
        builder.Services.AddSingleton<ResourceSubsetter>();
        builder.Services.AddSingleton<EverythingOperation>();
        builder.Services.AddSingleton<ValidateOperation>();
        builder.Services.AddSingleton<CapabilityStatementBuilder>();
        builder.Services.AddOptions<ReindexOptions>().Bind(builder.Configuration.GetSection(ReindexOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new CustomSearchParameterValidator(sp.GetRequiredService<FhirDefinitions>(), sp.GetRequiredService<R4FhirPathModel>()));
        builder.Services.AddSingleton<SearchParameterWrites>();
        builder.Services.AddSingleton<CustomSearchParameterLoader>();
        builder.Services.AddSingleton<ReindexEndpoints>();
        builder.Services.AddSingleton<ReindexWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReindexWorker>());
        builder.Services.AddHostedService<PlannerStatisticsWorker>();
        builder.Services.AddInference(builder.Configuration);
        builder.Services.AddMedicationReview();
        builder.Services.AddReportInterpretation();
        builder.Services.AddCdsHooksServer(builder.Configuration);
        // CDS Hooks client trust (JWT) and feedback; the /cds-services group applies RequireCdsClientJwt() and MapCdsFeedback().
        builder.Services.AddCdsHooksTrust(builder.Configuration);
        builder.Services.AddCdsFeedback();

        var app = builder.Build();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/fhir"), fhir => fhir.UseMiddleware<FormatNegotiationMiddleware>());
        app.MapGet("/health", (InferenceStatus inference) => Results.Json(new { status = "ok", inference = inference.Health() }));
        app.MapFhir();
        app.MapCdsHooks().RequireCdsClientJwt().MapCdsFeedback();
        return app;
    }

    /// <summary>Loads the definitions, migrates the database and registers the stored custom SearchParameters before the first request.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<IOptions<FhirServerOptions>>().Value;
        // The two slow start-up steps are independent: parse the definitions while the database migrates.
        var definitions = Task.Run(() => app.Services.GetRequiredService<CapabilityStatementBuilder>().Statement, cancellationToken);
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await definitions.ConfigureAwait(false);

        // Custom SearchParameters must be registered before the first write, which indexes them.
        await app.Services.GetRequiredService<CustomSearchParameterLoader>().LoadAsync(cancellationToken).ConfigureAwait(false);

        // Load ONNX Runtime and the models now, so a skipped model is logged at start-up, not on the first request.
        _ = app.Services.GetRequiredService<FhirAi.Inference.ModelRegistry>();

        // The lab knowledge base is checked when loaded: a broken one stops the start, not the first $interpret.
        _ = app.Services.GetRequiredService<FhirAi.Clinical.Labs.LabKnowledgeBase>();
    }
}
