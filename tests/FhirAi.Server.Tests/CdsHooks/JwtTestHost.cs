using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks;
using FhirAi.CdsHooks.Feedback;
using FhirAi.CdsHooks.Trust;
using FhirAi.Storage;
using FhirAi.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace FhirAi.Server.Tests.CdsHooks;

/// <summary>
/// The real server (FhirServerApp: configuration, DI, storage, middleware) with a test-only <c>/cds-services</c> group
/// standing in for the one the CDS service branch maps: <c>RequireCdsClientJwt()</c>, <c>MapCdsFeedback()</c>, and a
/// <c>POST /{id}</c> and a CORS preflight route that answer who the verified client is. Trusts one issuer whose ES384 key
/// is generated here (JWK Set file).
/// </summary>
internal sealed class JwtTestHost : IAsyncDisposable
{
    public const string Issuer = "https://ehr.test.example";
    public const string Kid = "test-es384";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly string JwksPath = WriteJwks();

    private readonly WebApplication _app;
    private readonly string? _postgres;

    private JwtTestHost(WebApplication app, string? postgres, Uri root, CapturingLoggerProvider logs)
    {
        _app = app;
        _postgres = postgres;
        Root = root;
        Logs = logs;
        Client = new HttpClient { BaseAddress = root };
    }

    public HttpClient Client { get; }

    /// <summary>The server's root URL, ending in a slash.</summary>
    public Uri Root { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<JwtTestHost> StartAsync(StorageProvider provider = StorageProvider.Sqlite, params string[] extraArgs)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:FhirAi.CdsHooks", "Information",
            "--CdsHooks:TrustedIssuers:0:Issuer", Issuer, "--CdsHooks:TrustedIssuers:0:JwksPath", JwksPath,
        };
        string? postgres = null;
        if (provider == StorageProvider.PostgreSql)
        {
            if (TestDatabases.PostgresAdminConnectionString is null)
            {
                Assert.Inconclusive($"{TestDatabases.PostgresVariable} is not set.");
            }

            postgres = await TestDatabases.NewPostgresDatabaseAsync();
            args.AddRange(["--FhirAi:Storage:Provider", "PostgreSql", "--FhirAi:Storage:PostgreSqlConnectionString", postgres]);
        }
        else
        {
            args.AddRange(["--FhirAi:Storage:SqlitePath", TestDatabases.NewSqlitePath()]);
        }

        args.AddRange(extraArgs);
        var app = FhirServerApp.Build([.. args]);
        // A probe group beside the real /cds-services routes: its stub echoes the verified client.
        var group = app.MapGroup("/" + ProbePrefix).RequireCdsClientJwt();
        group.MapCdsFeedback();
        group.MapPost("/{id}", (string id, HttpContext context) => Results.Json(new { id, issuer = context.Features.Get<CdsClientIdentity>()?.Issuer }));
        group.MapMethods("/{id}", ["OPTIONS"], () => Results.NoContent());
        var logs = new CapturingLoggerProvider();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await FhirServerApp.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new JwtTestHost(app, postgres, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    /// <summary>Path prefix of the test-only probe group (auth filter, stub service, feedback).</summary>
    public const string ProbePrefix = "jwt-probe";

    /// <summary>A token from the trusted issuer for the URL <paramref name="path"/> of this server (or <paramref name="audience"/>).</summary>
    public string Token(string path, Action<JsonObject>? change = null, string? audience = null, DateTimeOffset? now = null)
    {
        var issued = now ?? DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience ?? new Uri(Root, path).AbsoluteUri,
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["exp"] = (issued + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        change?.Invoke(payload);
        var header = new JsonObject { ["alg"] = "ES384", ["typ"] = "JWT", ["kid"] = Kid };
        var input = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return input + "." + Base64UrlEncoder.Encode(Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA384));
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string json, string? token, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public IIssuedCardLog IssuedCards => _app.Services.GetRequiredService<IIssuedCardLog>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Logs.Dispose();
        if (_postgres is not null)
        {
            await TestDatabases.DropPostgresDatabaseAsync(_postgres);
        }
    }

    private static string WriteJwks()
    {
        var p = Key.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-384", ["use"] = "sig", ["alg"] = "ES384", ["kid"] = Kid,
                ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
            }),
        };
        var path = Path.Combine(Path.GetDirectoryName(TestDatabases.NewSqlitePath())!, "ehr-jwks.json");
        File.WriteAllText(path, jwks.ToJsonString());
        return path;
    }
}
