using FhirAi.Server.Search;
using Microsoft.Extensions.Primitives;

namespace FhirAi.Server.Rest;

/// <summary>
/// Search endpoints: type level, system level (<c>_type</c>) and compartment. The planner turns the
/// "where" into criteria; the runner applies sort, paging, totals and summaries. A parameter the server
/// cannot answer is refused under <c>Prefer: handling=strict</c> and otherwise ignored and reported in
/// an outcome entry.
/// </summary>
internal sealed class SearchHandler(SearchPlanner planner, SearchRunner runner)
{
    public Task<IResult> SearchAsync(string type, IEnumerable<KeyValuePair<string, StringValues>> parameters,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = Flatten(parameters);
        return runner.RunAsync(planner.ForType(type, pairs), pairs, request, cancellationToken);
    }

    public async Task<IResult> SystemSearchAsync(IEnumerable<KeyValuePair<string, StringValues>> parameters, HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = Flatten(parameters);
        var (plan, error) = planner.ForSystem(pairs);
        return error ?? await runner.RunAsync(plan!, pairs, request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> CompartmentSearchAsync(string compartment, string id, string type, HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = Flatten(request.Query);
        var (plan, error) = planner.ForCompartment(compartment, id, type, pairs);
        return error ?? await runner.RunAsync(plan!, pairs, request, cancellationToken).ConfigureAwait(false);
    }

    internal static List<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))).ToList();
}
