using System.Data.Common;
using System.Globalization;
using System.Text;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Search;

namespace FhirAi.Storage;

/// <summary>
/// Resolves <c>_include</c> and <c>_revinclude</c> for one page of matches over <c>idx_reference</c>:
/// a first round applies every directive to the matches; each further round (at most
/// <see cref="IncludeLimits.MaxIterations"/>) applies the <c>:iterate</c> ones to what the previous
/// round added. A resource appears once, and never when it is already a match. Each directive reads what it adds with
/// one hand-written statement per source or target type (<see cref="CurrentVersions"/>): the reference rows and the
/// versions they lead to together, instead of an EF Core query for the edges and another per target type.
/// </summary>
internal static class IncludeQuery
{
    // Ids per IN list, each sent as a parameter.
    private const int Chunk = 500;

    public static async Task<IncludeResult> RunAsync(FhirDbContext db, IReadOnlyList<StoredResource> matches,
        IReadOnlyList<IncludeDirective> includes, IncludeLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await OneConnection.OpenAsync(db, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The resources that the frontier's resources of the directive's source type reference (each once).</summary>
    private static async Task<List<StoredResource>> ForwardAsync(FhirDbContext db, IReadOnlyList<StoredResource> frontier,
        IncludeDirective directive, int limit, CancellationToken cancellationToken)
    {
        var resources = new List<StoredResource>();
        var read = new HashSet<long>();
        foreach (var group in frontier.GroupBy(f => f.ResourceType).Where(g => directive.SourceType is null || g.Key == directive.SourceType))
        {
            foreach (var ids in group.Select(f => f.Id).Chunk(Chunk))
            {
                await using var command = CurrentVersions.Command(db);
                var parameters = new CommandParameters(command);
                var sql = new StringBuilder(CurrentVersions.Select).Append(
                    "AND r.resource_key IN (SELECT t.resource_key FROM resources s JOIN idx_reference x ON x.resource_key = s.resource_key " +
                    "JOIN resources t ON t.resource_type = x.target_type AND t.logical_id = x.target_id ")
                    .Append(CultureInfo.InvariantCulture, $"WHERE s.resource_type = {parameters.Add(group.Key)} AND s.logical_id IN ({parameters.List(ids)})");
                if (directive.Parameter is { } parameter)
                {
                    sql.Append(CultureInfo.InvariantCulture, $" AND x.parameter = {parameters.Add(parameter)}");
                }

                if (directive.TargetType is { } targetType)
                {
                    sql.Append(CultureInfo.InvariantCulture, $" AND x.target_type = {parameters.Add(targetType)}");
                }

                if (await ReadAsync(command, sql, parameters, resources, read, limit, cancellationToken).ConfigureAwait(false))
                {
                    return resources;
                }
            }
        }

        return resources;
    }

    /// <summary>The resources of the directive's source type whose reference parameter points at a frontier resource (each once).</summary>
    private static async Task<List<StoredResource>> ReverseAsync(FhirDbContext db, IReadOnlyList<StoredResource> frontier,
        IncludeDirective directive, int limit, CancellationToken cancellationToken)
    {
        var resources = new List<StoredResource>();
        var read = new HashSet<long>();
        foreach (var group in frontier.GroupBy(f => f.ResourceType).Where(g => directive.TargetType is null || g.Key == directive.TargetType))
        {
            foreach (var ids in group.Select(f => f.Id).Chunk(Chunk))
            {
                await using var command = CurrentVersions.Command(db);
                var parameters = new CommandParameters(command);
                var sql = new StringBuilder(CurrentVersions.Select).Append(CultureInfo.InvariantCulture,
                    $"AND r.resource_key IN (SELECT x.resource_key FROM idx_reference x WHERE x.target_type = {parameters.Add(group.Key)} AND x.target_id IN ({parameters.List(ids)})");
                if (directive.SourceType is { } source)
                {
                    sql.Append(CultureInfo.InvariantCulture, $" AND x.resource_type = {parameters.Add(source)}");
                }

                if (directive.Parameter is { } parameter)
                {
                    sql.Append(CultureInfo.InvariantCulture, $" AND x.parameter = {parameters.Add(parameter)}");
                }

                if (await ReadAsync(command, sql, parameters, resources, read, limit, cancellationToken).ConfigureAwait(false))
                {
                    return resources;
                }
            }
        }

        return resources;
    }

    /// <summary>
    /// Closes the sub-query in <paramref name="sql"/>, reads up to the room left under <paramref name="limit"/> in resource-key
    /// order and adds the ones not read before; true when the limit is reached.
    /// </summary>
    private static async Task<bool> ReadAsync(DbCommand command, StringBuilder sql, CommandParameters parameters, List<StoredResource> resources,
        HashSet<long> read, int limit, CancellationToken cancellationToken)
    {
        command.CommandText = sql.Append(CultureInfo.InvariantCulture, $") ORDER BY r.resource_key LIMIT {parameters.Add(limit - resources.Count)}").ToString();
        foreach (var row in await CurrentVersions.QueryAsync(command, cancellationToken).ConfigureAwait(false))
        {
            if (read.Add(row.Key))
            {
                resources.Add(row.Resource);
            }
        }

        return resources.Count >= limit;
    }
}
