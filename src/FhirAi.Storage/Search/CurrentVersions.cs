using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FhirAi.Storage.Search;

/// <summary>
/// Reads current versions of resources with hand-written, parameterised statements on the context's connection: the
/// page of a search by its keys, and the resources an include adds. These fixed-shape reads are the second query of
/// nearly every search, and EF Core's query pipeline (parameter extraction, cache lookup, materialisation) cost more
/// CPU than the statements themselves. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
internal static class CurrentVersions
{
    /// <summary>The select list and joins every read here starts with: live resources <c>r</c> and their current version <c>v</c>.</summary>
    public const string Select =
        "SELECT v.resource_key, v.resource_type, v.logical_id, v.version_id, v.last_updated, v.method, v.json " +
        "FROM resources r JOIN resource_versions v ON v.resource_key = r.resource_key AND v.version_id = r.version_id " +
        "WHERE NOT r.is_deleted ";

    /// <summary>The live current versions of the resources with these keys, in the order of the keys (one deleted meanwhile is left out).</summary>
    public static async Task<List<KeyedResource>> ReadAsync(FhirDbContext db, IReadOnlyList<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        await using var command = Command(db);
        command.CommandText = Select + "AND r.resource_key IN (" + new CommandParameters(command).List(keys) + ")";
        var byKey = new Dictionary<long, KeyedResource>(keys.Count);
        foreach (var row in await QueryAsync(command, cancellationToken).ConfigureAwait(false))
        {
            byKey[row.Key] = row;
        }

        var ordered = new List<KeyedResource>(byKey.Count);
        foreach (var key in keys)
        {
            if (byKey.TryGetValue(key, out var resource))
            {
                ordered.Add(resource);
            }
        }

        return ordered;
    }

    /// <summary>A command on the context's (open) connection, in its transaction when there is one.</summary>
    public static DbCommand Command(FhirDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>
    /// Runs a command whose select list is <see cref="Select"/>'s. The command is prepared first: PostgreSQL spent more
    /// time planning these statements than running them (a forward include, warm: 0.65 ms planning, 0.16 ms execution),
    /// and Npgsql keeps a prepared statement on the pooled physical connection, so the next command with the same text
    /// there skips parsing and, after a few runs, planning (a generic plan; these statements read by key or by
    /// reference, where one plan fits every value). SQLite prepares a statement for each execution anyway.
    /// </summary>
    public static async Task<List<KeyedResource>> QueryAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<KeyedResource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new KeyedResource(reader.GetInt64(0), Read(reader)));
        }

        return rows;
    }

    private static StoredResource Read(DbDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        Micros.ToInstant(reader.GetInt64(4)),
        false,
        reader.GetString(5),
        reader.GetString(6));
}
