using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Definitions.Custom;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Reindex;

namespace FhirAi.Server.Reindex;

/// <summary>
/// Fills the custom SearchParameter registry at start-up from the store: every live, active SearchParameter that
/// still validates is registered, and the completed reindex jobs say which of them are searchable on which types.
/// </summary>
internal sealed partial class CustomSearchParameterLoader(
    ReindexStore store, FhirDefinitions definitions, CustomSearchParameterValidator validator, ILogger<CustomSearchParameterLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var registry = definitions.CustomSearchParameters;
        foreach (var stored in await store.CurrentResourcesAsync(SearchParameterWrites.ResourceType, cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(stored.Json!);
            var check = validator.Check(document.RootElement, stored.Id);
            if (check.Definition is { } definition)
            {
                registry.Register(stored.Id, definition, UnixMicros.From(stored.LastUpdated));
            }
            else if (!check.IsValid)
            {
                LogSkipped(stored.Id, check.Errors[0].Diagnostics);
            }
        }

        foreach (var job in await store.JobsAsync([ReindexJobStatus.Completed], cancellationToken).ConfigureAwait(false))
        {
            registry.MarkReindexed(job.ResourceType, ReindexCoverage.Parse(job.Parameters));
        }

        LogLoaded(registry.Current.Entries.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SearchParameter/{Id} is stored but not registered: {Reason}")]
    private partial void LogSkipped(string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} custom search parameters registered")]
    private partial void LogLoaded(int count);
}
