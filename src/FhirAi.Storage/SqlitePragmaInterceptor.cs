using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FhirAi.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL survives a killed process without
/// losing committed transactions (only an OS crash or power loss can drop the newest ones).
/// The WAL is checkpointed at 16,384 pages (64 MiB) instead of SQLite's 1,000: one Synthea bundle
/// dirties ~1,100 index pages, so the default checkpointed (two fsyncs, every page copied back) after
/// almost every transaction, under the write lock; a larger WAL copies a page once for many commits.
/// <c>mmap_size</c> comes from StorageOptions.SqliteMmapBytes (off unless configured).
/// Also registers the <c>_content</c> function (Search.TextSearchFunction).
/// </summary>
internal sealed class SqlitePragmaInterceptor(long mmapBytes) : DbConnectionInterceptor
{
    // A number from validated configuration, not input: pragmas take no parameters.
    private readonly string _pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; " +
        "PRAGMA wal_autocheckpoint = 16384; PRAGMA mmap_size = " + mmapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Search.TextSearchFunction.Register((Microsoft.Data.Sqlite.SqliteConnection)connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Search.TextSearchFunction.Register((Microsoft.Data.Sqlite.SqliteConnection)connection);
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
