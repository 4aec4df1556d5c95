using FhirAi.Fhir.Search;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace FhirAi.Storage.Search;

/// <summary>
/// The database function <c>fhirai_content_matches(json, query)</c> that <c>_content</c> filters with: mapped for LINQ by
/// <see cref="Map"/>; on SQLite registered once per database handle (<see cref="Register"/>, from SqlitePragmaInterceptor);
/// on PostgreSQL created by migration TextSearchFunctions (same folding, written in SQL).
/// </summary>
internal static class TextSearchFunction
{
    public const string Name = "fhirai_content_matches";

    /// <summary>Only for LINQ queries; the database evaluates it.</summary>
    public static bool ContentMatches(string? json, string query) =>
        throw new InvalidOperationException($"{Name} runs in the database; use it inside a query.");

    public static void Map(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(TextSearchFunction).GetMethod(nameof(ContentMatches))!).HasName(Name);

    /// <summary>
    /// Registers the function on the handle itself. <c>SqliteConnection.CreateFunction</c> ties a function to the connection
    /// object: it is registered at every open and removed at every close, and a search opens a pooled connection per
    /// request (3–4 % of a simple search's CPU went to that). A function on the handle stays while the pool keeps it.
    /// </summary>
    public static void Register(sqlite3 handle)
    {
        var rc = raw.sqlite3_create_function(handle, Name, 2, raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC, null, Evaluate);
        if (rc != raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException($"registering {Name} failed: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
        }
    }

    private static void Evaluate(sqlite3_context context, object userData, sqlite3_value[] args)
    {
        try
        {
            raw.sqlite3_result_int(context, ContentQuery.Matches(Text(args[0]), Text(args[1])) ? 1 : 0);
        }
        catch (Exception e)
        {
            // An exception must not cross back into native code (it would end the process): report it as an SQL error.
            raw.sqlite3_result_error(context, $"{Name}: {e.Message}");
        }
    }

    private static string? Text(sqlite3_value value) =>
        raw.sqlite3_value_type(value) == raw.SQLITE_NULL ? null : raw.sqlite3_value_text(value).utf8_to_string();
}
