using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FhirAi.Storage.Search;

/// <summary>
/// Reads the current versions of a page of resources by their keys with one hand-written, parameterised
/// statement on the context's connection. The page's keys come from an EF Core query (the criteria); this fixed-shape
/// read is the second query of nearly every search, and going through EF Core's query pipeline (parameter extraction,
/// cache lookup, materialisation) cost more CPU than the statement itself. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
internal static class CurrentVersions
{
    private const string Select =
        "SELECT v.resource_key, v.resource_type, v.logical_id, v.version_id, v.last_updated, v.method, v.json " +
        "FROM resources r JOIN resource_versions v ON v.resource_key = r.resource_key AND v.version_id = r.version_id " +
        "WHERE NOT r.is_deleted AND r.resource_key IN (";

    /// <summary>The live current versions of the resources with these keys, in the order of the keys (one deleted meanwhile is left out).</summary>
    public static async Task<List<KeyedResource>> ReadAsync(FhirDbContext db, IReadOnlyList<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(Select, Select.Length + (keys.Count * 6) + 1);
        for (var i = 0; i < keys.Count; i++)
        {
            var name = "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? name : "," + name);
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = keys[i];
            command.Parameters.Add(parameter);
        }

        command.CommandText = sql.Append(')').ToString();
        var byKey = new Dictionary<long, StoredResource>(keys.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byKey[reader.GetInt64(0)] = Read(reader);
            }
        }

        var ordered = new List<KeyedResource>(byKey.Count);
        foreach (var key in keys)
        {
            if (byKey.TryGetValue(key, out var resource))
            {
                ordered.Add(new KeyedResource(key, resource));
            }
        }

        return ordered;
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
