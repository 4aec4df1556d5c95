using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// Compartment membership from the reference index: a resource is in Patient/123 when one of its
/// linking parameters (CompartmentDefinition) references Patient/123, or when it is Patient/123. The
/// sub-query seeks <c>ix_idx_reference_reverse</c> (target type, target id) and filters the few rows
/// it finds on the (type, parameter) pairs the definition allows.
/// </summary>
internal static class CompartmentQuery
{
    public static IQueryable<ResourceRow> Members(FhirDbContext db, IQueryable<ResourceRow> resources, string type, CompartmentFilter compartment)
    {
        var targetId = compartment.Id;
        var keys = LinkedKeys(db, type, compartment);
        return type == compartment.CompartmentType
            ? resources.Where(r => r.LogicalId == targetId || keys.Contains(r.ResourceKey))
            : resources.Where(r => keys.Contains(r.ResourceKey));
    }

    /// <summary>Keys of the resources of <paramref name="type"/> that reference the compartment through a linking parameter.</summary>
    public static IQueryable<long> LinkedKeys(FhirDbContext db, string type, CompartmentFilter compartment)
    {
        var targetType = compartment.CompartmentType;
        var targetId = compartment.Id;
        var parameters = compartment.ParametersByType.TryGetValue(type, out var linking) ? linking.ToList() : [];
        return db.ReferenceIndex
            .Where(x => x.TargetType == targetType && x.TargetId == targetId && x.ResourceType == type && parameters.Contains(x.Parameter))
            .Select(x => x.ResourceKey);
    }

    /// <summary>
    /// <c>$everything</c>: every member of the compartment (all its types), plus the resources those members
    /// reference (practitioners, organizations, medications, locations...), then narrowed by the search's
    /// types and criteria (<c>_type</c>, <c>_since</c> as <c>_lastUpdated</c>) and care dates, which apply to the output.
    /// With <see cref="CompartmentFilter.EveryId"/>, the members of every compartment of the type.
    /// </summary>
    public static IQueryable<ResourceRow> Everything(FhirDbContext db, ResourceSearch search)
    {
        var compartment = search.Compartment ?? throw new ArgumentException("$everything needs a compartment.", nameof(search));
        var targetType = compartment.CompartmentType;
        var targetId = compartment.Id;
        var pairs = compartment.ParametersByType.SelectMany(p => p.Value.Select(parameter => p.Key + "|" + parameter)).ToList();
        IQueryable<long> members;
        if (compartment.EveryId)
        {
            // Links to a live compartment resource only: a reference to a patient that does not exist makes no compartment.
            var owners = db.Resources.Where(t => t.ResourceType == targetType && !t.IsDeleted);
            var linkedToAny = db.ReferenceIndex
                .Where(x => x.TargetType == targetType && pairs.Contains(x.ResourceType + "|" + x.Parameter))
                .Join(owners, x => x.TargetId!, t => t.LogicalId, (x, t) => x.ResourceKey);
            members = db.Resources
                .Where(r => !r.IsDeleted && (r.ResourceType == targetType || linkedToAny.Contains(r.ResourceKey)))
                .Select(r => r.ResourceKey);
        }
        else
        {
            var linked = db.ReferenceIndex
                .Where(x => x.TargetType == targetType && x.TargetId == targetId && pairs.Contains(x.ResourceType + "|" + x.Parameter))
                .Select(x => x.ResourceKey);
            members = db.Resources
                .Where(r => !r.IsDeleted && ((r.ResourceType == targetType && r.LogicalId == targetId) || linked.Contains(r.ResourceKey)))
                .Select(r => r.ResourceKey);
        }

        var referenced = db.ReferenceIndex
            .Where(x => members.Contains(x.ResourceKey) && x.TargetType != null)
            .Join(db.Resources, x => new { Type = x.TargetType!, Id = x.TargetId! }, t => new { Type = t.ResourceType, Id = t.LogicalId }, (x, t) => t)
            .Where(t => !t.IsDeleted)
            .Select(t => t.ResourceKey);
        var keys = members.Union(referenced);
        var resources = db.Resources.Where(r => keys.Contains(r.ResourceKey));
        if (search.ResourceTypes is { } types)
        {
            var typeList = types.ToList();
            resources = resources.Where(r => typeList.Contains(r.ResourceType));
        }

        foreach (var criterion in search.Criteria.Where(c => c.Parameter is "_lastUpdated" or "_id"))
        {
            resources = CriteriaQuery.Apply(db, resources, "Resource", criterion);
        }

        return search.CareDates is { } careDates ? CareDateQuery.Apply(db, resources, careDates) : resources;
    }
}
