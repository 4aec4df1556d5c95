using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage.Search;

/// <summary>
/// Starts-with on normalised string rows (<c>family=smi</c>, <c>_text</c> words). EF Core sends <c>LIKE 'smi%'</c>,
/// which the bundled SQLite cannot seek with (its LIKE is case-insensitive, the index binary), so every row of the
/// parameter was read. On SQLite the prefix's binary range <c>normalized &gt;= 'smi' AND normalized &lt; 'smj'</c> is added:
/// implied by the prefix, so the answer is the same, and it bounds the index scan. Not on PostgreSQL, whose text
/// comparison follows the database collation, where a prefix's range is not guaranteed to hold every match.
/// </summary>
internal static class PrefixQuery
{
    public static IQueryable<StringIndexRow> StartingWith(FhirDbContext db, IQueryable<StringIndexRow> rows, string prefix)
    {
        rows = rows.Where(s => s.Normalized.StartsWith(prefix));
        if (prefix.Length == 0 || !db.Database.IsSqlite())
        {
            return rows;
        }

        rows = rows.Where(s => string.Compare(s.Normalized, prefix) >= 0);
        return UpperBound(prefix) is { } upper ? rows.Where(s => string.Compare(s.Normalized, upper) < 0) : rows;
    }

    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/> in UTF-8 byte order (SQLite's
    /// BINARY collation): the prefix with its last character raised by one. UTF-8 keeps code-point order, so this holds
    /// for any character below U+D7FF or between U+E000 and U+FFFE; otherwise the last character is dropped (a shorter
    /// prefix's bound is looser but still holds). Null when nothing is left.
    /// </summary>
    internal static string? UpperBound(string prefix)
    {
        for (var length = prefix.Length; length > 0; length--)
        {
            var last = prefix[length - 1];
            if (last < '\uD7FF' || (last >= '\uE000' && last < '\uFFFF'))
            {
                return string.Concat(prefix.AsSpan(0, length - 1), [(char)(last + 1)]);
            }
        }

        return null;
    }
}
