using FhirAi.Clinical.Common;
using FhirAi.Clinical.Renal;
using FhirAi.Tests.Shared;

namespace FhirAi.Clinical.Tests.Renal;

[TestClass]
public sealed class CkdEpi2021CreatinineTests
{
    public static IEnumerable<object[]> Published => PublishedWorkedExamples.CkdEpi2021Creatinine;

    // Rows: MedCalc-Bench calculator 3 worked example and the kidney.org calculator (see PublishedWorkedExamples).
    [TestMethod]
    [DynamicData(nameof(Published))]
    public void Matches_published_worked_examples(string sex, double age, double creatinine, double expected, double tolerance)
    {
        var egfr = CkdEpi2021Creatinine.Egfr(creatinine, age, sex == "female" ? AdministrativeSex.Female : AdministrativeSex.Male);

        Assert.IsNotNull(egfr);
        Assert.AreEqual(expected, egfr.Value, tolerance);
    }

    [TestMethod]
    public void Female_at_kappa_uses_only_the_age_and_sex_terms()
    {
        // Scr = κ makes both min/max terms 1: 142 × 0.9938^50 × 1.012.
        var egfr = CkdEpi2021Creatinine.Egfr(0.7, 50, AdministrativeSex.Female);

        Assert.AreEqual(142.0 * Math.Pow(0.9938, 50) * 1.012, egfr!.Value, 1e-9);
    }

    [TestMethod]
    [DataRow(1.0, 17.0, AdministrativeSex.Male)]
    [DataRow(0.0, 40.0, AdministrativeSex.Male)]
    [DataRow(1.0, 40.0, AdministrativeSex.Unknown)]
    [DataRow(1.0, 40.0, AdministrativeSex.Other)]
    public void Outside_the_equations_population_gives_no_value(double creatinine, double age, AdministrativeSex sex) =>
        Assert.IsNull(CkdEpi2021Creatinine.Egfr(creatinine, age, sex));
}
