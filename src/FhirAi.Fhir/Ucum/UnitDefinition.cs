namespace FhirAi.Fhir.Ucum;

/// <summary>A factor and base-dimension exponents; multiplied and raised while a unit expression is reduced.</summary>
internal sealed record UnitDefinition(double Factor, IReadOnlyDictionary<string, int> Dimensions)
{
    public static readonly UnitDefinition One = new(1, new Dictionary<string, int>(StringComparer.Ordinal));

    public UnitDefinition Times(UnitDefinition other) => Combine(other, 1);

    public UnitDefinition Per(UnitDefinition other) => Combine(other, -1);

    public UnitDefinition Scaled(double factor) => this with { Factor = Factor * factor };

    public UnitDefinition Power(int exponent) =>
        new(Math.Pow(Factor, exponent), Dimensions.ToDictionary(d => d.Key, d => d.Value * exponent, StringComparer.Ordinal));

    /// <summary>Dimensions in ordinal order with their exponents, dot-separated: <c>g.m-3</c>; <c>1</c> when dimensionless.</summary>
    public string CanonicalName()
    {
        var parts = Dimensions.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => d.Value == 1 ? d.Key : d.Key + d.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return parts.Count == 0 ? "1" : string.Join('.', parts);
    }

    private UnitDefinition Combine(UnitDefinition other, int sign)
    {
        var dimensions = new Dictionary<string, int>(Dimensions, StringComparer.Ordinal);
        foreach (var (dimension, exponent) in other.Dimensions)
        {
            dimensions[dimension] = dimensions.GetValueOrDefault(dimension) + (sign * exponent);
        }

        return new UnitDefinition(sign > 0 ? Factor * other.Factor : Factor / other.Factor, dimensions);
    }
}
