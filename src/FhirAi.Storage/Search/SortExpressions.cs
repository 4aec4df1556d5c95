using System.Linq.Expressions;
using FhirAi.Fhir.Definitions;
using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// The sort value of one <see cref="SortKey"/> as an EF Core expression over a resource row: a
/// correlated sub-query on the key's index table (MIN when ascending, MAX when descending), or a
/// column of the resource row for <c>_id</c> and <c>_lastUpdated</c>. The value is typed string,
/// double? or long?, which is also how a cursor carries it (<see cref="SortValue"/>).
/// </summary>
internal static class SortExpressions
{
    public static LambdaExpression Value(FhirDbContext db, SortKey key)
    {
        var parameter = key.Parameter;
        var descending = key.Descending;
        switch (parameter)
        {
            case "_id":
                return Text(r => r.LogicalId);
            case "_lastUpdated":
                return Integer(r => (long?)r.LastUpdatedMicros);
        }

        return key.Type switch
        {
            SearchParamType.String => descending
                ? Text(r => db.StringIndex.Where(s => s.ResourceKey == r.ResourceKey && s.Parameter == parameter).Max(s => s.Normalized))
                : Text(r => db.StringIndex.Where(s => s.ResourceKey == r.ResourceKey && s.Parameter == parameter).Min(s => s.Normalized)),
            SearchParamType.Token => descending
                ? Text(r => db.TokenIndex.Where(t => t.ResourceKey == r.ResourceKey && t.Parameter == parameter).Max(t => t.Code))
                : Text(r => db.TokenIndex.Where(t => t.ResourceKey == r.ResourceKey && t.Parameter == parameter).Min(t => t.Code)),
            SearchParamType.Uri => descending
                ? Text(r => db.UriIndex.Where(u => u.ResourceKey == r.ResourceKey && u.Parameter == parameter).Max(u => u.Uri))
                : Text(r => db.UriIndex.Where(u => u.ResourceKey == r.ResourceKey && u.Parameter == parameter).Min(u => u.Uri)),
            SearchParamType.Reference => descending
                ? Text(r => db.ReferenceIndex.Where(x => x.ResourceKey == r.ResourceKey && x.Parameter == parameter)
                    .Max(x => x.TargetId == null ? x.Url : x.TargetType + "/" + x.TargetId))
                : Text(r => db.ReferenceIndex.Where(x => x.ResourceKey == r.ResourceKey && x.Parameter == parameter)
                    .Min(x => x.TargetId == null ? x.Url : x.TargetType + "/" + x.TargetId)),
            SearchParamType.Date => descending
                ? Integer(r => db.DateIndex.Where(d => d.ResourceKey == r.ResourceKey && d.Parameter == parameter).Max(d => (long?)d.HighMicros))
                : Integer(r => db.DateIndex.Where(d => d.ResourceKey == r.ResourceKey && d.Parameter == parameter).Min(d => (long?)d.LowMicros)),
            SearchParamType.Number => descending
                ? Number(r => db.NumberIndex.Where(n => n.ResourceKey == r.ResourceKey && n.Parameter == parameter).Max(n => (double?)n.Value))
                : Number(r => db.NumberIndex.Where(n => n.ResourceKey == r.ResourceKey && n.Parameter == parameter).Min(n => (double?)n.Value)),
            SearchParamType.Quantity => descending
                ? Number(r => db.QuantityIndex.Where(q => q.ResourceKey == r.ResourceKey && q.Parameter == parameter).Max(q => q.CanonicalValue ?? (double?)q.Value))
                : Number(r => db.QuantityIndex.Where(q => q.ResourceKey == r.ResourceKey && q.Parameter == parameter).Min(q => q.CanonicalValue ?? (double?)q.Value)),
            _ => throw new ArgumentException($"Cannot sort on a {key.Type} parameter.", nameof(key)),
        };
    }

    /// <summary>The CLR type a key's value has, and so the kind of <see cref="SortValue"/> member a cursor must fill.</summary>
    public static Type ValueType(SortKey key) => key.Parameter switch
    {
        "_id" => typeof(string),
        "_lastUpdated" => typeof(long?),
        _ => key.Type switch
        {
            SearchParamType.Date => typeof(long?),
            SearchParamType.Number or SearchParamType.Quantity => typeof(double?),
            _ => typeof(string),
        },
    };

    private static Expression<Func<ResourceRow, string?>> Text(Expression<Func<ResourceRow, string?>> e) => e;

    private static Expression<Func<ResourceRow, long?>> Integer(Expression<Func<ResourceRow, long?>> e) => e;

    private static Expression<Func<ResourceRow, double?>> Number(Expression<Func<ResourceRow, double?>> e) => e;
}
