using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FhirAi.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the EF Core context for the configured provider, the resource store and the schema initialiser.</summary>
    public static IServiceCollection AddFhirStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddPooledDbContextFactory<FhirDbContext>(builder => Configure(builder, options));
        services.AddSingleton(new WriteGate(options.Provider));
        services.AddSingleton(sp => new PlannerStatistics(
            sp.GetRequiredService<IDbContextFactory<FhirDbContext>>(), sp.GetRequiredService<WriteGate>(), options.Provider));
        services.AddSingleton(sp => new ResourceStore(
            sp.GetRequiredService<IDbContextFactory<FhirDbContext>>(), sp.GetRequiredService<WriteGate>(), options.Provider, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PlannerStatistics>()));
        services.AddSingleton(sp => new Reindex.ReindexStore(
            sp.GetRequiredService<IDbContextFactory<FhirDbContext>>(), sp.GetRequiredService<WriteGate>(), options.Provider, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CdsFeedback.CdsFeedbackStore(sp.GetRequiredService<IDbContextFactory<FhirDbContext>>(), sp.GetRequiredService<WriteGate>()));
        services.AddSingleton(sp => new DatabaseInitializer(
            sp.GetRequiredService<IDbContextFactory<FhirDbContext>>(), options, sp.GetRequiredService<PlannerStatistics>()));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static void Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                SqliteLibrarySettings.Apply();
                var connection = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.GetFullPath(options.SqlitePath),
                    Pooling = true,
                    DefaultTimeout = 30,
                };
                builder.UseSqlite(connection.ToString()).AddInterceptors(new SqlitePragmaInterceptor(options.SqliteMmapBytes));
                break;
            case StorageProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString))
                {
                    throw new InvalidOperationException(
                        "FhirAi:Storage:Provider is PostgreSql but FhirAi:Storage:PostgreSqlConnectionString is empty.");
                }

                builder.UseNpgsql(options.PostgreSqlConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Unknown storage provider {options.Provider}.");
        }

        // The initial migration is hand-written (no design-time package here), so there is no model
        // snapshot to compare with; a test checks that migrations produce the model's schema instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }
}
