using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Trust;

/// <summary>Says at start-up how CDS clients are trusted: a warning when JWT checking is off, or on with no issuer to trust.</summary>
internal sealed class CdsTrustStartupCheck(IOptions<CdsHooksTrustOptions> options, ILogger<CdsTrustStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.RequireJwt)
        {
            TrustLog.JwtCheckingOff(logger);
        }
        else if (settings.TrustedIssuers.Count == 0)
        {
            TrustLog.NoTrustedIssuers(logger);
        }
        else
        {
            TrustLog.JwtCheckingOn(logger, settings.TrustedIssuers.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
