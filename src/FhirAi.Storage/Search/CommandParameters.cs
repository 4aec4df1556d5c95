using System.Data.Common;
using System.Globalization;
using System.Text;

namespace FhirAi.Storage.Search;

/// <summary>Adds values to a hand-written command as numbered parameters (<c>@p0</c>, <c>@p1</c>, …) and returns the placeholder to put in the SQL.</summary>
internal sealed class CommandParameters(DbCommand command)
{
    public string Add(object value)
    {
        var name = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }

    /// <summary>
    /// The body of an <c>IN (…)</c> list: one parameter per value (the list must not be empty), padded to a power of two
    /// by repeating the last value. The padding changes nothing in what matches; it keeps the statement's text to a
    /// few shapes whatever the number of values, so that PostgreSQL keeps one prepared statement per shape
    /// (<see cref="CurrentVersions.QueryAsync"/>) instead of one per list length.
    /// </summary>
    public string List<T>(IReadOnlyCollection<T> values)
        where T : notnull
    {
        var sql = new StringBuilder();
        var last = default(T);
        foreach (var value in values)
        {
            sql.Append(sql.Length == 0 ? string.Empty : ",").Append(Add(value));
            last = value;
        }

        var shape = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)values.Count);
        for (var padded = values.Count; padded < shape; padded++)
        {
            sql.Append(',').Append(Add(last!));
        }

        return sql.ToString();
    }
}
