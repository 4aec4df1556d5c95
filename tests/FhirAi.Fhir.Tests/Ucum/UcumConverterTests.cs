using FhirAi.Fhir.Ucum;

namespace FhirAi.Fhir.Tests.Ucum;

[TestClass]
public sealed class UcumConverterTests
{
    // Expected factors worked by hand from the UCUM definitions (L = dm3, prefixes as powers of ten, h = 3600 s,
    // mm[Hg] = 133.322 Pa); the canonical names are base dimensions in ordinal order.
    [TestMethod]
    [DataRow("mg/dL", 10.0, "g.m-3")]
    [DataRow("g/L", 1000.0, "g.m-3")]
    [DataRow("g/dL", 10000.0, "g.m-3")]
    [DataRow("mmol/L", 1.0, "m-3.mol")]
    [DataRow("umol/L", 1e-3, "m-3.mol")]
    [DataRow("10*9/L", 1e12, "m-3")]
    [DataRow("10*3/uL", 1e12, "m-3")]
    [DataRow("fL", 1e-18, "m3")]
    [DataRow("pg", 1e-12, "g")]
    [DataRow("kg", 1000.0, "g")]
    [DataRow("mm[Hg]", 133322.0, "g.m-1.s-2")]
    [DataRow("kPa", 1e6, "g.m-1.s-2")]
    [DataRow("mL/min/{1.73_m2}", 1e-6 / 60, "m3.s-1")]
    [DataRow("mmol/(24.h)", 1e-3 / 86400, "mol.s-1")]
    [DataRow("/min", 1.0 / 60, "s-1")]
    [DataRow("s-1", 1.0, "s-1")]
    [DataRow("m2", 1.0, "m2")]
    [DataRow("%", 0.01, "1")]
    [DataRow("{score}", 1.0, "1")]
    [DataRow("mg{creat}", 1e-3, "g")]
    [DataRow("mmol/mol", 1e-3, "1")]
    [DataRow("m[IU]/L", 1.0, "[IU].m-3")]
    [DataRow("[iU]/L", 1000.0, "[IU].m-3")]
    [DataRow("U/L", 1000.0, "U.m-3")]
    [DataRow("[lb_av]", 453.59237, "g")]
    [DataRow("cd", 1.0, "cd")]
    [DataRow("h", 3600.0, "s")]
    [DataRow("a", 31557600.0, "s")]
    [DataRow("µg/L", 1e-3, "g.m-3")]
    public void Reduces_units_to_factor_and_base_dimensions(string unit, double factor, string canonical)
    {
        Assert.IsTrue(UcumConverter.TryCanonicalize(unit, out var quantity), unit);
        Assert.AreEqual(canonical, quantity.Canonical, unit);
        Assert.AreEqual(factor, quantity.Factor, Math.Abs(factor) * 1e-12, unit);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(null)]
    [DataRow("mg/")]
    [DataRow("(mg")]
    [DataRow("mg)")]
    [DataRow("Cel")]
    [DataRow("[degF]")]
    [DataRow("bananas")]
    [DataRow("kmin")]
    [DataRow("mg dL")]
    [DataRow("{unclosed")]
    [DataRow("m[Hg")]
    [DataRow("0")]
    [DataRow("m99")]
    public void Refuses_what_it_cannot_convert(string? unit) => Assert.IsFalse(UcumConverter.TryCanonicalize(unit, out _), unit);

    [TestMethod]
    public void Refuses_deeply_nested_expressions() =>
        Assert.IsFalse(UcumConverter.TryCanonicalize(new string('(', 20) + "g" + new string(')', 20), out _));

    [TestMethod]
    public void Equal_quantities_in_different_units_meet_on_one_canonical_value()
    {
        Assert.IsTrue(UcumConverter.TryConvertToCanonical(100m, "mg/dL", out var fromMgDl, out var unitA));
        Assert.IsTrue(UcumConverter.TryConvertToCanonical(1m, "g/L", out var fromGl, out var unitB));

        Assert.AreEqual(unitA, unitB);
        Assert.AreEqual(fromMgDl, fromGl);
    }
}
