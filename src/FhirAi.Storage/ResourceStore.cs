using System.Text.Json;
using FhirAi.Fhir.Indexing;
using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage;

/// <summary>
/// Stores, versions and reads resources. Every write is one database transaction that bumps the
/// resource row's version with a conditional UPDATE, appends the version row and replaces the
/// search-index rows, so a write is visible whole or not at all and concurrent writers are
/// serialised by the database (row lock, unique (resource, version) index), not by a prior read.
/// </summary>
public sealed class ResourceStore
{
    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly WriteGate _writeGate;
    private readonly StorageProvider _provider;
    private readonly TimeProvider _time;
    private readonly PlannerStatistics _statistics;

    internal ResourceStore(IDbContextFactory<FhirDbContext> contexts, WriteGate writeGate, StorageProvider provider, TimeProvider time, PlannerStatistics statistics)
    {
        _contexts = contexts;
        _writeGate = writeGate;
        _provider = provider;
        _time = time;
        _statistics = statistics;
    }

    /// <summary>Opens a transaction for several reads and writes that commit together (a transaction Bundle, a conditional write).</summary>
    public async Task<StoreSession> BeginSessionAsync(CancellationToken cancellationToken)
    {
        var session = await StoreSession.BeginAsync(_contexts, _writeGate, _provider, _time, cancellationToken).ConfigureAwait(false);
        session.OnCommitted(() => _statistics.RecordWrites(session.Writes));
        return session;
    }

    /// <summary>Creates a resource under a new id chosen by the caller (a server-assigned one, so it cannot exist yet).</summary>
    public Task<WriteResult> CreateAsync(string type, string id, JsonElement resource, IndexedValues index, CancellationToken cancellationToken) =>
        InSessionAsync(session => session.CreateAsync(type, id, resource, index, cancellationToken), cancellationToken);

    /// <summary>
    /// Writes a new version (update, or create when the id is new). With <paramref name="ifMatchVersion"/>,
    /// only when that is the current version.
    /// </summary>
    public Task<WriteResult> UpdateAsync(
        string type, string id, JsonElement resource, IndexedValues index, int? ifMatchVersion, CancellationToken cancellationToken) =>
        InSessionAsync(session => session.UpdateAsync(type, id, resource, index, ifMatchVersion, cancellationToken), cancellationToken);

    /// <summary>Records a deletion as a new version; the search-index rows go.</summary>
    public Task<WriteResult> DeleteAsync(string type, string id, int? ifMatchVersion, CancellationToken cancellationToken) =>
        InSessionAsync(session => session.DeleteAsync(type, id, ifMatchVersion, cancellationToken), cancellationToken);

    public async Task<ReadResult> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var version = await db.Resources.AsNoTracking()
            .Where(r => r.ResourceType == type && r.LogicalId == id)
            .Join(db.Versions, r => new { r.ResourceKey, r.VersionId }, v => new { v.ResourceKey, v.VersionId }, (r, v) => v)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return StoredRows.ToReadResult(version);
    }

    public async Task<ReadResult> ReadVersionAsync(string type, string id, int versionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var version = await db.Versions.AsNoTracking()
            .Where(v => v.ResourceType == type && v.LogicalId == id && v.VersionId == versionId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return StoredRows.ToReadResult(version);
    }

    public async Task<HistoryPage> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var versions = db.Versions.AsNoTracking();
        if (query.ResourceType is not null)
        {
            versions = versions.Where(v => v.ResourceType == query.ResourceType);
        }

        if (query.Id is not null)
        {
            versions = versions.Where(v => v.LogicalId == query.Id);
        }

        if (query.Since is { } since)
        {
            var sinceMicros = Micros.From(since);
            versions = versions.Where(v => v.LastUpdatedMicros >= sinceMicros);
        }

        if (query.BeforeSequence is { } before)
        {
            versions = versions.Where(v => v.Seq < before);
        }

        var rows = await versions.OrderByDescending(v => v.Seq).Take(query.Count + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        long? next = rows.Count > query.Count ? rows[query.Count - 1].Seq : null;
        return new HistoryPage(rows.Take(query.Count).Select(StoredRows.ToStored).ToList(), next);
    }

    public async Task<SearchPage> SearchAsync(ResourceSearch search, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ResourceSearchQuery.RunAsync(db, search, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resources that <c>_include</c>/<c>_revinclude</c> add to a page of matches (see <see cref="IncludeQuery"/>).</summary>
    public async Task<IncludeResult> IncludeAsync(IReadOnlyList<StoredResource> matches, IReadOnlyList<Fhir.Search.IncludeDirective> includes,
        IncludeLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(includes);
        ArgumentNullException.ThrowIfNull(limits);
        if (matches.Count == 0 || includes.Count == 0)
        {
            return new IncludeResult([], false);
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await IncludeQuery.RunAsync(db, matches, includes, limits, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WriteResult> InSessionAsync(Func<StoreSession, Task<WriteResult>> write, CancellationToken cancellationToken)
    {
        await using var session = await BeginSessionAsync(cancellationToken).ConfigureAwait(false);
        var result = await write(session).ConfigureAwait(false);
        if (result.Status is WriteStatus.Created or WriteStatus.Updated or WriteStatus.Deleted)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
