using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage;

/// <summary>Creates the database (and the SQLite folder) on first run and applies pending migrations.</summary>
public sealed class DatabaseInitializer
{
    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly StorageOptions _options;
    private readonly PlannerStatistics _statistics;

    internal DatabaseInitializer(IDbContextFactory<FhirDbContext> contexts, StorageOptions options, PlannerStatistics statistics)
    {
        _contexts = contexts;
        _options = options;
        _statistics = statistics;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_options.Provider == StorageProvider.Sqlite)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(_options.SqlitePath));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (_options.Provider == StorageProvider.Sqlite)
        {
            // WAL is a property of the database file: set once, it stays.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

            // A database filled by an earlier run (or a copy) starts with statistics for its present size.
            await _statistics.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
