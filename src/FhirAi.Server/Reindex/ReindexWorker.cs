using System.Threading.Channels;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Indexing;
using FhirAi.Storage;
using FhirAi.Storage.Reindex;
using Microsoft.Extensions.Options;

namespace FhirAi.Server.Reindex;

/// <summary>
/// The hosted service that runs reindex jobs, one at a time, oldest first, batch by batch. At start it resumes every
/// queued or running job after its last committed batch; afterwards it sleeps until <see cref="Wake"/>. A finished job
/// makes the custom SearchParameters it covered searchable.
/// </summary>
internal sealed partial class ReindexWorker(
    ReindexStore store, SearchIndexer indexer, FhirDefinitions definitions, IOptions<ReindexOptions> options, ILogger<ReindexWorker> logger)
    : BackgroundService
{
    private static readonly ReindexJobStatus[] Unfinished = [ReindexJobStatus.Queued, ReindexJobStatus.Running];

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Tells the worker a job was queued.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Drain the signal first: a job queued while this pass runs wakes the next one.
                _wake.Reader.TryRead(out _);
                var jobs = await store.JobsAsync(Unfinished, stoppingToken).ConfigureAwait(false);
                foreach (var job in jobs)
                {
                    await RunAsync(job, stoppingToken).ConfigureAwait(false);
                }

                if (jobs.Count == 0)
                {
                    await _wake.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the job resumes after its last committed batch on the next start.
        }
    }

    private async Task RunAsync(ReindexJob job, CancellationToken cancellationToken)
    {
        LogStarted(job.JobId, job.ResourceType ?? "*", job.Processed, job.Total);
        var batchSize = options.Value.BatchSize;
        var delay = options.Value.BatchDelayMilliseconds;
        var current = job;
        var conflicts = 0;
        while (!current.IsFinished)
        {
            try
            {
                current = await store.RunBatchAsync(current, batchSize, indexer.Extract, MarkSearchable, cancellationToken).ConfigureAwait(false);
                conflicts = 0;
            }
            catch (Exception ex) when (TransientConflict.Is(ex) && ++conflicts < 10)
            {
                // A deadlock with a writer: that batch rolled back whole; run it again.
                await Task.Delay(20 * conflicts, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Only the exception's type is kept: a message could quote resource content.
                LogFailed(job.JobId, ex.GetType().Name);
                await store.FailAsync(job.JobId, $"The job stopped after {current.Processed} resources: {ex.GetType().Name}. See the server log.", cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            if (delay > 0 && !current.IsFinished)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        LogCompleted(current.JobId, current.Processed);

        // Every batch is committed: the covered parameters become searchable before the job reads as completed.
        void MarkSearchable() => definitions.CustomSearchParameters.MarkReindexed(job.ResourceType, ReindexCoverage.Parse(job.Parameters));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex job {JobId} over {Scope} running from {Processed} of {Total} resources")]
    private partial void LogStarted(string jobId, string scope, long processed, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex job {JobId} completed: {Processed} resources")]
    private partial void LogCompleted(string jobId, long processed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reindex job {JobId} failed with {ExceptionType}")]
    private partial void LogFailed(string jobId, string exceptionType);
}
