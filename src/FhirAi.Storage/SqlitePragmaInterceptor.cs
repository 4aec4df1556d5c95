using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FhirAi.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL survives a killed process without
/// losing committed transactions (only an OS crash or power loss can drop the newest ones).
/// The WAL is checkpointed at 16,384 pages (64 MiB) instead of SQLite's 1,000: one Synthea bundle
/// dirties ~1,100 index pages, so the default checkpointed (two fsyncs, every page copied back) after
/// almost every transaction, under the write lock; a larger WAL copies a page once for many commits.
/// Reads go through a memory map of up to 1 GiB (<c>mmap_size</c>): pages come straight from the OS page cache instead
/// of a pread copy into each pooled connection's own cache (search, 104,680 resources: token 976/1,081 → 1,243/1,551
/// and reference 1,757/1,970 → 2,355/2,699 req/s, two alternating pairs; docs/benchmarks.md). Writes still go through
/// the WAL as before; a database larger than the map is read through it as far as it reaches.
/// Also registers the <c>_content</c> function (Search.TextSearchFunction).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; " +
        "PRAGMA wal_autocheckpoint = 16384; PRAGMA mmap_size = 1073741824;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Search.TextSearchFunction.Register((Microsoft.Data.Sqlite.SqliteConnection)connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Search.TextSearchFunction.Register((Microsoft.Data.Sqlite.SqliteConnection)connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
