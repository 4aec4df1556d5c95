using System.Globalization;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Server.Configuration;
using FhirAi.Server.Http;
using FhirAi.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FhirAi.Server.Rest;

/// <summary>
/// Type-level search over the index tables. A parameter the server cannot answer is refused under
/// <c>Prefer: handling=strict</c> and otherwise ignored and reported in an outcome entry.
/// </summary>
internal sealed class SearchHandler(ResourceStore store, SearchCriteriaParser parser, IOptions<FhirServerOptions> options)
{
    public async Task<IResult> SearchAsync(string type, IEnumerable<KeyValuePair<string, StringValues>> parameters,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = Flatten(parameters);
        var parsed = parser.Parse(type, pairs);
        if (parsed.Issues.Count > 0 && PreferHeader.IsStrictHandling(request))
        {
            return new FhirError(FhirErrorKind.BadRequest, parsed.Issues.Select(i => i with { Severity = IssueSeverity.Error }).ToList());
        }

        var (count, countError) = PagingParameters.Count(request.Query, options.Value);
        if (countError is not null)
        {
            return countError;
        }

        long? after = null;
        var cursor = pairs.FirstOrDefault(p => p.Key == "_cursor").Value;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedCursor))
            {
                return FhirError.BadRequest($"'{cursor}' is not a paging cursor of this server.", "_cursor");
            }

            after = parsedCursor;
        }

        var includeTotal = pairs.FirstOrDefault(p => p.Key == "_total").Value != "none";
        var page = await store.SearchAsync(new ResourceSearch
        {
            ResourceType = type,
            Criteria = parsed.Criteria,
            Count = count,
            AfterKey = after,
            IncludeTotal = includeTotal && after is null,
        }, cancellationToken).ConfigureAwait(false);

        var included = await store.IncludeAsync(page.Matches, parsed.Includes,
            new IncludeLimits(options.Value.MaxIncludeIterations, options.Value.MaxIncludedResources), cancellationToken).ConfigureAwait(false);
        var issues = included.Truncated ? [.. parsed.Issues, IncludeTruncated(options.Value.MaxIncludedResources)] : parsed.Issues;
        var baseUrl = FhirResponses.BaseUrl(request);
        var kept = pairs.Where(p => p.Key != "_cursor").Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}").ToList();
        var self = $"{baseUrl}/{type}?{string.Join('&', kept)}";
        string? next = page.NextCursor is { } nextCursor
            ? $"{baseUrl}/{type}?{string.Join('&', kept.Append($"_cursor={nextCursor}"))}"
            : null;
        byte[]? outcome = issues.Count == 0
            ? null
            : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(OperationOutcomeJson.Create(issues));
        return new BundleResult(BundleJson.SearchSet(baseUrl, page.Matches, page.Total, self, next, outcome, included.Included));
    }

    private static OutcomeIssue IncludeTruncated(int limit) => OutcomeIssue.Warning(IssueCodes.TooCostly,
        $"_include/_revinclude added {limit} resources, the most one page may carry; the rest were left out. Ask for a smaller _count.", "_include");

    internal static List<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))).ToList();
}
