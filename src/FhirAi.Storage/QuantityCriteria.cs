using FhirAi.Fhir.Search;
using FhirAi.Fhir.Ucum;
using FhirAi.Storage.Model;

namespace FhirAi.Storage;

/// <summary>
/// Quantity search: <c>[prefix]number|system|code</c>, <c>[prefix]number||code</c> or <c>[prefix]number</c>.
/// A UCUM unit that converts is compared in canonical form, so <c>…|http://unitsofmeasure.org|mg/dL</c> finds a
/// value stored in g/L; other units compare as written.
/// </summary>
internal static class QuantityCriteria
{
    public static IQueryable<QuantityIndexRow> Match(IQueryable<QuantityIndexRow> quantities, string value)
    {
        var parts = value.Split('|');
        if (!NumberRange.TryParse(parts[0], out var prefix, out var number, out var low, out var high))
        {
            return quantities.Where(q => false);
        }

        if (parts.Length != 3)
        {
            return OnValue(quantities, prefix, number, low, high);
        }

        var system = parts[1];
        var code = parts[2];
        if (system == UcumConverter.System && UcumConverter.TryCanonicalize(code, out var ucum))
        {
            var canonicalUnit = ucum.Canonical;
            return OnCanonicalValue(
                quantities.Where(q => q.CanonicalUnit == canonicalUnit),
                prefix,
                UcumConverter.RoundToSignificant(number * ucum.Factor),
                UcumConverter.RoundToSignificant(low * ucum.Factor),
                UcumConverter.RoundToSignificant(high * ucum.Factor));
        }

        quantities = system.Length == 0
            ? quantities.Where(q => q.Unit == code)
            : quantities.Where(q => q.System == system && q.Unit == code);
        return OnValue(quantities, prefix, number, low, high);
    }

    private static IQueryable<QuantityIndexRow> OnValue(IQueryable<QuantityIndexRow> quantities, SearchPrefix prefix, double number, double low, double high) =>
        prefix switch
        {
            SearchPrefix.Ne => quantities.Where(q => q.Value < low || q.Value >= high),
            SearchPrefix.Gt or SearchPrefix.Sa => quantities.Where(q => q.Value > number),
            SearchPrefix.Lt or SearchPrefix.Eb => quantities.Where(q => q.Value < number),
            SearchPrefix.Ge => quantities.Where(q => q.Value >= number),
            SearchPrefix.Le => quantities.Where(q => q.Value <= number),
            SearchPrefix.Ap => quantities.Where(q => q.Value >= NumberRange.Approximately(number).Low && q.Value <= NumberRange.Approximately(number).High),
            _ => quantities.Where(q => q.Value >= low && q.Value < high),
        };

    private static IQueryable<QuantityIndexRow> OnCanonicalValue(IQueryable<QuantityIndexRow> quantities, SearchPrefix prefix, double number, double low, double high) =>
        prefix switch
        {
            SearchPrefix.Ne => quantities.Where(q => q.CanonicalValue < low || q.CanonicalValue >= high),
            SearchPrefix.Gt or SearchPrefix.Sa => quantities.Where(q => q.CanonicalValue > number),
            SearchPrefix.Lt or SearchPrefix.Eb => quantities.Where(q => q.CanonicalValue < number),
            SearchPrefix.Ge => quantities.Where(q => q.CanonicalValue >= number),
            SearchPrefix.Le => quantities.Where(q => q.CanonicalValue <= number),
            SearchPrefix.Ap => quantities.Where(q => q.CanonicalValue >= NumberRange.Approximately(number).Low && q.CanonicalValue <= NumberRange.Approximately(number).High),
            _ => quantities.Where(q => q.CanonicalValue >= low && q.CanonicalValue < high),
        };
}
