using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FhirAi.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL survives a killed process without
/// losing committed transactions (only an OS crash or power loss can drop the newest ones).
/// The WAL is checkpointed at 16,384 pages (64 MiB) instead of SQLite's 1,000: one Synthea bundle
/// dirties ~1,100 index pages, so the default checkpointed (two fsyncs, every page copied back) after
/// almost every transaction, under the write lock; a larger WAL copies a page once for many commits.
/// <c>mmap_size</c> comes from StorageOptions.SqliteMmapBytes (off unless configured).
/// The pragmas and the <c>_content</c> function (Search.TextSearchFunction) are state of the database handle, so they are
/// set once per handle: a pooled handle keeps them, and a search opens a pooled connection for every request.
/// The connection object is created here too, without the functions EF Core's SQLite provider adds to every connection
/// (decimal arithmetic, <c>regexp</c>: our model has no decimal column and no query uses a regular expression).
/// Microsoft.Data.Sqlite registers a connection's functions at every open and removes them at every close, twelve
/// native calls each way per search; that was 3–4 % of the CPU of a simple search.
/// </summary>
internal sealed class SqlitePragmaInterceptor(long mmapBytes) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    // A number from validated configuration, not input: pragmas take no parameters.
    private readonly string _pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; " +
        "PRAGMA wal_autocheckpoint = 16384; PRAGMA mmap_size = " + mmapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";

    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(eventData.ConnectionString));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsConfigured(connection))
        {
            Search.TextSearchFunction.Register(((SqliteConnection)connection).Handle!);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            MarkConfigured(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured(connection))
        {
            Search.TextSearchFunction.Register(((SqliteConnection)connection).Handle!);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            MarkConfigured(connection);
        }
    }

    // Marked only after the pragmas ran: a handle whose pragmas failed is configured again at its next open.
    private bool IsConfigured(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && _configured.TryGetValue(handle, out _);

    private void MarkConfigured(DbConnection connection)
    {
        if (((SqliteConnection)connection).Handle is { } handle)
        {
            _configured.AddOrUpdate(handle, this);
        }
    }
}
