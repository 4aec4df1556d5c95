namespace FhirAi.Fhir.Ucum;

/// <summary>
/// The UCUM prefixes and the unit atoms clinical data uses, each defined by a factor over base dimensions
/// (The Unified Code for Units of Measure, Regenstrief Institute, version 2.1, §§ 10–45: base units m, s, g,
/// rad, K, C, cd; prefixes table 1; derived and customary units tables 3–20).
/// One deliberate deviation: <c>mol</c> (and <c>eq</c>, <c>osm</c>) is kept as its own dimension rather than
/// Avogadro's number times unity, so amounts of substance never compare with plain counts.
/// Special units with offsets or logarithms (Cel, [degF], [pH]) are not listed: they do not convert by a factor.
/// Arbitrary units ([IU], [arb'U], U/mL of a given assay, …) are their own dimension: they scale by prefix only.
/// </summary>
internal static class UcumAtoms
{
    public static readonly IReadOnlyDictionary<string, double> Prefixes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["Y"] = 1e24, ["Z"] = 1e21, ["E"] = 1e18, ["P"] = 1e15, ["T"] = 1e12, ["G"] = 1e9, ["M"] = 1e6, ["k"] = 1e3,
        ["h"] = 1e2, ["da"] = 1e1, ["d"] = 1e-1, ["c"] = 1e-2, ["m"] = 1e-3, ["u"] = 1e-6, ["n"] = 1e-9, ["p"] = 1e-12,
        ["f"] = 1e-15, ["a"] = 1e-18, ["z"] = 1e-21, ["y"] = 1e-24,
    };

    /// <summary>Atoms that take no prefix per UCUM (customary units, bracketed units, time beyond the second, %).</summary>
    public static readonly IReadOnlySet<string> Unprefixable = new HashSet<string>(StringComparer.Ordinal)
    {
        "min", "h", "d", "wk", "mo", "a", "%", "[ppth]", "[ppm]", "[ppb]", "[lb_av]", "[oz_av]", "[in_i]", "[ft_i]",
        "10*", "10^", "[HPF]", "[LPF]",
    };

    public static readonly IReadOnlyDictionary<string, UnitDefinition> Units = Build();

    private static Dictionary<string, UnitDefinition> Build()
    {
        var units = new Dictionary<string, UnitDefinition>(StringComparer.Ordinal);
        void Base(string atom) => units[atom] = new UnitDefinition(1, new Dictionary<string, int> { [atom] = 1 });
        void Define(string atom, double factor, params (string Dimension, int Exponent)[] dimensions) =>
            units[atom] = new UnitDefinition(factor, dimensions.ToDictionary(d => d.Dimension, d => d.Exponent, StringComparer.Ordinal));

        foreach (var atom in new[] { "m", "s", "g", "rad", "K", "C", "cd", "mol" })
        {
            Base(atom);
        }

        foreach (var arbitrary in new[] { "[IU]", "[iU]", "[arb'U]", "U", "[HPF]", "[LPF]" })
        {
            // U (enzyme unit) is 1 µmol/min by definition, but lab data uses it as an assay-specific activity; keep it apart.
            Define(arbitrary, 1, (arbitrary == "[iU]" ? "[IU]" : arbitrary, 1));
        }

        Define("L", 1e-3, ("m", 3));
        Define("l", 1e-3, ("m", 3));
        Define("eq", 1, ("mol", 1));
        Define("osm", 1, ("mol", 1));
        Define("kat", 1, ("mol", 1), ("s", -1));
        Define("Hz", 1, ("s", -1));
        Define("N", 1e3, ("g", 1), ("m", 1), ("s", -2));
        Define("Pa", 1e3, ("g", 1), ("m", -1), ("s", -2));
        Define("bar", 1e8, ("g", 1), ("m", -1), ("s", -2));
        Define("J", 1e3, ("g", 1), ("m", 2), ("s", -2));
        Define("cal", 4.184e3, ("g", 1), ("m", 2), ("s", -2));
        Define("W", 1e3, ("g", 1), ("m", 2), ("s", -3));
        Define("A", 1, ("C", 1), ("s", -1));
        Define("V", 1e3, ("g", 1), ("m", 2), ("s", -2), ("C", -1));
        Define("m[Hg]", 133.322e6, ("g", 1), ("m", -1), ("s", -2));
        Define("m[H2O]", 9.80665e6, ("g", 1), ("m", -1), ("s", -2));
        Define("min", 60, ("s", 1));
        Define("h", 3600, ("s", 1));
        Define("d", 86400, ("s", 1));
        Define("wk", 604800, ("s", 1));
        Define("a", 31557600, ("s", 1));          // Julian year, 365.25 d
        Define("mo", 31557600 / 12.0, ("s", 1));  // mean Julian month
        Define("%", 1e-2);
        Define("[ppth]", 1e-3);
        Define("[ppm]", 1e-6);
        Define("[ppb]", 1e-9);
        Define("10*", 10);
        Define("10^", 10);
        Define("[lb_av]", 453.59237, ("g", 1));
        Define("[oz_av]", 453.59237 / 16, ("g", 1));
        Define("[in_i]", 0.0254, ("m", 1));
        Define("[ft_i]", 0.3048, ("m", 1));
        return units;
    }
}
