using System.Data.Common;
using System.Text;
using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Json;
using FhirAi.Storage.Model;
using FhirAi.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FhirAi.Storage;

/// <summary>
/// One database transaction: every write and read made through it is committed together by
/// <see cref="CommitAsync"/>, or rolled back when the session is disposed uncommitted. A FHIR
/// transaction Bundle is one session; a single REST write is a session with one write.
/// All writes of a session share one lastUpdated instant.
/// </summary>
public sealed class StoreSession : IAsyncDisposable
{
    private readonly FhirDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly IDisposable? _gate;
    private readonly StorageProvider _provider;
    private readonly DateTimeOffset _now;
    private readonly long _nowMicros;

    // Index rows are inserted in batches across the session's writes: flushed before any query that
    // could read them, when many are waiting, and at commit.
    private readonly List<PendingIndex> _pendingIndex = [];
    private int _pendingRows;
    private SessionCommands? _commands;
    private List<Action>? _afterCommit;

    /// <summary>How many create, update and delete calls this session made (for planner-statistics upkeep).</summary>
    internal int Writes { get; private set; }
    private const int FlushThresholdRows = 2000;

    private StoreSession(FhirDbContext db, IDbContextTransaction transaction, IDisposable? gate, StorageProvider provider, DateTimeOffset now)
    {
        _db = db;
        _transaction = transaction;
        _gate = gate;
        _provider = provider;
        _now = now;
        _nowMicros = Micros.From(now);
    }

    private DbConnection Connection => _db.Database.GetDbConnection();

    private SessionCommands Commands => _commands ??= new SessionCommands(Connection, Transaction);

    private DbTransaction Transaction => _transaction.GetDbTransaction();

    internal static async Task<StoreSession> BeginAsync(
        IDbContextFactory<FhirDbContext> contexts, WriteGate gate, StorageProvider provider, TimeProvider time, CancellationToken cancellationToken)
    {
        var entered = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        FhirDbContext? db = null;
        try
        {
            db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new StoreSession(db, transaction, entered, provider, Micros.Truncate(time.GetUtcNow()));
        }
        catch
        {
            if (db is not null)
            {
                await db.DisposeAsync().ConfigureAwait(false);
            }

            entered?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Serialises this transaction with every other one that takes the same key until commit, e.g. a
    /// conditional create's criteria. On SQLite the session already holds the only write lock.
    /// </summary>
    public async Task LockAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_provider != StorageProvider.PostgreSql)
        {
            return;
        }

        await using var command = SqlCommandBuilder.Create(Connection, Transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))").With("@key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a resource under a new server-assigned id.</summary>
    public async Task<WriteResult> CreateAsync(string type, string id, JsonElement resource, IndexedValues index, CancellationToken cancellationToken)
    {
        Writes++;
        var key = await ResourceWriteSql.TryInsertResourceAsync(Commands, type, id, _nowMicros, cancellationToken).ConfigureAwait(false)
                  ?? throw new InvalidOperationException($"The new id {type}/{id} already exists.");
        return await WriteVersionAsync(key, type, id, 1, WriteStatus.Created, resource, index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a new version (update, or create when the id is new). With <paramref name="ifMatchVersion"/>,
    /// only when that is the current version.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(
        string type, string id, JsonElement resource, IndexedValues index, int? ifMatchVersion, CancellationToken cancellationToken)
    {
        Writes++;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await ResourceWriteSql.BumpVersionAsync(Commands, type, id, ifMatchVersion, isDelete: false, _nowMicros, cancellationToken)
                    .ConfigureAwait(false) is { } bumped)
            {
                return await WriteVersionAsync(bumped.Key, type, id, bumped.Version, WriteStatus.Updated, resource, index, cancellationToken).ConfigureAwait(false);
            }

            var current = await ResourceWriteSql.CurrentStateAsync(Commands, type, id, cancellationToken).ConfigureAwait(false);
            if (current is not null || ifMatchVersion is not null)
            {
                return current is null
                    ? new WriteResult(WriteStatus.NotFound, null)
                    : new WriteResult(WriteStatus.VersionConflict, null, current.Value.VersionId);
            }

            if (await ResourceWriteSql.TryInsertResourceAsync(Commands, type, id, _nowMicros, cancellationToken).ConfigureAwait(false) is { } key)
            {
                return await WriteVersionAsync(key, type, id, 1, WriteStatus.Created, resource, index, cancellationToken).ConfigureAwait(false);
            }

            // Another writer created the id after our UPDATE found nothing: its row is committed now, so bump it.
        }

        throw new InvalidOperationException($"{type}/{id} changed concurrently twice during one update.");
    }

    /// <summary>Records a deletion as a new version; the search-index rows go.</summary>
    public async Task<WriteResult> DeleteAsync(string type, string id, int? ifMatchVersion, CancellationToken cancellationToken)
    {
        Writes++;
        if (await ResourceWriteSql.BumpVersionAsync(Commands, type, id, ifMatchVersion, isDelete: true, _nowMicros, cancellationToken)
                .ConfigureAwait(false) is { } bumped)
        {
            return await WriteVersionAsync(bumped.Key, type, id, bumped.Version, WriteStatus.Deleted, default, IndexedValues.Empty, cancellationToken).ConfigureAwait(false);
        }

        var current = await ResourceWriteSql.CurrentStateAsync(Commands, type, id, cancellationToken).ConfigureAwait(false);
        return current switch
        {
            null => new WriteResult(WriteStatus.NotFound, null),
            { IsDeleted: true } when ifMatchVersion is null => new WriteResult(WriteStatus.AlreadyDeleted, null, current.Value.VersionId),
            _ => new WriteResult(WriteStatus.VersionConflict, null, current.Value.VersionId),
        };
    }

    /// <summary>Reads the current version as this transaction sees it (including its own writes).</summary>
    public async Task<ReadResult> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        var version = await _db.Resources
            .Where(r => r.ResourceType == type && r.LogicalId == id)
            .Join(_db.Versions, r => new { r.ResourceKey, r.VersionId }, v => new { v.ResourceKey, v.VersionId }, (r, v) => v)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return StoredRows.ToReadResult(version);
    }

    /// <summary>Live resources of <paramref name="search"/>'s type matching it, as this transaction sees them.</summary>
    public async Task<SearchPage> SearchAsync(ResourceSearch search, CancellationToken cancellationToken)
    {
        await FlushIndexAsync(cancellationToken).ConfigureAwait(false);
        return await ResourceSearchQuery.RunAsync(_db, search, cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await FlushIndexAsync(cancellationToken).ConfigureAwait(false);
        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var action in _afterCommit ?? [])
        {
            action();
        }
    }

    /// <summary>Runs <paramref name="action"/> once this session has committed (never when it rolls back), e.g. to update an in-memory registry.</summary>
    public void OnCommitted(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (_afterCommit ??= []).Add(action);
    }

    private async Task FlushIndexAsync(CancellationToken cancellationToken)
    {
        if (_pendingIndex.Count == 0)
        {
            return;
        }

        await IndexWriter.InsertAsync(Connection, Transaction, _pendingIndex, singleRowStatements: _provider == StorageProvider.Sqlite, cancellationToken).ConfigureAwait(false);
        _pendingIndex.Clear();
        _pendingRows = 0;
    }

    private static int RowCount(IndexedValues values) =>
        values.Strings.Count + values.Tokens.Count + values.Dates.Count + values.Numbers.Count +
        values.Quantities.Count + values.References.Count + values.Uris.Count + values.Composites.Count;

    public async ValueTask DisposeAsync()
    {
        if (_commands is not null)
        {
            await _commands.DisposeAsync().ConfigureAwait(false);
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _db.DisposeAsync().ConfigureAwait(false);
        _gate?.Dispose();
    }

    private async Task<WriteResult> WriteVersionAsync(
        long resourceKey, string type, string id, int versionId, WriteStatus status, JsonElement resource, IndexedValues index, CancellationToken cancellationToken)
    {
        var isDelete = status == WriteStatus.Deleted;
        var json = isDelete ? null : Encoding.UTF8.GetString(ResourceStamper.Stamp(resource, id, versionId, _now));
        var method = isDelete ? "DELETE" : status == WriteStatus.Created ? "POST" : "PUT";
        await ResourceWriteSql.InsertVersionAsync(Commands, resourceKey, type, id, versionId, _nowMicros, method, json, cancellationToken).ConfigureAwait(false);
        if (status != WriteStatus.Created)
        {
            _pendingIndex.RemoveAll(pending => pending.ResourceKey == resourceKey);
            await IndexWriter.DeleteAsync(Connection, Transaction, resourceKey, cancellationToken).ConfigureAwait(false);
        }

        var rows = RowCount(index);
        if (rows > 0)
        {
            _pendingIndex.Add(new PendingIndex(resourceKey, type, index));
            _pendingRows += rows;
            if (_pendingRows >= FlushThresholdRows)
            {
                await FlushIndexAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return new WriteResult(status, new StoredResource(type, id, versionId, _now, isDelete, method, json));
    }
}
