using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using FhirAi.Fhir.Search;

namespace FhirAi.Storage.Search;

/// <summary>
/// The database function <c>fhirai_content_matches(json, query)</c> that <c>_content</c> filters with: mapped for LINQ by
/// <see cref="Map"/>; on SQLite registered on every connection from <see cref="ContentQuery.Matches"/>; on PostgreSQL created
/// by migration TextSearchFunctions (same folding, written in SQL).
/// </summary>
internal static class TextSearchFunction
{
    public const string Name = "fhirai_content_matches";

    /// <summary>Only for LINQ queries; the database evaluates it.</summary>
    public static bool ContentMatches(string? json, string query) =>
        throw new InvalidOperationException($"{Name} runs in the database; use it inside a query.");

    public static void Map(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(TextSearchFunction).GetMethod(nameof(ContentMatches))!).HasName(Name);

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?, bool>(Name, ContentQuery.Matches, isDeterministic: true);
}
