using System.Data.Common;

namespace FhirAi.Storage.Sql;

/// <summary>
/// Keeps <c>date_parameter_bounds</c> covering the date index rows written in the same transaction: for every type and
/// date parameter in a batch, raises the stored widest range and sets the several-values flag when the batch needs it.
/// The statement only writes when the stored row does not already cover the batch, so after the first few writes of
/// a parameter it reads one row and takes no row lock (concurrent PostgreSQL writers do not queue on it).
/// </summary>
internal static class DateBoundsWriter
{
    /// <summary>Widths are capped here (about 31,700 years, beyond any finite FHIR date span) so that
    /// <c>low - width</c> in a search never overflows; an open-ended period is stored at the cap.</summary>
    public const long WidthCap = 1_000_000_000_000_000_000;

    private const string UpsertSql = """
        INSERT INTO date_parameter_bounds (resource_type, parameter, max_width, several_values)
        SELECT @type, @parameter, @width, @several
        WHERE NOT EXISTS (SELECT 1 FROM date_parameter_bounds b
                          WHERE b.resource_type = @type AND b.parameter = @parameter AND b.max_width >= @width
                            AND (b.several_values OR NOT @several))
        ON CONFLICT (resource_type, parameter) DO UPDATE SET
            max_width = CASE WHEN excluded.max_width > date_parameter_bounds.max_width THEN excluded.max_width ELSE date_parameter_bounds.max_width END,
            several_values = date_parameter_bounds.several_values OR excluded.several_values
        """;

    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingIndex> batch, CancellationToken cancellationToken)
    {
        var bounds = Bounds(batch);
        if (bounds.Count == 0)
        {
            return;
        }

        await using var command = SqlCommandBuilder.Create(connection, transaction, UpsertSql)
            .With("@type", string.Empty).With("@parameter", string.Empty).With("@width", 0L).With("@several", false);
        // Sorted, so that two PostgreSQL transactions raising the same rows lock them in the same order.
        foreach (var ((type, parameter), (width, several)) in bounds.OrderBy(b => b.Key.Type, StringComparer.Ordinal).ThenBy(b => b.Key.Parameter, StringComparer.Ordinal))
        {
            command.Parameters[0].Value = type;
            command.Parameters[1].Value = parameter;
            command.Parameters[2].Value = width;
            command.Parameters[3].Value = several;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Widest range and several-values flag per (type, parameter) over the batch's date rows.</summary>
    internal static Dictionary<(string Type, string Parameter), (long Width, bool Several)> Bounds(IReadOnlyList<PendingIndex> batch)
    {
        var bounds = new Dictionary<(string Type, string Parameter), (long Width, bool Several)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            seen.Clear();
            foreach (var date in pending.Values.Dates)
            {
                var key = (pending.ResourceType, date.Parameter);
                var several = !seen.Add(date.Parameter);
                var width = Width(date.LowMicros, date.HighMicros);
                bounds[key] = bounds.TryGetValue(key, out var known)
                    ? (Math.Max(known.Width, width), known.Several || several)
                    : (width, several);
            }
        }

        return bounds;
    }

    public static long Width(long low, long high)
    {
        var width = (Int128)high - low;
        return width < 0 ? 0 : width > WidthCap ? WidthCap : (long)width;
    }
}
