using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage.Search;

/// <summary>
/// Keeps the context's connection open across the several queries of one search (page, versions, cursor, count,
/// includes). EF Core otherwise opens and closes it around each query, and on SQLite every open runs the
/// connection pragmas again (<see cref="SqlitePragmaInterceptor"/>).
/// </summary>
internal sealed class OneConnection : IAsyncDisposable
{
    private readonly FhirDbContext _db;

    private OneConnection(FhirDbContext db) => _db = db;

    public static async Task<OneConnection> OpenAsync(FhirDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new OneConnection(db);
    }

    public async ValueTask DisposeAsync() => await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
}
