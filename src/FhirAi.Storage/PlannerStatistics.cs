using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage;

/// <summary>
/// Keeps PostgreSQL's planner statistics current under bulk writes. PostgreSQL plans joins from table statistics;
/// right after a bulk load they still describe near-empty tables, and multi-hop searches (chains, <c>_has</c>) can
/// then pick nested loops over whole resource types (seconds instead of milliseconds) until autovacuum gets to
/// the tables. So after every <see cref="WritesBetweenRefreshes"/> committed writes, <see cref="RunAsync"/>
/// runs one ANALYZE of the search tables; requests that arrive meanwhile coalesce into the next one.
/// SQLite without <c>sqlite_stat1</c> guesses too, and at 100,000 resources some guesses cost minutes (a correlated
/// sub-query seeking the value index instead of the resource-key index); there the refresh is a sampled ANALYZE
/// (<c>analysis_limit</c> rows per index: a quarter of a second at 100,000 resources), run under the write gate,
/// and also once at start-up (<see cref="RefreshAsync"/> from <see cref="DatabaseInitializer"/>).
/// Once the database holds more than twice <see cref="WritesBetweenRefreshes"/> resources the interval grows with
/// it (<see cref="RefreshInterval"/>): a bulk load into a large database would otherwise ANALYZE every few seconds,
/// and on SQLite each refresh also drops the page cache of every pooled connection, the writer's included.
/// </summary>
public sealed class PlannerStatistics
{
    public const int WritesBetweenRefreshes = 2000;

    // Table names are constants of our schema, never input.
    private const string AnalyzeSql =
        "ANALYZE resources, resource_versions, idx_string, idx_token, idx_date, idx_number, idx_quantity, idx_reference, idx_uri, idx_composite";

    // SQLite: every table and index, each sampled. A connection reads sqlite_stat1 when it opens, so the pool is
    // cleared afterwards: connections opened before the ANALYZE would otherwise keep planning without it.
    private const string SqliteAnalyzeSql = "PRAGMA analysis_limit = 1000; ANALYZE;";

    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly WriteGate _writeGate;
    private readonly StorageProvider _provider;
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _sinceRefresh;
    private long _interval = WritesBetweenRefreshes;

    internal PlannerStatistics(IDbContextFactory<FhirDbContext> contexts, WriteGate writeGate, StorageProvider provider)
    {
        _contexts = contexts;
        _writeGate = writeGate;
        _provider = provider;
    }

    /// <summary>How many refreshes have completed (for tests and diagnostics).</summary>
    public int Refreshes { get; private set; }

    /// <summary>How many refreshes the database refused (e.g. a dropped connection); they are not retried at once.</summary>
    public int Failures { get; private set; }

    /// <summary>Counts committed writes; asks for a refresh when enough have accumulated.</summary>
    public void RecordWrites(int count)
    {
        if (count > 0 && Interlocked.Add(ref _sinceRefresh, count) >= Interlocked.Read(ref _interval))
        {
            _due.Writer.TryWrite(true);
        }
    }

    /// <summary>
    /// Committed writes between two refreshes of a database holding <paramref name="resources"/> resources: at least
    /// <see cref="WritesBetweenRefreshes"/>, else half the resources, so the statistics always describe at least two
    /// thirds of the rows the planner sees.
    /// </summary>
    internal static long RefreshInterval(long resources) => Math.Max(WritesBetweenRefreshes, resources / 2);

    /// <summary>Runs the refreshes until cancelled; the host runs this once in the background.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _due.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref _sinceRefresh, 0);
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                Refreshes++;
            }
            catch (System.Data.Common.DbException)
            {
                // A failed ANALYZE only leaves older statistics in place; the next batch of writes asks again.
                Failures++;
            }
        }
    }

    /// <summary>One ANALYZE of the search tables now (SQLite: queued behind the writer like any write).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var writing = _provider == StorageProvider.Sqlite ? await _writeGate.EnterAsync(cancellationToken).ConfigureAwait(false) : null;
        var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.Database.ExecuteSqlRawAsync(_provider == StorageProvider.Sqlite ? SqliteAnalyzeSql : AnalyzeSql, cancellationToken).ConfigureAwait(false);
            var resources = await db.Resources.LongCountAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _interval, RefreshInterval(resources));
            if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection connection)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            }
        }
    }
}
