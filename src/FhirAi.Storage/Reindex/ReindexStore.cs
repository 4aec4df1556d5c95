using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Storage.Model;
using FhirAi.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FhirAi.Storage.Reindex;

/// <summary>
/// Storage of background reindex jobs, kept apart from <see cref="ResourceStore"/>'s CRUD. A batch reads the current
/// versions of the next resources after the job's last key and extracts their index values without holding any lock;
/// then, in one short transaction, it locks those resource rows (PostgreSQL <c>FOR UPDATE</c>; on SQLite the write gate
/// already excludes every other writer), re-checks their version, replaces the index rows of those still at the version
/// read, and advances the job. A resource written meanwhile keeps the index rows its own write made. See docs/adr/0005-reindex.md.
/// </summary>
public sealed class ReindexStore
{
    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly WriteGate _writeGate;
    private readonly StorageProvider _provider;
    private readonly TimeProvider _time;

    internal ReindexStore(IDbContextFactory<FhirDbContext> contexts, WriteGate writeGate, StorageProvider provider, TimeProvider time)
    {
        _contexts = contexts;
        _writeGate = writeGate;
        _provider = provider;
        _time = time;
    }

    /// <summary>Creates a queued job over <paramref name="resourceType"/> (null: all types), counting the live resources in scope.</summary>
    public async Task<ReindexJob> CreateJobAsync(string? resourceType, string? parameters, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var live = db.Resources.Where(r => !r.IsDeleted);
        if (resourceType is not null)
        {
            live = live.Where(r => r.ResourceType == resourceType);
        }

        var total = await live.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var now = Micros.From(Micros.Truncate(_time.GetUtcNow()));
        var row = new ReindexJobRow
        {
            JobId = Guid.CreateVersion7().ToString("N"),
            ResourceType = resourceType,
            Status = Name(ReindexJobStatus.Queued),
            Total = total,
            Parameters = parameters,
            CreatedMicros = now,
            UpdatedMicros = now,
        };
        db.ReindexJobs.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ToJob(row);
    }

    public async Task<ReindexJob?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ReindexJobs.FirstOrDefaultAsync(j => j.JobId == jobId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToJob(row);
    }

    /// <summary>Jobs with the given statuses, oldest first.</summary>
    public async Task<IReadOnlyList<ReindexJob>> JobsAsync(IReadOnlyCollection<ReindexJobStatus> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var names = statuses.Select(Name).ToList();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReindexJobs.Where(j => names.Contains(j.Status)).OrderBy(j => j.CreatedMicros).ThenBy(j => j.JobId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToJob).ToList();
    }

    /// <summary>The current version of every live resource of a type, in key order (for small types such as SearchParameter).</summary>
    public async Task<IReadOnlyList<StoredResource>> CurrentResourcesAsync(string resourceType, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Resources.Where(r => r.ResourceType == resourceType && !r.IsDeleted)
            .Join(db.Versions, r => new { r.ResourceKey, r.VersionId }, v => new { v.ResourceKey, v.VersionId }, (r, v) => v)
            .OrderBy(v => v.ResourceKey)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(StoredRows.ToStored).ToList();
    }

    public async Task FailAsync(string jobId, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = Micros.From(_time.GetUtcNow());
        var failed = Name(ReindexJobStatus.Failed);
        var message = error.Length > 1024 ? error[..1024] : error;
        await db.ReindexJobs.Where(j => j.JobId == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, failed).SetProperty(j => j.Error, message).SetProperty(j => j.UpdatedMicros, now), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Re-indexes the next <paramref name="batchSize"/> live resources after the job's last key with <paramref name="extract"/>
    /// and returns the job as committed; when none are left, the job is marked completed, after
    /// <paramref name="onCompleting"/> has run (so whatever it enables is in place before anyone can see the job completed).
    /// </summary>
    public async Task<ReindexJob> RunBatchAsync(
        ReindexJob job, int batchSize, Func<string, JsonElement, IndexedValues> extract, Action? onCompleting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(extract);
        var read = await ReadBatchAsync(job, batchSize, cancellationToken).ConfigureAwait(false);

        // Extraction is the expensive part: done before any lock is taken.
        var extracted = new List<(BatchResource Resource, IndexedValues Values)>(read.Count);
        foreach (var resource in read)
        {
            using var document = JsonDocument.Parse(resource.Json);
            extracted.Add((resource, extract(resource.ResourceType, document.RootElement)));
        }

        using var entered = await _writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        var now = Micros.From(_time.GetUtcNow());
        if (read.Count == 0)
        {
            onCompleting?.Invoke();
            await using var complete = SqlCommandBuilder.Create(connection, dbTransaction,
                    "UPDATE reindex_jobs SET status = @status, updated_at = @now, completed_at = @now WHERE job_id = @job")
                .With("@status", Name(ReindexJobStatus.Completed)).With("@now", now).With("@job", job.JobId);
            await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var current = await LockCurrentVersionsAsync(connection, dbTransaction, read, cancellationToken).ConfigureAwait(false);
            var unchanged = extracted.Where(e => current.TryGetValue(e.Resource.ResourceKey, out var version) && version == e.Resource.VersionId).ToList();
            await DeleteIndexRowsAsync(connection, dbTransaction, unchanged.Select(e => e.Resource.ResourceKey).ToList(), cancellationToken).ConfigureAwait(false);
            var pending = unchanged.Select(e => new PendingIndex(e.Resource.ResourceKey, e.Resource.ResourceType, e.Values)).ToList();
            await IndexWriter.InsertAsync(connection, dbTransaction, pending, singleRowStatements: _provider == StorageProvider.Sqlite, cancellationToken)
                .ConfigureAwait(false);
            await using var advance = SqlCommandBuilder.Create(connection, dbTransaction,
                    "UPDATE reindex_jobs SET status = @status, processed = processed + @count, last_key = @last, updated_at = @now WHERE job_id = @job")
                .With("@status", Name(ReindexJobStatus.Running)).With("@count", (long)read.Count).With("@last", read[^1].ResourceKey)
                .With("@now", now).With("@job", job.JobId);
            await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ReindexJobs.FirstAsync(j => j.JobId == job.JobId, cancellationToken).ConfigureAwait(false);
        return ToJob(row);
    }

    private async Task<List<BatchResource>> ReadBatchAsync(ReindexJob job, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var resources = db.Resources.Where(r => r.ResourceKey > job.LastKey && !r.IsDeleted);
        if (job.ResourceType is { } type)
        {
            resources = resources.Where(r => r.ResourceType == type);
        }

        var rows = await resources.OrderBy(r => r.ResourceKey).Take(batchSize)
            .Join(db.Versions, r => new { r.ResourceKey, r.VersionId }, v => new { v.ResourceKey, v.VersionId },
                (r, v) => new { r.ResourceKey, r.ResourceType, r.VersionId, v.Json })
            .OrderBy(b => b.ResourceKey)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Where(r => r.Json is not null).Select(r => new BatchResource(r.ResourceKey, r.ResourceType, r.VersionId, r.Json!)).ToList();
    }

    /// <summary>The live version of each resource of the batch, its row locked until commit on PostgreSQL.</summary>
    private async Task<Dictionary<long, int>> LockCurrentVersionsAsync(
        DbConnection connection, DbTransaction transaction, List<BatchResource> batch, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT resource_key, version_id FROM resources WHERE is_deleted = @deleted AND resource_key IN (");
        await using var command = SqlCommandBuilder.Create(connection, transaction, string.Empty).With("@deleted", false);
        AppendKeys(sql, command, batch.Select(b => b.ResourceKey).ToList());
        // Ordered by key, like every batch, so two reindex batches never lock in opposite orders.
        sql.Append(") ORDER BY resource_key").Append(_provider == StorageProvider.PostgreSql ? " FOR UPDATE" : string.Empty);
        command.CommandText = sql.ToString();
        var versions = new Dictionary<long, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        return versions;
    }

    private static async Task DeleteIndexRowsAsync(DbConnection connection, DbTransaction transaction, List<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        foreach (var table in IndexWriter.Tables)
        {
            // Table names come from a constant list; the keys are parameters.
            var sql = new StringBuilder($"DELETE FROM {table} WHERE resource_key IN (");
            await using var command = SqlCommandBuilder.Create(connection, transaction, string.Empty);
            AppendKeys(sql, command, keys);
            command.CommandText = sql.Append(')').ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AppendKeys(StringBuilder sql, DbCommand command, List<long> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var name = "@k" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? name : ", " + name);
            command.With(name, keys[i]);
        }
    }

    private static string Name(ReindexJobStatus status) => status.ToString().ToLowerInvariant();

    private static ReindexJob ToJob(ReindexJobRow row) => new()
    {
        JobId = row.JobId,
        ResourceType = row.ResourceType,
        Status = Enum.Parse<ReindexJobStatus>(row.Status, ignoreCase: true),
        Total = row.Total,
        Processed = row.Processed,
        LastKey = row.LastKey,
        Parameters = row.Parameters,
        Created = Micros.ToInstant(row.CreatedMicros),
        Updated = Micros.ToInstant(row.UpdatedMicros),
        Completed = row.CompletedMicros is { } completed ? Micros.ToInstant(completed) : null,
        Error = row.Error,
    };

    private sealed record BatchResource(long ResourceKey, string ResourceType, int VersionId, string Json);
}
