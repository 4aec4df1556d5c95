using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// Applies a <see cref="CareDateFilter"/>: two correlated look-ups per resource on <c>ix_idx_date_resource (resource_key)</c>
/// (has it a care-date row; has it one overlapping the range), each reading only that resource's few date rows.
/// </summary>
internal static class CareDateQuery
{
    public static IQueryable<ResourceRow> Apply(FhirDbContext db, IQueryable<ResourceRow> resources, CareDateFilter filter)
    {
        var pairs = filter.ParameterByType.Select(p => p.Key + "|" + p.Value).ToList();
        var low = filter.From is { } from ? Micros.From(from) : long.MinValue;
        var high = filter.Before is { } before ? Micros.From(before) : long.MaxValue;
        var careDates = db.DateIndex.Where(d => pairs.Contains(d.ResourceType + "|" + d.Parameter));
        return resources.Where(r =>
            !careDates.Any(d => d.ResourceKey == r.ResourceKey)
            || careDates.Any(d => d.ResourceKey == r.ResourceKey && d.LowMicros < high && d.HighMicros > low));
    }
}
