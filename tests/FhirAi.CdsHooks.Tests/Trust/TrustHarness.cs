using System.Reflection;
using FhirAi.CdsHooks.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>The trust services as the server registers them, over in-memory configuration, a manual clock and a stub JWKS host.</summary>
internal sealed class TrustHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public TrustHarness(Dictionary<string, string?> configuration, DateTimeOffset now)
    {
        Clock = new ManualClock(now);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCdsHooksTrust(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddHttpClient(JwksCache.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Jwks);
        _services = services.BuildServiceProvider();
        var validation = _services.GetRequiredService<IOptions<CdsHooksTrustOptions>>().Value;
        ArgumentNullException.ThrowIfNull(validation);
        Verifier = _services.GetRequiredService<CdsJwtVerifier>();
    }

    public ManualClock Clock { get; }

    public StubJwksHandler Jwks { get; } = new();

    public CdsJwtVerifier Verifier { get; }

    public static string DataDirectory { get; } = typeof(TrustHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FhirAi.CdsHooksDataDirectory").Value!;

    public static string SpecExample(string file) => File.ReadAllText(Path.Combine(DataDirectory, "spec-examples", file));

    public Task<JwtVerification> VerifyAsync(string? token, string audience) => Verifier.VerifyAsync(token, audience, CancellationToken.None);

    public void Dispose()
    {
        Jwks.Dispose();
        _services.Dispose();
    }
}
