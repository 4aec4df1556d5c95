using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using static FhirAi.Clinical.Tests.Labs.LabFixtures;

namespace FhirAi.Clinical.Tests.Labs;

[TestClass]
public sealed class LabInterpreterResultTests
{
    [TestMethod]
    public void Potassium_6_8_is_critically_high_against_the_Kost_limit()
    {
        var r = Interpreter.Interpret(Result("2823-3", 6.8m, "mmol/L"), Male40, null);

        Assert.AreEqual(ResultStatus.Interpreted, r.Status);
        Assert.AreEqual("HH", r.Flag);
        Assert.AreEqual(6.8m, r.Value);
        Assert.AreEqual(RangeSource.KnowledgeBase, r.Range!.Source);
        StringAssert.Contains(r.Summary.English, "critically high");
        StringAssert.Contains(r.Summary.SimplifiedChinese, "危急偏高");
    }

    [TestMethod]
    [DataRow(2.7, "LL")]
    [DataRow(2.8, "LL")]
    [DataRow(2.9, "L")]
    [DataRow(3.49, "L")]
    [DataRow(3.5, "N")]
    [DataRow(5.0, "N")]
    [DataRow(5.01, "H")]
    [DataRow(6.19, "H")]
    [DataRow(6.2, "HH")]
    [DataRow(6.8, "HH")]
    public void Potassium_flags_at_and_around_every_limit(double value, string flag) =>
        Assert.AreEqual(flag, Interpreter.Interpret(Result("2823-3", (decimal)value, "mmol/L"), Male40, null).Flag);

    [TestMethod]
    public void The_observations_own_range_wins_over_the_knowledge_base()
    {
        var result = Result("2823-3", 5.2m, "mmol/L") with { Range = new ObservedRange(3.6m, 5.3m, "mmol/L") };

        var r = Interpreter.Interpret(result, Male40, null);

        Assert.AreEqual("N", r.Flag);
        Assert.AreEqual(RangeSource.Observation, r.Range!.Source);
        Assert.AreEqual(5.3m, r.Range.High);
        StringAssert.Contains(r.Summary.English, "the lab's own range");
    }

    [TestMethod]
    public void The_observations_range_in_another_unit_is_converted_before_use()
    {
        // Creatinine 1.2 mg/dL against a lab range of 45-90 umol/L (= 0.509-1.018 mg/dL) is high.
        var result = Result("2160-0", 1.2m, "mg/dL") with { Range = new ObservedRange(45m, 90m, "umol/L") };

        var r = Interpreter.Interpret(result, Female40, null);

        Assert.AreEqual("H", r.Flag);
        Assert.AreEqual(90m * 0.011312m, r.Range!.High);
    }

    [TestMethod]
    public void Critical_limits_apply_even_when_the_lab_range_is_used()
    {
        var result = Result("2823-3", 6.3m, "mmol/L") with { Range = new ObservedRange(3.5m, 7.0m, null) };

        Assert.AreEqual("HH", Interpreter.Interpret(result, Male40, null).Flag);
    }

    [TestMethod]
    public void Sex_specific_intervals_follow_the_patient()
    {
        var hb = Result("718-7", 13.0m, "g/dL");

        Assert.AreEqual("N", Interpreter.Interpret(hb, Female40, null).Flag);
        Assert.AreEqual("L", Interpreter.Interpret(hb, Male40, null).Flag);
    }

    [TestMethod]
    public void Unknown_sex_uses_the_widest_envelope_of_the_sex_specific_intervals()
    {
        var unknown = new PatientFacts(AdministrativeSex.Unknown, 40);

        var r = Interpreter.Interpret(Result("718-7", 13.0m, "g/dL"), unknown, null);

        Assert.AreEqual("N", r.Flag);
        Assert.AreEqual(12.0m, r.Range!.Low);
        Assert.AreEqual(17.0m, r.Range.High);
    }

    [TestMethod]
    public void Values_are_normalised_to_the_canonical_unit()
    {
        var r = Interpreter.Interpret(Result("2345-7", 5.0m, "mmol/L"), Male40, null);

        Assert.AreEqual("mg/dL", r.CanonicalUnit);
        Assert.AreEqual(5.0m * 18.016m, r.Value);
        Assert.AreEqual("N", r.Flag);
    }

    [TestMethod]
    public void A_lower_case_spelling_of_a_known_unit_is_accepted()
    {
        var r = Interpreter.Interpret(Result("2345-7", 100m, "mg/dl"), Male40, null);

        Assert.AreEqual(ResultStatus.Interpreted, r.Status);
        Assert.AreEqual("H", r.Flag);
    }

    [TestMethod]
    public void Missing_value_unknown_unit_unknown_test_and_text_values_get_a_status_not_a_guess()
    {
        Assert.AreEqual(ResultStatus.MissingValue, Interpreter.Interpret(Result("2823-3", null, "mmol/L"), Male40, null).Status);
        Assert.AreEqual(ResultStatus.UnknownUnit, Interpreter.Interpret(Result("2823-3", 4.0m, "mg/dL"), Male40, null).Status);
        Assert.AreEqual(ResultStatus.UnknownUnit, Interpreter.Interpret(Result("2823-3", 4.0m, null), Male40, null).Status);
        Assert.AreEqual(ResultStatus.UnknownTest, Interpreter.Interpret(Result("6206-7", 0.2m, "kU/L"), Male40, null).Status);
        Assert.AreEqual(ResultStatus.UnknownTest, Interpreter.Interpret(Result("2823-3", 4m, "mmol/L") with { Loinc = null }, Male40, null).Status);
        var text = Result("2823-3", null, null) with { ValueText = "haemolysed" };
        var r = Interpreter.Interpret(text, Male40, null);
        Assert.AreEqual(ResultStatus.NonNumeric, r.Status);
        Assert.IsNull(r.Flag);
        StringAssert.Contains(r.Summary.English, "haemolysed");
    }

    [TestMethod]
    public void A_known_test_without_any_range_says_so()
    {
        var r = Interpreter.Interpret(Result("21000-5", 46.4m, "fL"), Male40, null);

        Assert.AreEqual(ResultStatus.NoReferenceRange, r.Status);
        Assert.IsNull(r.Flag);
        Assert.AreEqual(46.4m, r.Value);
    }

    [TestMethod]
    public void A_missing_unit_is_accepted_only_for_dimensionless_tests()
    {
        Assert.AreEqual("H", Interpreter.Interpret(Result("6301-6", 2.5m, null), Male40, null).Flag);
    }

    [TestMethod]
    public void Delta_against_the_previous_result_is_converted_and_judged_by_the_reference_change_value()
    {
        // Creatinine RCV 14.5%: 1.0 mg/dL before (as 88.4 umol/L), 1.2 mg/dL now: +20% -> significant, up.
        var previous = Result("2160-0", 88.4m, "umol/L", "Observation/old") with { Effective = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var r = Interpreter.Interpret(Result("2160-0", 1.2m, "mg/dL"), Male40, previous);

        Assert.IsNotNull(r.Delta);
        Assert.AreEqual("Observation/old", r.Delta.PreviousReference);
        Assert.AreEqual(88.4m * 0.011312m, r.Delta.PreviousValue);
        Assert.AreEqual(DeltaDirection.Up, r.Delta.Direction);
        Assert.IsTrue(r.Delta.Significant);
        Assert.AreEqual(20.0, (double)r.Delta.PercentChange!.Value, 0.05);
    }

    [TestMethod]
    [DataRow(1.14, false)]
    [DataRow(1.145, true)]
    [DataRow(0.855, true)]
    [DataRow(0.86, false)]
    public void Delta_significance_is_at_or_beyond_the_threshold(double now, bool significant)
    {
        var r = Interpreter.Interpret(Result("2160-0", (decimal)now, "mg/dL"), Male40, Result("2160-0", 1.0m, "mg/dL", "Observation/old"));

        Assert.AreEqual(significant, r.Delta!.Significant);
    }

    [TestMethod]
    public void Delta_without_a_threshold_is_reported_but_never_significant()
    {
        var r = Interpreter.Interpret(Result("2093-3", 260m, "mg/dL"), Male40, Result("2093-3", 180m, "mg/dL", "Observation/old"));

        Assert.IsNull(r.Delta!.Threshold);
        Assert.IsFalse(r.Delta.Significant);
        Assert.AreEqual(80m, r.Delta.Change);
        StringAssert.Contains(r.Summary.English, "no significance threshold");
    }

    [TestMethod]
    public void Previous_result_of_another_test_or_in_an_unknown_unit_gives_no_delta()
    {
        Assert.IsNull(Interpreter.Interpret(Result("2160-0", 1.0m, "mg/dL"), Male40, Result("2823-3", 4m, "mmol/L")).Delta);
        Assert.IsNull(Interpreter.Interpret(Result("2160-0", 1.0m, "mg/dL"), Male40, Result("2160-0", 1m, "g/L")).Delta);
    }

    [TestMethod]
    public void Alternative_loinc_codes_of_an_analyte_share_the_entry()
    {
        Assert.AreSame(Interpreter.Interpret(Result("6298-4", 4m, "mmol/L"), Male40, null).Test, Test("potassium"));
        Assert.AreSame(Knowledge.Find("38483-4"), Test("creatinine"));
    }

    [TestMethod]
    public void Coded_results_are_flagged_by_their_code()
    {
        var detected = Result("94500-6", null, null) with { CodedValue = new CodedConcept("http://snomed.info/sct", "260373001", "Detected") };
        var notDetected = detected with { CodedValue = new CodedConcept("http://snomed.info/sct", "260415000") };
        var odd = detected with { CodedValue = new CodedConcept("http://snomed.info/sct", "999") };

        Assert.AreEqual("A", Interpreter.Interpret(detected, Male40, null).Flag);
        Assert.AreEqual("N", Interpreter.Interpret(notDetected, Male40, null).Flag);
        var unknown = Interpreter.Interpret(odd, Male40, null);
        Assert.AreEqual(ResultStatus.NonNumeric, unknown.Status);
        Assert.IsNull(unknown.Flag);
    }
}
