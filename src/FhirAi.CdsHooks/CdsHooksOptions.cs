using System.ComponentModel.DataAnnotations;

namespace FhirAi.CdsHooks;

/// <summary>
/// Configuration section <c>CdsHooks</c>: how the services reach the EHR's FHIR server (resilience settings and one
/// overall time budget), which <c>fhirServer</c> URLs are this server (read locally), and the request limits.
/// The trust settings (<c>RequireJwt</c>, <c>TrustedIssuers</c>) of the same section belong to the JWT check.
/// </summary>
public sealed class CdsHooksOptions
{
    public const string SectionName = "CdsHooks";

    /// <summary>
    /// FHIR base URLs that are this server (for example <c>https://fhirai.example.org/fhir</c>): a request whose
    /// <c>fhirServer</c> is one of them is served from the local store, without HTTP and without a token.
    /// </summary>
    public List<string> OwnBaseUrls { get; set; } = [];

    /// <summary>
    /// When true (the default) a request without <c>fhirServer</c> reads what its prefetch lacks from the local store
    /// (FhirAi holding the record); when false such a request must carry complete prefetch, else 412.
    /// </summary>
    public bool ReadLocallyWithoutFhirServer { get; set; } = true;

    /// <summary>
    /// FHIR base URLs (prefixes) FhirAi may fetch from when a request's <c>fhirServer</c> is not this server, so that a
    /// trusted client cannot point it at an internal address. Empty (the default) allows any <c>fhirServer</c>;
    /// deployments should list their EHRs' endpoints. A <c>fhirServer</c> outside the list is never contacted.
    /// </summary>
    public List<string> AllowedFhirServers { get; set; } = [];

    /// <summary>The whole data-gathering phase of one hook call, every fetch and retry included.</summary>
    [Range(100, 60_000)]
    public int OverallBudgetMilliseconds { get; set; } = 2_500;

    /// <summary>Timeout of one HTTP attempt to the FHIR server.</summary>
    [Range(50, 30_000)]
    public int AttemptTimeoutMilliseconds { get; set; } = 800;

    /// <summary>Retries after the first attempt on transient failures (5xx, 408, 429, network, attempt timeout).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the exponential back-off with jitter between retries.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 100;

    /// <summary>
    /// Circuit breaker per FHIR server: the failure ratio over the sampling window that opens it. High, so that it
    /// opens for a server that is down, not for a blip that the retries absorb (one call makes five parallel fetches).
    /// </summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.8;

    /// <summary>Circuit breaker: attempts needed in the window before it may open.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 20;

    [Range(500, 600_000)]
    public int BreakerSamplingMilliseconds { get; set; } = 30_000;

    /// <summary>How long an open breaker fails calls at once before letting one through.</summary>
    [Range(500, 600_000)]
    public int BreakDurationMilliseconds { get; set; } = 15_000;

    /// <summary>Distinct FHIR servers with a breaker of their own; further ones share one pipeline.</summary>
    [Range(1, 10_000)]
    public int MaxTrackedFhirServers { get; set; } = 64;

    /// <summary>Largest hook request body accepted (413 above).</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest FHIR response read from the EHR's server, per fetch.</summary>
    [Range(1_024, 256 * 1024 * 1024)]
    public int MaxFhirResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>patient-view: results newer than this many days are the "recent" ones interpreted; older ones are history.</summary>
    [Range(1, 3_650)]
    public int RecentResultDays { get; set; } = 30;

    /// <summary>CORS: origins allowed to call the services from a browser; <c>*</c> (the default) allows any.</summary>
    public List<string> AllowedOrigins { get; set; } = ["*"];
}
