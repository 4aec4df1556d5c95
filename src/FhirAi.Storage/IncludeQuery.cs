using FhirAi.Fhir.Search;
using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage;

/// <summary>
/// Resolves <c>_include</c> and <c>_revinclude</c> for one page of matches over <c>idx_reference</c>:
/// a first round applies every directive to the matches; each further round (at most
/// <see cref="IncludeLimits.MaxIterations"/>) applies the <c>:iterate</c> ones to what the previous
/// round added. A resource appears once, and never when it is already a match.
/// </summary>
internal static class IncludeQuery
{
    // Ids per IN list; EF Core sends each list as parameters.
    private const int Chunk = 500;

    public static async Task<IncludeResult> RunAsync(FhirDbContext db, IReadOnlyList<StoredResource> matches,
        IReadOnlyList<IncludeDirective> includes, IncludeLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await Search.OneConnection.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        var seen = matches.Select(m => (m.ResourceType, m.Id)).ToHashSet();
        var included = new List<StoredResource>();
        IReadOnlyList<StoredResource> frontier = matches;
        for (var round = 0; round <= limits.MaxIterations && frontier.Count > 0; round++)
        {
            var directives = round == 0 ? includes : includes.Where(i => i.Iterate).ToList();
            var added = new List<StoredResource>();
            foreach (var directive in directives)
            {
                var room = limits.MaxResources - included.Count - added.Count;
                var found = directive.Reverse
                    ? await ReverseAsync(db, frontier, directive, room + 1, cancellationToken).ConfigureAwait(false)
                    : await ForwardAsync(db, frontier, directive, room + 1, cancellationToken).ConfigureAwait(false);
                foreach (var resource in found)
                {
                    if (!seen.Add((resource.ResourceType, resource.Id)))
                    {
                        continue;
                    }

                    if (included.Count + added.Count >= limits.MaxResources)
                    {
                        included.AddRange(added);
                        return new IncludeResult(included, Truncated: true);
                    }

                    added.Add(resource);
                }
            }

            included.AddRange(added);
            frontier = added;
        }

        return new IncludeResult(included, Truncated: false);
    }

    /// <summary>The resources that the frontier's resources of the directive's source type reference.</summary>
    private static async Task<List<StoredResource>> ForwardAsync(FhirDbContext db, IReadOnlyList<StoredResource> frontier,
        IncludeDirective directive, int limit, CancellationToken cancellationToken)
    {
        var (parameter, targetType) = (directive.Parameter, directive.TargetType);
        var targets = new List<(string Type, string Id)>();
        foreach (var group in frontier.GroupBy(f => f.ResourceType).Where(g => directive.SourceType is null || g.Key == directive.SourceType))
        {
            var type = group.Key;
            foreach (var ids in group.Select(f => f.Id).Chunk(Chunk))
            {
                var edges = db.Resources.Where(r => r.ResourceType == type && ids.Contains(r.LogicalId))
                    .Join(db.ReferenceIndex, r => r.ResourceKey, x => x.ResourceKey, (r, x) => x)
                    .Where(x => x.TargetType != null && x.TargetId != null);
                if (parameter is not null)
                {
                    edges = edges.Where(x => x.Parameter == parameter);
                }

                if (targetType is not null)
                {
                    edges = edges.Where(x => x.TargetType == targetType);
                }

                var rows = await edges.Select(x => new { x.TargetType, x.TargetId }).Distinct()
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                targets.AddRange(rows.Select(x => (x.TargetType!, x.TargetId!)));
            }
        }

        var resources = new List<StoredResource>();
        foreach (var group in targets.Distinct().GroupBy(t => t.Type))
        {
            var type = group.Key;
            foreach (var ids in group.Select(t => t.Id).Chunk(Chunk))
            {
                var live = db.Resources.Where(r => r.ResourceType == type && !r.IsDeleted && ids.Contains(r.LogicalId));
                resources.AddRange(await ReadAsync(db, live, limit - resources.Count, cancellationToken).ConfigureAwait(false));
                if (resources.Count >= limit)
                {
                    return resources;
                }
            }
        }

        return resources;
    }

    /// <summary>The resources of the directive's source type whose reference parameter points at a frontier resource.</summary>
    private static async Task<List<StoredResource>> ReverseAsync(FhirDbContext db, IReadOnlyList<StoredResource> frontier,
        IncludeDirective directive, int limit, CancellationToken cancellationToken)
    {
        var (source, parameter) = (directive.SourceType, directive.Parameter);
        var resources = new List<StoredResource>();
        foreach (var group in frontier.GroupBy(f => f.ResourceType).Where(g => directive.TargetType is null || g.Key == directive.TargetType))
        {
            var type = group.Key;
            foreach (var ids in group.Select(f => f.Id).Chunk(Chunk))
            {
                var edges = db.ReferenceIndex.Where(x => x.TargetType == type && ids.Contains(x.TargetId!));
                if (source is not null)
                {
                    edges = edges.Where(x => x.ResourceType == source);
                }

                if (parameter is not null)
                {
                    edges = edges.Where(x => x.Parameter == parameter);
                }

                var keys = edges.Select(x => x.ResourceKey);
                var live = db.Resources.Where(r => !r.IsDeleted && keys.Contains(r.ResourceKey));
                resources.AddRange(await ReadAsync(db, live, limit - resources.Count, cancellationToken).ConfigureAwait(false));
                if (resources.Count >= limit)
                {
                    return resources;
                }
            }
        }

        return resources;
    }

    private static async Task<IEnumerable<StoredResource>> ReadAsync(FhirDbContext db, IQueryable<ResourceRow> live, int limit, CancellationToken cancellationToken)
    {
        var rows = await live.OrderBy(r => r.ResourceKey).Take(limit)
            .Join(db.Versions, r => new { r.ResourceKey, r.VersionId }, v => new { v.ResourceKey, v.VersionId }, (r, v) => v)
            .AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(StoredRows.ToStored);
    }
}
