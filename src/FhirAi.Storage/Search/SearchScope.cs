using FhirAi.Storage.Model;

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
        if (search.Compartment is { } compartment)
        {
            resources = CompartmentQuery.Members(db, resources, type, compartment);
        }

        foreach (var criterion in search.Criteria)
        {
            resources = CriteriaQuery.Apply(db, resources, type, criterion);
        }

        return resources;
    }
}
