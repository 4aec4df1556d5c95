using System.Data.Common;
using System.Text;
using FhirAi.Fhir.Indexing;

namespace FhirAi.Storage.Sql;

/// <summary>
/// Writes search-index rows inside the caller's transaction: deletes per resource, inserts in
/// parameterised multi-row statements per table, batched across resources.
/// </summary>
internal static class IndexWriter
{
    internal static readonly string[] Tables =
        ["idx_string", "idx_token", "idx_date", "idx_number", "idx_quantity", "idx_reference", "idx_uri", "idx_composite"];

    public static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, long resourceKey, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await using var command = SqlCommandBuilder.Create(connection, transaction, $"DELETE FROM {table} WHERE resource_key = @k").With("@k", resourceKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Inserts the index rows of many resources, table by table, in multi-row statements.</summary>
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingIndex> batch, bool singleRowStatements, CancellationToken cancellationToken)
    {
        var rowsPerStatement = singleRowStatements ? 1 : 100;
        await InsertRowsAsync(connection, transaction, "idx_string", ["normalized", "exact"],
            Rows(batch, v => v.Strings), v => v.Parameter, v => [v.Normalized, v.Exact], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_token", ["system", "code", "text"],
            Rows(batch, v => v.Tokens), v => v.Parameter, v => [v.System, v.Code, v.Text], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_date", ["low", "high"],
            Rows(batch, v => v.Dates), v => v.Parameter, v => [v.LowMicros, v.HighMicros], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_number", ["value", "low", "high"],
            Rows(batch, v => v.Numbers), v => v.Parameter, v => [(double)v.Value, (double)v.Low, (double)v.High], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_quantity", ["system", "unit", "value", "low", "high", "canonical_unit", "canonical_value"],
            Rows(batch, v => v.Quantities), v => v.Parameter,
            v => [v.System, v.Unit, (double)v.Value, (double)v.Low, (double)v.High, v.CanonicalUnit, (double?)v.CanonicalValue], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_reference", ["target_type", "target_id", "target_version", "url"],
            Rows(batch, v => v.References), v => v.Parameter, v => [v.TargetType, v.TargetId, v.TargetVersion, v.Url], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_uri", ["uri"],
            Rows(batch, v => v.Uris), v => v.Parameter, v => [v.Uri], rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(connection, transaction, "idx_composite",
            ["first_system", "first_code", "second_system", "second_code", "second_number", "second_low", "second_high", "second_string"],
            Rows(batch, v => v.Composites), v => v.Parameter,
            v => [v.FirstSystem, v.FirstCode, v.SecondSystem, v.SecondCode, (double?)v.SecondNumber, v.SecondLowMicros, v.SecondHighMicros, v.SecondString],
            rowsPerStatement, cancellationToken).ConfigureAwait(false);
        await DateBoundsWriter.RecordAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
    }

    private static List<(long Key, string Type, T Value)> Rows<T>(IReadOnlyList<PendingIndex> batch, Func<IndexedValues, IReadOnlyList<T>> select) =>
        batch.SelectMany(p => select(p.Values).Select(v => (p.ResourceKey, p.ResourceType, v))).ToList();

    private static async Task InsertRowsAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string[] columns,
        List<(long Key, string Type, T Value)> rows,
        Func<T, string> parameter,
        Func<T, object?[]> valuesOf,
        int rowsPerStatement,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // SQLite runs in-process: one prepared single-row statement, re-executed, is its fastest path.
        // PostgreSQL pays a round trip per statement: multi-row statements (bounded under its parameter limit).
        DbCommand? prepared = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var end = Math.Min(rows.Count, start + rowsPerStatement);
                var count = end - start;
                var command = prepared is not null && count == 1 ? prepared : Build(connection, transaction, table, columns, count);
                var p = 0;
                for (var i = start; i < end; i++)
                {
                    var (key, type, value) = rows[i];
                    command.Parameters[p++].Value = key;
                    command.Parameters[p++].Value = type;
                    command.Parameters[p++].Value = parameter(value);
                    foreach (var column in valuesOf(value))
                    {
                        command.Parameters[p++].Value = column ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (count == 1 && prepared is null)
                {
                    prepared = command;
                }
                else if (!ReferenceEquals(command, prepared))
                {
                    await command.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (prepared is not null)
            {
                await prepared.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Build(DbConnection connection, DbTransaction transaction, string table, string[] columns, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO {table} (resource_key, resource_type, parameter, {string.Join(", ", columns)}) VALUES ");
        var command = SqlCommandBuilder.Create(connection, transaction, string.Empty);
        var p = 0;
        for (var row = 0; row < rowCount; row++)
        {
            sql.Append(row > 0 ? ", (" : "(");
            for (var column = 0; column < columns.Length + 3; column++)
            {
                sql.Append(column > 0 ? ", @p" : "@p").Append(p);
                command.With($"@p{p++}", null);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
