using FhirAi.Storage;
using Microsoft.Extensions.Hosting;

namespace FhirAi.Server.Background;

/// <summary>Runs <see cref="PlannerStatistics"/> for the life of the server.</summary>
internal sealed class PlannerStatisticsWorker(PlannerStatistics statistics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await statistics.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
