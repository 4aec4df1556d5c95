using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using static FhirAi.Clinical.Tests.Labs.LabFixtures;

namespace FhirAi.Clinical.Tests.Labs;

/// <summary>
/// The default intervals that were re-checked against a readable source (docs/lab-knowledge.md, "Reference intervals"):
/// flags at and just beyond each published limit, the citation that reaches the output, and the tests whose default was
/// removed because no readable source confirmed it.
/// </summary>
[TestClass]
public sealed class VerifiedIntervalTests
{
    [TestMethod]
    [DataRow("2028-9", 22.9, "mmol/L", "L")]
    [DataRow("2028-9", 23.0, "mmol/L", "N")]
    [DataRow("2028-9", 29.0, "mmol/L", "N")]
    [DataRow("2028-9", 29.1, "mmol/L", "H")]
    [DataRow("19123-9", 1.69, "mg/dL", "L")]
    [DataRow("19123-9", 1.7, "mg/dL", "N")]
    [DataRow("19123-9", 2.2, "mg/dL", "N")]
    [DataRow("19123-9", 2.21, "mg/dL", "H")]
    [DataRow("17861-6", 8.1, "mg/dL", "L")]
    [DataRow("17861-6", 8.2, "mg/dL", "N")]
    [DataRow("17861-6", 10.2, "mg/dL", "N")]
    [DataRow("17861-6", 10.3, "mg/dL", "H")]
    [DataRow("4548-4", 3.5, "%", "N")]
    [DataRow("4548-4", 5.6, "%", "N")]
    [DataRow("4548-4", 5.7, "%", "H")]
    [DataRow("5902-2", 9.9, "s", "L")]
    [DataRow("5902-2", 10.0, "s", "N")]
    [DataRow("5902-2", 14.0, "s", "N")]
    [DataRow("5902-2", 14.1, "s", "H")]
    [DataRow("6301-6", 0.7, "{INR}", "N")]
    [DataRow("6301-6", 1.1, "{INR}", "N")]
    [DataRow("6301-6", 1.2, "{INR}", "H")]
    [DataRow("3016-3", 0.39, "m[IU]/L", "L")]
    [DataRow("3016-3", 0.4, "m[IU]/L", "N")]
    [DataRow("3016-3", 4.0, "m[IU]/L", "N")]
    [DataRow("3016-3", 4.01, "m[IU]/L", "H")]
    [DataRow("3024-7", 8.9, "pmol/L", "L")]
    [DataRow("3024-7", 9.0, "pmol/L", "N")]
    [DataRow("3024-7", 25.0, "pmol/L", "N")]
    [DataRow("3024-7", 25.1, "pmol/L", "H")]
    [DataRow("3024-7", 0.69, "ng/dL", "L")]
    [DataRow("3024-7", 1.95, "ng/dL", "H")]
    public void Flags_at_the_limits_of_the_verified_sources(string loinc, double value, string unit, string flag) =>
        Assert.AreEqual(flag, Interpreter.Interpret(Result(loinc, (decimal)value, unit), Male40, null).Flag, $"{loinc} {value}");

    [TestMethod]
    [DataRow("male", 0.69, "L")]
    [DataRow("male", 0.7, "N")]
    [DataRow("male", 1.3, "N")]
    [DataRow("male", 1.31, "H")]
    [DataRow("female", 0.59, "L")]
    [DataRow("female", 0.6, "N")]
    [DataRow("female", 1.1, "N")]
    [DataRow("female", 1.11, "H")]
    public void Creatinine_uses_the_MedlinePlus_interval_for_the_patients_sex(string sex, double value, string flag)
    {
        var patient = sex == "female" ? Female40 : Male40;

        Assert.AreEqual(flag, Interpreter.Interpret(Result("2160-0", (decimal)value, "mg/dL"), patient, null).Flag);
    }

    [TestMethod]
    [DataRow("2028-9", 25.0, "mmol/L", "003469")]
    [DataRow("2160-0", 1.0, "mg/dL", "003475")]
    [DataRow("19123-9", 2.0, "mg/dL", "003487")]
    [DataRow("17861-6", 9.5, "mg/dL", "Davis")]
    [DataRow("4548-4", 5.0, "%", "dc25-S002")]
    [DataRow("5902-2", 12.0, "s", "mayoclinic.org")]
    [DataRow("6301-6", 1.0, "{INR}", "mayoclinic.org")]
    [DataRow("3016-3", 2.0, "m[IU]/L", "btf-thyroid.org")]
    [DataRow("3024-7", 15.0, "pmol/L", "British Thyroid Foundation")]
    public void The_citation_of_the_source_read_reaches_the_result(string loinc, double value, string unit, string expected)
    {
        var r = Interpreter.Interpret(Result(loinc, (decimal)value, unit), Female40, null);

        Assert.AreEqual(RangeSource.KnowledgeBase, r.Range!.Source);
        var citation = r.Range.Citation!;
        StringAssert.Contains($"{citation.Text} {citation.Url}", expected);
        Assert.DoesNotContain("ABIM", citation.Text);
    }

    [TestMethod]
    [DataRow("1994-3", 1.0, "mmol/L")]
    [DataRow("1994-3", 1.40, "mmol/L")]
    [DataRow("14979-9", 45.0, "s")]
    public void Without_a_confirmed_default_the_status_is_no_reference_range(string loinc, double value, string unit)
    {
        var r = Interpreter.Interpret(Result(loinc, (decimal)value, unit), Male40, null);

        Assert.AreEqual(ResultStatus.NoReferenceRange, r.Status);
        Assert.IsNull(r.Flag);
    }

    [TestMethod]
    public void Without_a_default_the_observations_own_range_is_used()
    {
        var r = Interpreter.Interpret(Result("14979-9", 45m, "s") with { Range = new ObservedRange(25m, 37m, "s") }, Male40, null);

        Assert.AreEqual("H", r.Flag);
        Assert.AreEqual(RangeSource.Observation, r.Range!.Source);
    }

    [TestMethod]
    public void Ionised_calcium_keeps_its_Kost_critical_limits_without_a_default_interval()
    {
        Assert.AreEqual("LL", Interpreter.Interpret(Result("1994-3", 0.80m, "mmol/L"), Male40, null).Flag);
        Assert.AreEqual("HH", Interpreter.Interpret(Result("1994-3", 1.60m, "mmol/L"), Male40, null).Flag);
    }
}
