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

    /// <summary>The body of an <c>IN (…)</c> list: one parameter per value (the list must not be empty).</summary>
    public string List<T>(IEnumerable<T> values)
        where T : notnull
    {
        var sql = new StringBuilder();
        foreach (var value in values)
        {
            sql.Append(sql.Length == 0 ? string.Empty : ",").Append(Add(value));
        }

        return sql.ToString();
    }
}
