using System.Linq.Expressions;
using System.Reflection;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Search;
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
    public static MatchingSet Matching(FhirDbContext db, ResourceSearch search)
    {
        if (search.IncludeReferenced)
        {
            return new MatchingSet(CompartmentQuery.Everything(db, search), null);
        }

        IReadOnlyList<string> types = search.ResourceTypes ?? [search.ResourceType];
        if (search.Compartment is { } compartment)
        {
            // A type outside the compartment has no member in it.
            types = types.Where(t => t == compartment.CompartmentType || compartment.ParametersByType.ContainsKey(t)).ToList();
        }

        if (types.Count == 1)
        {
            return OfType(db, search, types[0]);
        }

        IQueryable<ResourceRow>? all = null;
        foreach (var type in types)
        {
            var resources = OfType(db, search, type).Rows;
            all = all is null ? resources : all.Concat(resources);
        }

        return new MatchingSet(all ?? db.Resources.Where(r => false), null);
    }

    private static MatchingSet OfType(FhirDbContext db, ResourceSearch search, string type)
    {
        var resources = db.Resources.Where(r => r.ResourceType == type && !r.IsDeleted);
        var rowsFiltered = false;

        // Criteria that are sets of keys are combined into one key list the resource rows are probed with (SQLite
        // would otherwise loop over every combination of several lists); the others filter the rows.
        var sets = new List<(IQueryable<long> Keys, ListSize Size)>();
        if (search.Compartment is { } compartment)
        {
            if (type == compartment.CompartmentType)
            {
                resources = CompartmentQuery.Members(db, resources, type, compartment);
                rowsFiltered = true;
            }
            else
            {
                sets.Add((CompartmentQuery.LinkedKeys(db, type, compartment), ListSize.OneTarget));
            }
        }

        var criteria = search.Criteria;
        var ranges = DateRangeQuery.Ranges(search.Criteria);
        foreach (var range in ranges)
        {
            var together = range.ToList();
            sets.Add((DateRangeQuery.Keys(db, type, range.Key, together), ListSize.Unknown));
            criteria = criteria.Where(c => !together.Any(t => ReferenceEquals(t, c))).ToList();
        }

        foreach (var criterion in criteria)
        {
            if (CriteriaQuery.MatchingKeys(db, type, criterion) is { } matching)
            {
                sets.Add((matching, ExpectedSize(criterion)));
            }
            else
            {
                resources = CriteriaQuery.Apply(db, resources, type, criterion);
                rowsFiltered = true;
            }
        }

        if (sets.Count == 0)
        {
            return new MatchingSet(resources, null);
        }

        var keys = Combine(sets);
        return new MatchingSet(resources.Where(r => keys.Contains(r.ResourceKey)), rowsFiltered ? null : keys);
    }

    /// <summary>
    /// AND of key sets. When one set is expected to be short (<see cref="ExpectedSize"/>), it is the only list built
    /// and each of its keys is checked against the other criteria with a correlated EXISTS, an index seek per key; an
    /// INTERSECT would build every list in full (all body-weight observations, all encounters since 2010: thousands
    /// of keys to keep a dozen). Otherwise one INTERSECT.
    /// </summary>
    private static IQueryable<long> Combine(List<(IQueryable<long> Keys, ListSize Size)> sets)
    {
        var ordered = sets.OrderBy(s => s.Size).ToList();
        var driver = ordered[0];
        if (driver.Size == ListSize.Unknown || ordered.Count == 1)
        {
            return ordered.Skip(1).Aggregate(driver.Keys, (keys, set) => keys.Intersect(set.Keys));
        }

        var key = Expression.Parameter(typeof(long), "key");
        return ordered.Skip(1).Aggregate(driver.Keys, (keys, set) => keys.Where(Exists(set.Keys, key)));
    }

    /// <summary>
    /// How short a criterion's key list is expected to be, without statistics: the resources that reference one given
    /// resource (a patient's observations) are few; a chain or <c>_has</c> is usually asked for because its leaf is
    /// selective; value criteria (a common code, a date range) can match a large share of a type.
    /// </summary>
    private static ListSize ExpectedSize(SearchCriterion criterion) => criterion switch
    {
        { Joins: not null } => ListSize.Joined,
        { Type: SearchParamType.Reference, Modifier: null } => ListSize.OneTarget,
        _ => ListSize.Unknown,
    };

    /// <summary>Expected length of a criterion's key list, shortest first.</summary>
    private enum ListSize
    {
        OneTarget,
        Joined,
        Unknown,
    }

    private static readonly MethodInfo AnyWithPredicate = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(long));

    /// <summary><c>key => set.Any(k => k == key)</c>: EF Core sends it as a correlated EXISTS (not as an IN list built once).</summary>
    private static Expression<Func<long, bool>> Exists(IQueryable<long> set, ParameterExpression key)
    {
        var inner = Expression.Parameter(typeof(long), "k");
        var same = Expression.Lambda<Func<long, bool>>(Expression.Equal(inner, key), inner);
        return Expression.Lambda<Func<long, bool>>(Expression.Call(AnyWithPredicate, set.Expression, Expression.Quote(same)), key);
    }
}
