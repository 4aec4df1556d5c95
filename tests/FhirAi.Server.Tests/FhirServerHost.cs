using System.Net.Http.Headers;
using FhirAi.Server;
using FhirAi.Storage;
using FhirAi.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Server.Tests;

/// <summary>
/// A real FhirAi server on a loopback port over a fresh database of the given provider, as a
/// client sees it: Kestrel, HTTP, the full middleware pipeline.
/// </summary>
internal sealed class FhirServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _postgresConnection;

    private FhirServerHost(WebApplication app, string? postgresConnection, Uri baseAddress)
    {
        _app = app;
        _postgresConnection = postgresConnection;
        Client = new HttpClient { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
    }

    public HttpClient Client { get; }

    public static async Task<FhirServerHost> StartAsync(StorageProvider provider, params string[] extraArgs)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning" };
        string? postgres = null;
        if (provider == StorageProvider.PostgreSql)
        {
            if (TestDatabases.PostgresAdminConnectionString is null)
            {
                Assert.Inconclusive($"{TestDatabases.PostgresVariable} is not set; PostgreSQL tests need a server (.ci/run starts one).");
            }

            postgres = await TestDatabases.NewPostgresDatabaseAsync().ConfigureAwait(false);
            args.AddRange(["--FhirAi:Storage:Provider", "PostgreSql", "--FhirAi:Storage:PostgreSqlConnectionString", postgres]);
        }
        else
        {
            args.AddRange(["--FhirAi:Storage:SqlitePath", TestDatabases.NewSqlitePath()]);
        }

        args.AddRange(extraArgs);
        return await StartAppAsync(args, postgres).ConfigureAwait(false);
    }

    /// <summary>
    /// A server over an existing database, given by its storage arguments (e.g. to restart on the same one);
    /// the caller owns and drops the database.
    /// </summary>
    public static Task<FhirServerHost> StartOnAsync(IEnumerable<string> storageArgs, params string[] extraArgs) =>
        StartAppAsync(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", .. storageArgs, .. extraArgs], null);

    private static async Task<FhirServerHost> StartAppAsync(List<string> args, string? ownedPostgres)
    {
        var app = FhirServerApp.Build([.. args]);
        await FhirServerApp.InitializeAsync(app, CancellationToken.None).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FhirServerHost(app, ownedPostgres, new Uri(address.TrimEnd('/') + "/fhir/"));
    }

    /// <summary>
    /// On PostgreSQL, refreshes the planner statistics (a no-op on SQLite). Tables filled moments ago have none
    /// until autovacuum runs, and multi-hop join plans made without them can take seconds (docs/search.md).
    /// </summary>
    public async Task AnalyzeAsync()
    {
        if (_postgresConnection is null)
        {
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(_postgresConnection);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("ANALYZE", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_postgresConnection is not null)
        {
            await TestDatabases.DropPostgresDatabaseAsync(_postgresConnection).ConfigureAwait(false);
        }
    }
}
