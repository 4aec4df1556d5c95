namespace FhirAi.Storage.Model;

/// <summary>
/// What a date range search needs to know about one date parameter of one type, kept in the same transaction as
/// the index rows: the widest stored range (<c>high - low</c>, capped) and whether some resource has several values.
/// Both only grow (a delete never lowers them), so a stored value always covers every committed index row.
/// </summary>
internal sealed class DateParameterBoundsRow
{
    public required string ResourceType { get; set; }
    public required string Parameter { get; set; }

    /// <summary>Microseconds, at most <see cref="Sql.DateBoundsWriter.WidthCap"/> (open-ended periods reach it).</summary>
    public long MaxWidthMicros { get; set; }

    public bool SeveralValues { get; set; }
}
