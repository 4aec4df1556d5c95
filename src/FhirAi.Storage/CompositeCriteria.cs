using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Search;
using FhirAi.Storage.Model;

namespace FhirAi.Storage;

/// <summary>
/// Composite search <c>first$second</c>: the first component is a token (<c>[system|]code</c>), the second
/// is read by its own type: token, quantity (<c>[prefix]number[|system|code]</c>, compared as written,
/// not UCUM-converted), number, date (<c>[prefix]date</c>), string (starts-with, folded), reference or uri.
/// Both components must match on the same row, i.e. on the same repetition of the element.
/// </summary>
internal static class CompositeCriteria
{
    public static IQueryable<CompositeIndexRow> Match(IQueryable<CompositeIndexRow> rows, string value, IReadOnlyList<SearchParamType> componentTypes)
    {
        var dollar = value.IndexOf('$', StringComparison.Ordinal);
        if (dollar < 0 || componentTypes.Count != 2)
        {
            return rows.Where(r => false);
        }

        rows = MatchFirst(rows, value[..dollar]);
        var second = value[(dollar + 1)..];
        return componentTypes[1] switch
        {
            SearchParamType.Token => MatchSecondToken(rows, second),
            SearchParamType.Quantity or SearchParamType.Number => MatchSecondNumber(rows, second),
            SearchParamType.Date => MatchSecondDate(rows, second),
            SearchParamType.String => MatchSecondString(rows, second),
            _ => rows.Where(r => r.SecondString == second),
        };
    }

    private static IQueryable<CompositeIndexRow> MatchFirst(IQueryable<CompositeIndexRow> rows, string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return rows.Where(r => r.FirstCode == token);
        }

        var system = token[..bar];
        var code = token[(bar + 1)..];
        return system.Length == 0 ? rows.Where(r => r.FirstSystem == null && r.FirstCode == code)
            : code.Length == 0 ? rows.Where(r => r.FirstSystem == system)
            : rows.Where(r => r.FirstSystem == system && r.FirstCode == code);
    }

    private static IQueryable<CompositeIndexRow> MatchSecondToken(IQueryable<CompositeIndexRow> rows, string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return rows.Where(r => r.SecondCode == token);
        }

        var system = token[..bar];
        var code = token[(bar + 1)..];
        return system.Length == 0 ? rows.Where(r => r.SecondSystem == null && r.SecondCode == code)
            : code.Length == 0 ? rows.Where(r => r.SecondSystem == system)
            : rows.Where(r => r.SecondSystem == system && r.SecondCode == code);
    }

    private static IQueryable<CompositeIndexRow> MatchSecondNumber(IQueryable<CompositeIndexRow> rows, string quantity)
    {
        var parts = quantity.Split('|');
        if (!NumberRange.TryParse(parts[0], out var prefix, out var number, out var low, out var high))
        {
            return rows.Where(r => false);
        }

        if (parts.Length == 3)
        {
            var system = parts[1];
            var code = parts[2];
            rows = system.Length == 0 ? rows.Where(r => r.SecondCode == code) : rows.Where(r => r.SecondSystem == system && r.SecondCode == code);
        }

        return prefix switch
        {
            SearchPrefix.Ne => rows.Where(r => r.SecondNumber < low || r.SecondNumber >= high),
            SearchPrefix.Gt or SearchPrefix.Sa => rows.Where(r => r.SecondNumber > number),
            SearchPrefix.Lt or SearchPrefix.Eb => rows.Where(r => r.SecondNumber < number),
            SearchPrefix.Ge => rows.Where(r => r.SecondNumber >= number),
            SearchPrefix.Le => rows.Where(r => r.SecondNumber <= number),
            SearchPrefix.Ap => rows.Where(r => r.SecondNumber >= NumberRange.Approximately(number).Low && r.SecondNumber <= NumberRange.Approximately(number).High),
            _ => rows.Where(r => r.SecondNumber >= low && r.SecondNumber < high),
        };
    }

    private static IQueryable<CompositeIndexRow> MatchSecondDate(IQueryable<CompositeIndexRow> rows, string date)
    {
        var (prefix, text) = SearchPrefixes.Split(date);
        if (!DateRange.TryParse(text, out var range))
        {
            return rows.Where(r => false);
        }

        var low = Micros.From(range.Low);
        var high = Micros.From(range.High);
        return prefix switch
        {
            SearchPrefix.Ne => rows.Where(r => r.SecondLowMicros < low || r.SecondHighMicros > high),
            SearchPrefix.Gt => rows.Where(r => r.SecondHighMicros > high),
            SearchPrefix.Lt => rows.Where(r => r.SecondLowMicros < low),
            SearchPrefix.Ge => rows.Where(r => r.SecondHighMicros > high || (r.SecondLowMicros >= low && r.SecondHighMicros <= high)),
            SearchPrefix.Le => rows.Where(r => r.SecondLowMicros < low || (r.SecondLowMicros >= low && r.SecondHighMicros <= high)),
            SearchPrefix.Sa => rows.Where(r => r.SecondLowMicros >= high),
            SearchPrefix.Eb => rows.Where(r => r.SecondHighMicros <= low),
            SearchPrefix.Ap => rows.Where(r => r.SecondLowMicros < high && r.SecondHighMicros > low),
            _ => rows.Where(r => r.SecondLowMicros >= low && r.SecondHighMicros <= high),
        };
    }

    private static IQueryable<CompositeIndexRow> MatchSecondString(IQueryable<CompositeIndexRow> rows, string text)
    {
        var normalized = SearchText.Normalize(text) ?? string.Empty;
        return rows.Where(r => r.SecondString != null && r.SecondString.StartsWith(normalized));
    }
}
