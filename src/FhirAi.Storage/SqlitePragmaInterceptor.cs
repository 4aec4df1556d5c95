using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FhirAi.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL survives a killed process without
/// losing committed transactions (only an OS crash or power loss can drop the newest ones). Also registers the
/// <c>_content</c> function (Search.TextSearchFunction).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";

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
