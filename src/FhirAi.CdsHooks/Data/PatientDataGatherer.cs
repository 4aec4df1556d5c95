using System.Text.Json;
using FhirAi.CdsHooks.Protocol;
using Microsoft.Extensions.Options;

namespace FhirAi.CdsHooks.Data;

/// <summary>
/// Gathers a service's prefetch keys for one call. A key the client prefetched is used as given (JSON null: no data,
/// not fetched); a key it did not send is fetched by filling the template from the context: from the local store when
/// <c>fhirServer</c> is this server (or absent, if allowed), otherwise from <c>fhirServer</c> with the
/// <c>fhirAuthorization</c> bearer token. Fetches run in parallel under one overall time budget; any key that cannot be
/// obtained fails the call (412), since a review without, say, the medication list would look falsely reassuring.
/// </summary>
internal sealed class PatientDataGatherer(ICdsLocalFhirReader local, RemoteFhirReader remote, IOptions<CdsHooksOptions> options, TimeProvider time)
{
    public sealed record Gathered(IReadOnlyDictionary<string, FetchOutcome> Keys, string? FailedKey, string? Failure)
    {
        public int Fetched => Keys.Values.Count(k => k.Origin != "prefetch");

        public IReadOnlyList<JsonElement> Resources(string key, string type) =>
            Keys.TryGetValue(key, out var outcome) ? [.. outcome.Resources.Where(r => TypeOf(r) == type)] : [];

        public IReadOnlyList<JsonElement> All(string key) => Keys.TryGetValue(key, out var outcome) ? outcome.Resources : [];
    }

    public async Task<Gathered> GatherAsync(CdsRequest request, IReadOnlyDictionary<string, string> templates, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(settings.OverallBudgetMilliseconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var tasks = templates.Select(t => (t.Key, Task: OneAsync(request, t.Key, t.Value, linked.Token))).ToList();
        var results = new Dictionary<string, FetchOutcome>(StringComparer.Ordinal);
        foreach (var (key, task) in tasks)
        {
            FetchOutcome outcome;
            try
            {
                outcome = await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = FetchOutcome.Fail($"the time budget of {settings.OverallBudgetMilliseconds} ms was spent", "fetch");
            }

            results[key] = outcome;
        }

        var failed = results.Where(r => r.Value.Failed).Select(r => r.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        return new Gathered(results, failed, failed is null ? null : results[failed].Failure);
    }

    /// <summary>True when no allow-list is configured, or <paramref name="fhirServer"/> starts with one of its base URLs.</summary>
    private bool IsAllowedRemote(Uri fhirServer)
    {
        var allowed = options.Value.AllowedFhirServers;
        var called = fhirServer.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped).TrimEnd('/') + "/";
        return allowed.Count == 0 || allowed.Any(prefix =>
            called.StartsWith(new Uri(prefix).GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped).TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when <paramref name="fhirServer"/> is one of the configured own base URLs.</summary>
    public bool IsOwn(Uri fhirServer) =>
        options.Value.OwnBaseUrls.Any(own => Uri.TryCreate(own.TrimEnd('/'), UriKind.Absolute, out var ownUri)
            && Uri.Compare(ownUri, fhirServer, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

    private async Task<FetchOutcome> OneAsync(CdsRequest request, string key, string template, CancellationToken cancellationToken)
    {
        if (request.Prefetch.TryGetValue(key, out var value))
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return FetchOutcome.NoData("prefetch");
            }

            if (TypeOf(value) is { } type && type != "OperationOutcome")
            {
                return FetchOutcome.Found(FetchOutcome.ResourcesOf(value), "prefetch");
            }

            // An OperationOutcome (or no resource) in place of the data: the client could not prefetch it; fetch it.
        }

        var (filled, missingToken) = PrefetchTemplate.Fill(template, request.Context);
        if (filled is null || FhirQuery.Parse(filled) is not { } query)
        {
            return FetchOutcome.Fail($"the context has no value for the prefetch token {{{{{missingToken}}}}}", "fetch");
        }

        if (request.FhirServer is null)
        {
            return options.Value.ReadLocallyWithoutFhirServer
                ? await LocalAsync(query, cancellationToken).ConfigureAwait(false)
                : FetchOutcome.Fail("it was not prefetched and the request has no fhirServer to fetch it from", "fetch");
        }

        if (IsOwn(request.FhirServer))
        {
            return await LocalAsync(query, cancellationToken).ConfigureAwait(false);
        }

        return !IsAllowedRemote(request.FhirServer)
            ? FetchOutcome.Fail("the request's fhirServer is not on CdsHooks:AllowedFhirServers", "fetch")
            : await remote.GetAsync(request.FhirServer, query, request.FhirAuthorization?.AccessToken, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FetchOutcome> LocalAsync(FhirQuery query, CancellationToken cancellationToken)
    {
        if (query.IsRead)
        {
            var resource = await local.ReadAsync(query.Type, query.Id!, cancellationToken).ConfigureAwait(false);
            return resource is { } found ? FetchOutcome.Found([found], "local") : FetchOutcome.NoData("local");
        }

        var resources = await local.SearchAsync(query.Type, query.Parameters, cancellationToken).ConfigureAwait(false);
        return FetchOutcome.Found(resources, "local");
    }

    internal static string? TypeOf(JsonElement resource) =>
        resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}
