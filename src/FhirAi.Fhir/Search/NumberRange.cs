using System.Globalization;

namespace FhirAi.Fhir.Search;

/// <summary>A prefixed search number and the range its stated precision implies (100 → [99.5, 100.5)).</summary>
public static class NumberRange
{
    public static bool TryParse(string text, out SearchPrefix prefix, out double number, out double low, out double high)
    {
        ArgumentNullException.ThrowIfNull(text);
        (prefix, var value) = SearchPrefixes.Split(text);
        number = low = high = 0;
        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        var half = 0.5m / (decimal)Math.Pow(10, parsed.Scale);
        number = (double)parsed;
        low = (double)(parsed - half);
        high = (double)(parsed + half);
        return true;
    }

    /// <summary>
    /// The <c>ap</c> prefix: within 10% of the stated value, the approximation the R4 search page recommends
    /// (https://hl7.org/fhir/R4/search.html#prefix).
    /// </summary>
    public static (double Low, double High) Approximately(double number) =>
        number >= 0 ? (number * 0.9, number * 1.1) : (number * 1.1, number * 0.9);
}
