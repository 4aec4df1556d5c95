using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// The modifiers that are not a variation of a value match: <c>:missing</c> (any type: whether the
/// resource has an index row for the parameter), <c>:identifier</c> on references and <c>:of-type</c>
/// on identifiers (rows the indexer writes under <c>code:identifier</c> and <c>code:of-type</c>), and a
/// resource-type modifier on references (<c>subject:Patient=123</c>).
/// </summary>
internal static class ModifierQuery
{
    public static bool Handles(SearchCriterion criterion) =>
        criterion.Modifier is "missing" || (criterion.Type == SearchParamType.Token && criterion.Modifier is "of-type")
        || (criterion.Type == SearchParamType.Reference && criterion.Modifier is { } m && (m == "identifier" || IsTypeName(m)));

    public static IQueryable<ResourceRow> Apply(FhirDbContext db, IQueryable<ResourceRow> resources, string type, SearchCriterion criterion)
    {
        if (criterion.Modifier == "missing")
        {
            return Missing(db, resources, type, criterion);
        }

        var keys = MatchingKeys(db, type, criterion);
        return keys is null ? resources : resources.Where(r => keys.Contains(r.ResourceKey));
    }

    /// <summary>The keys the criterion keeps when it is a positive set (every modifier here but <c>:missing=true</c>); else null.</summary>
    public static IQueryable<long>? MatchingKeys(FhirDbContext db, string type, SearchCriterion criterion)
    {
        if (criterion.Modifier == "missing")
        {
            return criterion.Values[0] == "false" && criterion.Parameter is not ("_id" or "_lastUpdated") ? IndexedKeys(db, type, criterion) : null;
        }

        var parameter = criterion.Parameter;
        IQueryable<long>? keys = null;
        foreach (var value in criterion.Values)
        {
            var matching = criterion.Modifier switch
            {
                "identifier" => TokenKeys(db, type, parameter + ":identifier", value),
                "of-type" => OfTypeKeys(db, type, parameter, value),
                _ => TypedReferenceKeys(db, type, parameter, criterion.Modifier!, value),
            };
            keys = keys is null ? matching : keys.Concat(matching);
        }

        return keys;
    }

    /// <summary>true: no value for the parameter; false: at least one. <c>_id</c> and <c>_lastUpdated</c> are never missing.</summary>
    private static IQueryable<ResourceRow> Missing(FhirDbContext db, IQueryable<ResourceRow> resources, string type, SearchCriterion criterion)
    {
        var missing = criterion.Values[0] == "true";
        if (criterion.Parameter is "_id" or "_lastUpdated")
        {
            return missing ? resources.Where(r => false) : resources;
        }

        var keys = IndexedKeys(db, type, criterion);
        return missing ? resources.Where(r => !keys.Contains(r.ResourceKey)) : resources.Where(r => keys.Contains(r.ResourceKey));
    }

    /// <summary>Keys of the resources with at least one index row for the parameter.</summary>
    private static IQueryable<long> IndexedKeys(FhirDbContext db, string type, SearchCriterion criterion)
    {
        var parameter = criterion.Parameter;
        return criterion.Type switch
        {
            SearchParamType.String => db.StringIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Token => db.TokenIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Date => db.DateIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Number => db.NumberIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Quantity => db.QuantityIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Reference => db.ReferenceIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Uri => db.UriIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            SearchParamType.Composite => db.CompositeIndex.Where(x => x.ResourceType == type && x.Parameter == parameter).Select(x => x.ResourceKey),
            _ => db.Resources.Where(r => false).Select(r => r.ResourceKey),
        };
    }

    private static IQueryable<long> TokenKeys(FhirDbContext db, string type, string parameter, string value)
    {
        var tokens = db.TokenIndex.Where(t => t.ResourceType == type && t.Parameter == parameter);
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return tokens.Where(t => t.Code == value).Select(t => t.ResourceKey);
        }

        var system = value[..bar];
        var code = value[(bar + 1)..];
        return system.Length == 0
            ? tokens.Where(t => t.System == null && t.Code == code).Select(t => t.ResourceKey)
            : tokens.Where(t => t.System == system && t.Code == code).Select(t => t.ResourceKey);
    }

    /// <summary><c>system|code|value</c>: an identifier whose type has that coding and whose value is that value.</summary>
    private static IQueryable<long> OfTypeKeys(FhirDbContext db, string type, string parameter, string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 3)
        {
            return db.Resources.Where(r => false).Select(r => r.ResourceKey);
        }

        var system = parts[0];
        var code = parts[1] + "|" + parts[2];
        var name = parameter + ":of-type";
        return db.TokenIndex.Where(t => t.ResourceType == type && t.Parameter == name && t.System == system && t.Code == code).Select(t => t.ResourceKey);
    }

    /// <summary><c>subject:Patient=123</c> is <c>subject=Patient/123</c>.</summary>
    private static IQueryable<long> TypedReferenceKeys(FhirDbContext db, string type, string parameter, string targetType, string value)
    {
        var id = value.StartsWith(targetType + "/", StringComparison.Ordinal) ? value[(targetType.Length + 1)..] : value;
        return db.ReferenceIndex.Where(x => x.ResourceType == type && x.Parameter == parameter && x.TargetType == targetType && x.TargetId == id)
            .Select(x => x.ResourceKey);
    }

    private static bool IsTypeName(string modifier) => modifier.Length > 0 && char.IsAsciiLetterUpper(modifier[0]) && modifier.All(char.IsAsciiLetter);
}
