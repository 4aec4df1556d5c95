using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FhirAi.CdsHooks.Data;

/// <summary>
/// The Polly pipelines for calls to EHR FHIR servers, one per server origin (so one failing EHR opens only its own
/// breaker), at most <see cref="CdsHooksOptions.MaxTrackedFhirServers"/> of them; further origins share one. Each
/// pipeline: retry with exponential back-off and jitter on transient failures (network errors, attempt timeouts,
/// 408, 429, 5xx) → circuit breaker → per-attempt timeout. The overall budget is the caller's cancellation token.
/// </summary>
internal sealed class FhirPipelines(IOptions<CdsHooksOptions> options, TimeProvider time)
{
    private const string SharedKey = "(shared)";

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> For(Uri server)
    {
        var origin = server.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        if (_pipelines.TryGetValue(origin, out var pipeline))
        {
            return pipeline;
        }

        var key = _pipelines.Count < options.Value.MaxTrackedFhirServers ? origin : SharedKey;
        return _pipelines.GetOrAdd(key, _ => Build(options.Value, time));
    }

    /// <summary>Transient: worth another attempt.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    internal static ResiliencePipeline<HttpResponseMessage> Build(CdsHooksOptions settings, TimeProvider time)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(response => IsTransient(response.StatusCode));
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromMilliseconds(settings.OverallBudgetMilliseconds),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(settings.BreakerSamplingMilliseconds),
                BreakDuration = TimeSpan.FromMilliseconds(settings.BreakDurationMilliseconds),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(settings.AttemptTimeoutMilliseconds))
            .Build();
    }
}
