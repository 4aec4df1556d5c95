using FhirAi.Fhir.Search;
using FhirAi.Storage.Model;

namespace FhirAi.Storage;

/// <summary>
/// Chained and <c>_has</c> criteria as nested sub-queries over <c>idx_reference</c>: a forward hop keeps
/// the sources whose reference row (source type, parameter, target type, target id) names a target
/// that matches the rest; a reverse hop keeps the targets named by a matching source's reference rows.
/// The leaf is an ordinary <see cref="CriteriaQuery"/> criterion on the last type. Alternative paths
/// (several target types) are OR-ed with UNION ALL. Nothing is evaluated in memory.
/// </summary>
internal static class JoinQuery
{
    /// <summary>Keys of the resources that match one of the joined criteria (alternatives OR-ed); null when there is none.</summary>
    public static IQueryable<long>? Keys(FhirDbContext db, IReadOnlyList<JoinedCriterion> joins)
    {
        IQueryable<long>? keys = null;
        foreach (var join in joins)
        {
            var matching = Keys(db, join.Steps, 0, join.Leaf);
            keys = keys is null ? matching : keys.Concat(matching);
        }

        return keys;
    }

    /// <summary>Keys of the resources of <c>steps[index].FromType</c> (or of the leaf type past the last step) for which the rest holds.</summary>
    private static IQueryable<long> Keys(FhirDbContext db, IReadOnlyList<JoinStep> steps, int index, SearchCriterion leaf)
    {
        if (index == steps.Count)
        {
            var type = steps[^1].ToType;
            var live = db.Resources.Where(r => r.ResourceType == type && !r.IsDeleted);
            return CriteriaQuery.Apply(db, live, type, leaf).Select(r => r.ResourceKey);
        }

        var step = steps[index];
        var (source, parameter, target) = (step.SourceType, step.Parameter, step.TargetType);
        var edges = db.ReferenceIndex.Where(x => x.ResourceType == source && x.Parameter == parameter && x.TargetType == target);
        if (!step.Reverse)
        {
            var targetIds = TargetIds(db, steps, index + 1, leaf);
            return edges.Where(x => targetIds.Contains(x.TargetId!)).Select(x => x.ResourceKey);
        }

        var next = Keys(db, steps, index + 1, leaf);
        var referencedIds = edges.Where(x => next.Contains(x.ResourceKey)).Select(x => x.TargetId!);
        return db.Resources.Where(r => r.ResourceType == target && !r.IsDeleted && referencedIds.Contains(r.LogicalId)).Select(r => r.ResourceKey);
    }

    /// <summary>Logical ids of the resources <see cref="Keys(FhirDbContext, IReadOnlyList{JoinStep}, int, SearchCriterion)"/> finds; the leaf's rows give theirs directly.</summary>
    private static IQueryable<string> TargetIds(FhirDbContext db, IReadOnlyList<JoinStep> steps, int index, SearchCriterion leaf)
    {
        if (index == steps.Count)
        {
            var type = steps[^1].ToType;
            var live = db.Resources.Where(r => r.ResourceType == type && !r.IsDeleted);
            return CriteriaQuery.Apply(db, live, type, leaf).Select(r => r.LogicalId);
        }

        var next = Keys(db, steps, index, leaf);
        return db.Resources.Where(r => next.Contains(r.ResourceKey)).Select(r => r.LogicalId);
    }
}
