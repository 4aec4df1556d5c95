using System.Globalization;
using System.Text.Json;
using FhirAi.CdsHooks;
using FhirAi.Fhir.Search;
using FhirAi.Server.Rest;
using FhirAi.Storage;

namespace FhirAi.Server.CdsHooks;

/// <summary>
/// Serves a hook call's missing prefetch from this server's own store when <c>fhirServer</c> is this server (or absent):
/// reads, and type searches through the same criteria parser and store search as the REST API. <c>_count</c> caps the
/// matches (at most <see cref="MaxMatches"/>), <c>_include=Type:param</c> reads the resources the matches reference by that
/// parameter's element, <c>_sort</c> is ignored (the services sort in memory).
/// </summary>
internal sealed class LocalFhirReader(ResourceStore store, SearchCriteriaParser parser) : ICdsLocalFhirReader
{
    public const int MaxMatches = 1000;

    private const int PageSize = 250;

    public async Task<JsonElement?> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (!ResourceWriteChecks.IsValidId(id))
        {
            return null;
        }

        var read = await store.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
        return read.Resource is { IsDeleted: false, Json: { } json } ? Parse(json) : null;
    }

    public async Task<IReadOnlyList<JsonElement>> SearchAsync(string type, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var limit = MaxMatches;
        var includes = new List<string>();
        var criteria = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "_count":
                    limit = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Clamp(count, 1, MaxMatches) : MaxMatches;
                    break;
                case "_include":
                    includes.Add(value);
                    break;
                case "_sort":
                    break;
                default:
                    criteria.Add(new(name, value));
                    break;
            }
        }

        var parsed = parser.Parse(type, criteria);
        if (parsed.Issues.Count > 0)
        {
            // The queries come from FhirAi's own prefetch templates: an issue here is a defect, never input.
            throw new InvalidOperationException($"Local CDS search {type}: {parsed.Issues[0].Diagnostics}");
        }

        var found = new List<JsonElement>();
        long? after = null;
        do
        {
            var page = await store.SearchAsync(new ResourceSearch
            {
                ResourceType = type,
                Criteria = parsed.Criteria,
                Count = Math.Min(PageSize, limit - found.Count),
                AfterKey = after,
            }, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Matches.Where(m => m is { IsDeleted: false, Json: not null }).Select(m => Parse(m.Json!)));
            after = page.NextCursor;
        }
        while (after is not null && found.Count < limit);

        foreach (var include in includes)
        {
            found.AddRange(await IncludedAsync(type, include, found, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>The resources the matches reference through <c>param</c> (element <c>paramReference</c> or <c>param</c>).</summary>
    private async Task<List<JsonElement>> IncludedAsync(string type, string include, List<JsonElement> matches, CancellationToken cancellationToken)
    {
        var parts = include.Split(':');
        if (parts.Length < 2 || parts[0] != type)
        {
            return [];
        }

        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            foreach (var element in new[] { parts[1] + "Reference", parts[1] })
            {
                if (match.TryGetProperty(element, out var value) && value.ValueKind == JsonValueKind.Object
                    && value.TryGetProperty("reference", out var reference) && reference.ValueKind == JsonValueKind.String)
                {
                    references.Add(reference.GetString()!);
                }
            }
        }

        var included = new List<JsonElement>();
        foreach (var reference in references.Take(MaxMatches))
        {
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && reference.IndexOf('/', slash + 1) < 0
                && await ReadAsync(reference[..slash], reference[(slash + 1)..], cancellationToken).ConfigureAwait(false) is { } resource)
            {
                included.Add(resource);
            }
        }

        return included;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
