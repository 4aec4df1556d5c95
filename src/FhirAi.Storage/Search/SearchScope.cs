using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage.Search;

/// <summary>
/// The set of live resources a <see cref="ResourceSearch"/> matches, before sorting and paging: per
/// resource type, the type's rows filtered by the compartment and every criterion; several types are
/// concatenated (UNION ALL, the types are disjoint).
/// </summary>
internal static class SearchScope
{
    public static IQueryable<ResourceRow> Matching(FhirDbContext db, ResourceSearch search)
    {
        if (search.IncludeReferenced)
        {
            return CompartmentQuery.Everything(db, search);
        }

        var types = search.ResourceTypes ?? [search.ResourceType];
        if (search.Compartment is { } compartment)
        {
            // A type outside the compartment has no member in it.
            types = types.Where(t => t == compartment.CompartmentType || compartment.ParametersByType.ContainsKey(t)).ToList();
        }

        IQueryable<ResourceRow>? all = null;
        foreach (var type in types)
        {
            var resources = OfType(db, search, type);
            all = all is null ? resources : all.Concat(resources);
        }

        return all ?? db.Resources.Where(r => false);
    }

    private static IQueryable<ResourceRow> OfType(FhirDbContext db, ResourceSearch search, string type)
    {
        var resources = db.Resources.Where(r => r.ResourceType == type && !r.IsDeleted);

        // The criteria that are sets of keys are AND-ed into one INTERSECT, so the resource rows are probed with one
        // key list (SQLite would otherwise loop over every combination of the lists); the others filter the rows.
        IQueryable<long>? keys = null;
        if (search.Compartment is { } compartment)
        {
            if (type == compartment.CompartmentType)
            {
                resources = CompartmentQuery.Members(db, resources, type, compartment);
            }
            else
            {
                keys = CompartmentQuery.LinkedKeys(db, type, compartment);
            }
        }

        // SQLite only: on PostgreSQL the wrk runs at 100,000 resources were slower with it (58 vs 90 req/s, not explained
        // yet; docs/benchmarks.md), so there the date criteria stay separate key sets of the INTERSECT.
        var criteria = search.Criteria;
        var ranges = db.Database.IsSqlite() ? DateRangeQuery.Ranges(search.Criteria) : [];
        foreach (var range in ranges)
        {
            var together = range.ToList();
            var matching = DateRangeQuery.Keys(db, type, range.Key, together);
            keys = keys is null ? matching : keys.Intersect(matching);
            criteria = criteria.Where(c => !together.Any(t => ReferenceEquals(t, c))).ToList();
        }

        foreach (var criterion in criteria)
        {
            if (CriteriaQuery.MatchingKeys(db, type, criterion) is { } matching)
            {
                keys = keys is null ? matching : keys.Intersect(matching);
            }
            else
            {
                resources = CriteriaQuery.Apply(db, resources, type, criterion);
            }
        }

        return keys is null ? resources : resources.Where(r => keys.Contains(r.ResourceKey));
    }
}
