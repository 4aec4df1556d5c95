using System.Text.Json;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Server.Configuration;
using FhirAi.Server.Http;
using FhirAi.Server.Rest;
using FhirAi.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FhirAi.Server.Search;

/// <summary>
/// Runs a <see cref="SearchPlan"/> with the result parameters: <c>_sort</c>, <c>_count</c>, the opaque
/// keyset <c>_cursor</c>, <c>_total</c>, <c>_summary</c> and <c>_elements</c>; answers a searchset Bundle
/// with self, next and previous links. Unsupported parameters are refused under
/// <c>Prefer: handling=strict</c> and otherwise ignored and reported in an outcome entry.
/// </summary>
internal sealed class SearchRunner(
    ResourceStore store, SortParser sorts, SearchCursorCodec cursors, ResourceSubsetter subsetter, IOptions<FhirServerOptions> options)
{
    private const string CursorParameter = "_cursor";

    /// <summary>Parameters that shape the answer but not which rows match or their order; the cursor is not bound to them.</summary>
    private static readonly HashSet<string> PresentationParameters = [CursorParameter, "_count", "_total", "_summary", "_elements", "_format", "_pretty"];

    public async Task<IResult> RunAsync(SearchPlan plan, IReadOnlyList<KeyValuePair<string, string>> pairs, HttpRequest request, CancellationToken cancellationToken)
    {
        var issues = plan.Issues.ToList();
        var errors = issues.Where(i => i.IsError).ToList();
        if (errors.Count > 0)
        {
            return new FhirError(FhirErrorKind.BadRequest, errors);
        }

        if (plan.Criteria.FirstOrDefault(c => c.Modifier == "missing" && (c.Values.Count != 1 || c.Values[0] is not ("true" or "false"))) is { } missing)
        {
            return FhirError.BadRequest($"{missing.Parameter}:missing takes true or false.", missing.Parameter + ":missing");
        }

        var (sortKeys, sortIssues, tooMany) = sorts.Parse(plan.Types, pairs.Where(p => p.Key == "_sort").Select(p => p.Value));
        if (tooMany)
        {
            return FhirError.BadRequest($"At most {SortParser.MaxKeys} _sort keys are allowed.", "_sort");
        }

        if (plan.Everything && sortKeys.Count > 0)
        {
            sortIssues = [OutcomeIssue.Warning(IssueCodes.NotSupported, "$everything returns resources in storage order; _sort is ignored.", "_sort")];
            sortKeys = [];
        }

        issues.AddRange(sortIssues);
        if (issues.Count > 0 && PreferHeader.IsStrictHandling(request))
        {
            return new FhirError(FhirErrorKind.BadRequest, issues.Select(i => i with { Severity = IssueSeverity.Error }).ToList());
        }

        var query = new QueryCollection(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray())));
        var (count, countError) = PagingParameters.Count(query, options.Value);
        if (countError is not null)
        {
            return countError;
        }

        var total = Single(pairs, "_total") ?? "estimate";
        if (total is not ("none" or "estimate" or "accurate"))
        {
            return FhirError.BadRequest($"_total must be none, estimate or accurate; got '{total}'.", "_total");
        }

        var summaryText = Single(pairs, "_summary") ?? "false";
        if (!TryParseSummary(summaryText, out var summary))
        {
            return FhirError.BadRequest($"_summary must be true, text, data, count or false; got '{summaryText}'.", "_summary");
        }

        var elements = pairs.Where(p => p.Key == "_elements").SelectMany(p => SearchCriteriaParser.SplitValues(p.Value)).ToHashSet(StringComparer.Ordinal);
        if (elements.Count > 0 && summary != SummaryMode.False)
        {
            return FhirError.BadRequest("_summary and _elements cannot be combined.", "_elements");
        }

        var fingerprint = plan.Path + "?" + string.Join('&', pairs.Where(p => !PresentationParameters.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        SearchCursor? cursor = null;
        if (Single(pairs, CursorParameter) is { } token && (!cursors.TryDecode(token, fingerprint, out cursor) || cursor!.Values.Count != sortKeys.Count))
        {
            return FhirError.BadRequest(
                "The _cursor is not a paging cursor this server issued for this query (it may come from another query, or from before a restart); start again from the first page.",
                CursorParameter);
        }

        var page = await store.SearchAsync(new ResourceSearch
        {
            ResourceType = plan.Types.Count > 0 ? plan.Types[0] : "Resource",
            ResourceTypes = plan.MultiType ? plan.Types : null,
            Criteria = plan.Criteria,
            Sort = sortKeys,
            Cursor = cursor,
            Compartment = plan.Compartment,
            IncludeReferenced = plan.Everything,
            CareDates = plan.CareDates,
            Count = summary == SummaryMode.Count ? 0 : count,
            // estimate: counted with the first page only, up to MaxEstimatedTotal (the same number accurate gives, or
            // none past the limit); accurate: on every page, all of them.
            IncludeTotal = summary == SummaryMode.Count || total == "accurate" || (total == "estimate" && cursor is null),
            TotalLimit = summary == SummaryMode.Count || total == "accurate" ? null : options.Value.MaxEstimatedTotal,
        }, cancellationToken).ConfigureAwait(false);

        var included = plan.Includes.Count == 0
            ? null
            : await store.IncludeAsync(page.Matches, plan.Includes,
                new IncludeLimits(options.Value.MaxIncludeIterations, options.Value.MaxIncludedResources), cancellationToken).ConfigureAwait(false);
        if (included?.Truncated == true)
        {
            issues.Add(IncludeTruncated(options.Value.MaxIncludedResources));
        }

        var baseUrl = FhirResponses.BaseUrl(request);
        var path = plan.Path.Length == 0 ? baseUrl : $"{baseUrl}/{plan.Path}";
        var kept = pairs.Where(p => p.Key != CursorParameter).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}").ToList();
        string Link(string? cursorToken) =>
            $"{path}?{string.Join('&', cursorToken is null ? kept : kept.Append($"{CursorParameter}={Uri.EscapeDataString(cursorToken)}"))}";
        var self = Link(Single(pairs, CursorParameter));
        var next = page.Next is { } n ? Link(cursors.Encode(n, fingerprint)) : null;
        var previous = page.Previous is { } p ? Link(cursors.Encode(p, fingerprint)) : null;

        var matches = summary switch
        {
            SummaryMode.True or SummaryMode.Text or SummaryMode.Data => page.Matches.Select(m => m with { Json = subsetter.Summary(m.Json!, summary) }).ToList(),
            _ when elements.Count > 0 => page.Matches.Select(m => m with { Json = subsetter.Elements(m.Json!, elements) }).ToList(),
            _ => page.Matches,
        };
        var outcome = issues.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(OperationOutcomeJson.Create(issues));
        return new BundleResult(BundleJson.SearchSet(baseUrl, matches, page.Total, self, next, outcome, previous, included?.Included));
    }

    private static OutcomeIssue IncludeTruncated(int limit) => OutcomeIssue.Warning(IssueCodes.TooCostly,
        $"_include/_revinclude added {limit} resources, the most one page may carry; the rest were left out. Ask for a smaller _count.", "_include");

    private static string? Single(IReadOnlyList<KeyValuePair<string, string>> pairs, string key) =>
        pairs.Where(p => p.Key == key).Select(p => p.Value).LastOrDefault();

    private static bool TryParseSummary(string text, out SummaryMode mode)
    {
        mode = text switch
        {
            "true" => SummaryMode.True,
            "text" => SummaryMode.Text,
            "data" => SummaryMode.Data,
            "count" => SummaryMode.Count,
            "false" => SummaryMode.False,
            _ => (SummaryMode)(-1),
        };
        return Enum.IsDefined(mode);
    }
}
