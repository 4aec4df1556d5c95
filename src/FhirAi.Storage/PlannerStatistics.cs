using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage;

/// <summary>
/// Keeps PostgreSQL's planner statistics current under bulk writes. PostgreSQL plans joins from table statistics;
/// right after a bulk load they still describe near-empty tables, and multi-hop searches (chains, <c>_has</c>) can
/// then pick nested loops over whole resource types (seconds instead of milliseconds) until autovacuum gets to
/// the tables. So after every <see cref="WritesBetweenRefreshes"/> committed writes, <see cref="RunAsync"/>
/// runs one ANALYZE of the search tables; requests that arrive meanwhile coalesce into the next one.
/// SQLite plans from its indexes without needing this; there it does nothing.
/// </summary>
public sealed class PlannerStatistics
{
    public const int WritesBetweenRefreshes = 2000;

    // Table names are constants of our schema, never input.
    private const string AnalyzeSql =
        "ANALYZE resources, resource_versions, idx_string, idx_token, idx_date, idx_number, idx_quantity, idx_reference, idx_uri, idx_composite";

    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly bool _enabled;
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _sinceRefresh;

    internal PlannerStatistics(IDbContextFactory<FhirDbContext> contexts, StorageProvider provider)
    {
        _contexts = contexts;
        _enabled = provider == StorageProvider.PostgreSql;
    }

    /// <summary>How many refreshes have completed (for tests and diagnostics).</summary>
    public int Refreshes { get; private set; }

    /// <summary>How many refreshes the database refused (e.g. a dropped connection); they are not retried at once.</summary>
    public int Failures { get; private set; }

    /// <summary>Counts committed writes; asks for a refresh when enough have accumulated.</summary>
    public void RecordWrites(int count)
    {
        if (_enabled && count > 0 && Interlocked.Add(ref _sinceRefresh, count) >= WritesBetweenRefreshes)
        {
            _due.Writer.TryWrite(true);
        }
    }

    /// <summary>Runs the refreshes until cancelled; the host runs this once in the background.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _due.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref _sinceRefresh, 0);
            var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync(AnalyzeSql, cancellationToken).ConfigureAwait(false);
                    Refreshes++;
                }
                catch (System.Data.Common.DbException)
                {
                    // A failed ANALYZE only leaves older statistics in place; the next batch of writes asks again.
                    Failures++;
                }
            }
        }
    }
}
