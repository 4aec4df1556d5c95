using System.Linq.Expressions;
using System.Reflection;
using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace FhirAi.Storage.Search;

/// <summary>
/// Orders a filtered set of resources by its sort keys (missing values last in both directions,
/// then the resource key as a stable tie-break) and reads one page after or before a keyset cursor.
/// The cursor compares on the values themselves, so a row that existed when paging started is seen
/// exactly once however many rows are inserted or deleted meanwhile (unless its own sort values change).
/// Cursor values reach SQL as parameters (EF Core turns member access on a closure into parameters).
/// </summary>
internal static class KeysetPaging
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static async Task<SearchPage> PageAsync(
        FhirDbContext db, MatchingSet set, IReadOnlyList<SortKey> sort, SearchCursor? cursor, int count, bool includeTotal, int? totalLimit,
        CancellationToken cancellationToken)
    {
        var resources = set.Rows;
        // In key order, the index keys alone are the page (MatchingSet); other orders need the rows' sort values.
        var indexKeys = sort.Count == 0 ? set.IndexKeys : null;
        if (count == 0)
        {
            return new SearchPage([], includeTotal ? await CountAsync(set, totalLimit, cancellationToken).ConfigureAwait(false) : null, null);
        }

        var row = Expression.Parameter(typeof(ResourceRow), "r");
        var values = sort.Select(key => Rebind(SortExpressions.Value(db, key), row)).ToArray();
        var backward = cursor?.Backward ?? false;
        if (cursor is not null)
        {
            resources = resources.Where(Expression.Lambda<Func<ResourceRow, bool>>(Beyond(sort, values, row, cursor), row));
        }

        // The matching keys in page order: in key order the index keys alone when the search has them (MatchingSet),
        // otherwise the rows' keys ordered by their sort values.
        IQueryable<long> KeysInOrder(bool reversed)
        {
            if (sort.Count > 0)
            {
                return Order(resources, sort, values, row, reversed, db.Database.IsSqlite()).Select(r => r.ResourceKey);
            }

            var keys = indexKeys is null
                ? resources.Select(r => r.ResourceKey)
                : Unique(cursor is null ? indexKeys : cursor.Backward ? indexKeys.Where(k => k < cursor.Key) : indexKeys.Where(k => k > cursor.Key));
            return reversed ? keys.OrderByDescending(k => k) : keys.OrderBy(k => k);
        }

        List<KeyedResource> rows;
        int? total = null;
        var counted = false;
        if (includeTotal && cursor is null && totalLimit is { } limit)
        {
            // First page of an estimate: one evaluation of the filter gives the page and the capped count
            // (the keys in page order up to the limit, or up to the page size when that is larger: a page that holds every
            // match is its own count), instead of a page query and a count query.
            var enough = Math.Max(count, limit);
            var firstKeys = await KeysInOrder(reversed: false).Take((int)Math.Min((long)enough + 1, int.MaxValue))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            total = firstKeys.Count > enough ? null : firstKeys.Count;
            counted = true;
            rows = await CurrentVersions.ReadAsync(db, firstKeys.Count > count + 1 ? firstKeys.GetRange(0, count + 1) : firstKeys, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            var pageKeys = await KeysInOrder(backward).Take(count + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
            rows = await CurrentVersions.ReadAsync(db, pageKeys, cancellationToken).ConfigureAwait(false);
        }

        var more = rows.Count > count;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        // A first page that holds every match is its own count; otherwise count the matches (the same filter again).
        if (!counted && includeTotal)
        {
            total = cursor is null && !more ? rows.Count : await CountAsync(set, totalLimit, cancellationToken).ConfigureAwait(false);
        }

        var matches = rows.ConvertAll(r => r.Resource);

        // A forward page has a next page when it found more rows, and a previous one when it started
        // from a cursor; a backward page the other way round.
        var hasNext = backward ? rows.Count > 0 : more;
        var hasPrevious = backward ? more : cursor is not null && rows.Count > 0;
        var next = hasNext ? await CursorAtAsync(db, sort, values, row, rows[^1].Key, backward: false, cancellationToken).ConfigureAwait(false) : null;
        var previous = hasPrevious ? await CursorAtAsync(db, sort, values, row, rows[0].Key, backward: true, cancellationToken).ConfigureAwait(false) : null;
        return new SearchPage(matches, total, next?.Key) { Next = next, Previous = previous };
    }

    /// <summary>All matches, or with a limit the matches up to it (null past it: the count stops after limit + 1 keys).</summary>
    private static async Task<int?> CountAsync(MatchingSet set, int? limit, CancellationToken cancellationToken)
    {
        var keys = set.IndexKeys is { } indexKeys ? Unique(indexKeys) : set.Rows.Select(r => r.ResourceKey);
        if (limit is not { } max)
        {
            return await keys.CountAsync(cancellationToken).ConfigureAwait(false);
        }

        var counted = await keys.Take(max + 1).CountAsync(cancellationToken).ConfigureAwait(false);
        return counted > max ? null : counted;
    }

    /// <summary>
    /// Each key once. As GROUP BY rather than DISTINCT: EF Core puts a DISTINCT that is then ordered into a sub-query
    /// (every match read and sorted twice), while SQLite walks a GROUP BY in the index's key order and stops at the LIMIT.
    /// </summary>
    private static IQueryable<long> Unique(IQueryable<long> keys) => keys.GroupBy(k => k).Select(g => g.Key);

    /// <summary>
    /// Orders by the sort values, missing values last (first when paging backward). SQLite sorts NULL lowest and PostgreSQL
    /// highest, so a descending key on SQLite (ascending on PostgreSQL) already puts them last in either paging direction;
    /// only the other direction needs the "missing" term, whose correlated sub-query would otherwise run once more per row.
    /// </summary>
    private static IQueryable<ResourceRow> Order(
        IQueryable<ResourceRow> resources, IReadOnlyList<SortKey> sort, Expression[] values, ParameterExpression row, bool backward, bool nullsSortLowest)
    {
        IOrderedQueryable<ResourceRow>? ordered = null;
        for (var i = 0; i < sort.Count; i++)
        {
            if (sort[i].Parameter is not ("_id" or "_lastUpdated") && sort[i].Descending != nullsSortLowest)
            {
                // Columns of the resource row are never missing; index values may be.
                var missingLast = Expression.Condition(Expression.Equal(values[i], Expression.Constant(null, values[i].Type)), Expression.Constant(1), Expression.Constant(0));
                ordered = ThenBy(resources, ordered, Expression.Lambda(missingLast, row), descending: backward);
            }

            ordered = ThenBy(resources, ordered, Expression.Lambda(values[i], row), descending: sort[i].Descending != backward);
        }

        Expression<Func<ResourceRow, long>> key = r => r.ResourceKey;
        return ThenBy(resources, ordered, key, descending: backward);
    }

    private static IOrderedQueryable<ResourceRow> ThenBy(IQueryable<ResourceRow> source, IOrderedQueryable<ResourceRow>? ordered, LambdaExpression key, bool descending)
    {
        var method = (ordered is null, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        var input = ordered ?? source;
        var call = Expression.Call(typeof(Queryable), method, [typeof(ResourceRow), key.ReturnType], input.Expression, Expression.Quote(key));
        return (IOrderedQueryable<ResourceRow>)input.Provider.CreateQuery<ResourceRow>(call);
    }

    /// <summary>Rows strictly after (forward) or before (backward) the cursor row in the sort order.</summary>
    private static Expression Beyond(IReadOnlyList<SortKey> sort, Expression[] values, ParameterExpression row, SearchCursor cursor)
    {
        if (cursor.Values.Count != sort.Count)
        {
            throw new ArgumentException("The cursor does not match the sort.", nameof(cursor));
        }

        Expression keyBeyond = cursor.Backward
            ? Expression.LessThan(Expression.Property(row, nameof(ResourceRow.ResourceKey)), Parameter(cursor.Key, typeof(long)))
            : Expression.GreaterThan(Expression.Property(row, nameof(ResourceRow.ResourceKey)), Parameter(cursor.Key, typeof(long)));

        // Built from the last key back: beyond_i = strictlyBeyond_i OR (equal_i AND beyond_{i+1}).
        var result = keyBeyond;
        for (var i = sort.Count - 1; i >= 0; i--)
        {
            var value = values[i];
            var cursorValue = cursor.Values[i];
            var isNull = Expression.Equal(value, Expression.Constant(null, value.Type));
            Expression equal;
            Expression strictly;
            if (cursorValue.IsMissing)
            {
                equal = isNull;
                // Missing values sort last: nothing is after them; every present value is before them.
                strictly = cursor.Backward ? Expression.Not(isNull) : Expression.Constant(false);
            }
            else
            {
                var constant = Parameter(Unwrap(cursorValue, value.Type), value.Type);
                equal = Compare(value, constant, ExpressionType.Equal);
                var greater = sort[i].Descending == cursor.Backward;
                strictly = Compare(value, constant, greater ? ExpressionType.GreaterThan : ExpressionType.LessThan);
                if (!cursor.Backward)
                {
                    strictly = Expression.OrElse(strictly, isNull);
                }
            }

            result = Expression.OrElse(strictly, Expression.AndAlso(equal, result));
        }

        return result;
    }

    private static Expression Compare(Expression value, Expression constant, ExpressionType comparison)
    {
        if (value.Type != typeof(string))
        {
            return Expression.MakeBinary(comparison, value, constant);
        }

        if (comparison == ExpressionType.Equal)
        {
            return Expression.Equal(value, constant);
        }

        return Expression.MakeBinary(comparison, Expression.Call(StringCompare, value, constant), Expression.Constant(0));
    }

    private static object Unwrap(SortValue value, Type type)
    {
        object? unwrapped = type == typeof(string) ? value.Text : type == typeof(long?) ? (object?)value.Integer : value.Number;
        return unwrapped ?? throw new ArgumentException("The cursor does not match the sort.", nameof(value));
    }

    /// <summary>A closure-style member access, which EF Core sends as a SQL parameter rather than a literal.</summary>
    private static Expression Parameter(object value, Type type)
    {
        var holderType = typeof(Holder<>).MakeGenericType(type);
        var holder = Activator.CreateInstance(holderType)!;
        holderType.GetProperty("Value")!.SetValue(holder, value);
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    private static async Task<SearchCursor> CursorAtAsync(
        FhirDbContext db, IReadOnlyList<SortKey> sort, Expression[] values, ParameterExpression row, long key, bool backward, CancellationToken cancellationToken)
    {
        if (sort.Count == 0)
        {
            return new SearchCursor([], key, backward);
        }

        var array = Expression.NewArrayInit(typeof(object), values.Select(v => Expression.Convert(v, typeof(object))));
        var projection = Expression.Lambda<Func<ResourceRow, object?[]>>(array, row);
        var found = await db.Resources.Where(r => r.ResourceKey == key).Select(projection).FirstAsync(cancellationToken).ConfigureAwait(false);
        var sortValues = found.Select(v => v switch
        {
            string text => new SortValue(Text: text),
            double number => new SortValue(Number: number),
            long integer => new SortValue(Integer: integer),
            _ => SortValue.Missing,
        }).ToList();
        return new SearchCursor(sortValues, key, backward);
    }

    private static Expression Rebind(LambdaExpression lambda, ParameterExpression row) =>
        new Rebinder(lambda.Parameters[0], row).Visit(lambda.Body);

    private sealed class Rebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private sealed class Holder<T>
    {
        public T? Value { get; set; }
    }
}
