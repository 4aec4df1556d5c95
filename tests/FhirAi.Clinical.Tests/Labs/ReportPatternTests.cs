using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using static FhirAi.Clinical.Tests.Labs.LabFixtures;

namespace FhirAi.Clinical.Tests.Labs;

[TestClass]
public sealed class ReportPatternTests
{
    private static ReportInterpretation Run(PatientFacts patient, params LabResult[] results) =>
        Interpreter.InterpretReport(new ReportInput { Results = results, Patient = patient });

    private static ReportInterpretation RunWithRecord(PatientFacts patient, LabResult[] results, params LabResult[] record) =>
        Interpreter.InterpretReport(new ReportInput { Results = results, Patient = patient, RecordResults = record });

    private static PatternFinding? Rule(ReportInterpretation report, string ruleId) => report.Findings.SingleOrDefault(f => f.RuleId == ruleId);

    [TestMethod]
    public void Potassium_6_8_is_flagged_HH_and_its_critical_finding_comes_first()
    {
        var report = Run(Male40,
            Result("2093-3", 250m, "mg/dL"),
            Result("13457-7", 195m, "mg/dL"),
            Result("2951-2", 140m, "mmol/L"),
            Result("2823-3", 6.8m, "mmol/L", "Observation/k"));

        Assert.AreEqual("HH", report.Results.Single(r => r.Result.Reference == "Observation/k").Flag);
        var first = report.Findings[0];
        Assert.AreEqual("electrolyte-emergency", first.RuleId);
        Assert.AreEqual(FindingSeverity.Critical, first.Severity);
        Assert.AreEqual("14140009", first.Code!.Code);
        CollectionAssert.AreEqual(new[] { "Observation/k" }, first.Evidence.ToArray());
        StringAssert.Contains(first.ClinicianText.English, "potassium", StringComparison.OrdinalIgnoreCase);
        StringAssert.Contains(first.Citation.Text, "Kost");
        StringAssert.Contains(first.ClinicianText.English, "(HH; critical limit ≥ 6.2 mmol/L)");
        Assert.IsNotNull(Rule(report, "dyslipidaemia-atp3"));
        Assert.AreEqual(report.Findings.OrderByDescending(f => f.Severity).Select(f => f.RuleId).ToArray().Length, report.Findings.Count);
        CollectionAssert.AreEqual(report.Findings.OrderByDescending(f => f.Severity).ToArray(), report.Findings.ToArray());
        Assert.AreEqual(Knowledge.Version, report.KnowledgeBaseVersion);
    }

    [TestMethod]
    [DataRow("2951-2", 120.0, "mmol/L", "LL")]
    [DataRow("2951-2", 121.0, "mmol/L", null)]
    [DataRow("2951-2", 157.9, "mmol/L", null)]
    [DataRow("2951-2", 158.0, "mmol/L", "HH")]
    [DataRow("17861-6", 6.6, "mg/dL", "LL")]
    [DataRow("17861-6", 6.7, "mg/dL", null)]
    [DataRow("17861-6", 12.9, "mg/dL", "HH")]
    [DataRow("17861-6", 3.3, "mmol/L", "HH")]
    [DataRow("1994-3", 0.82, "mmol/L", "LL")]
    [DataRow("1994-3", 1.55, "mmol/L", "HH")]
    [DataRow("2345-7", 46.0, "mg/dL", "LL")]
    [DataRow("2345-7", 47.0, "mg/dL", null)]
    [DataRow("2345-7", 483.0, "mg/dL", null)]
    [DataRow("2345-7", 484.0, "mg/dL", "HH")]
    [DataRow("2339-0", 2.5, "mmol/L", "LL")]
    [DataRow("1558-6", 27.0, "mmol/L", "HH")]
    public void Electrolyte_and_glucose_emergencies_at_the_Kost_limits(string loinc, double value, string unit, string? flag)
    {
        var report = Run(Male40, Result(loinc, (decimal)value, unit));

        var f = Rule(report, "electrolyte-emergency");
        Assert.AreEqual(flag is not null, f is not null);
        if (flag is not null)
        {
            Assert.AreEqual(flag, report.Results[0].Flag);
            Assert.AreEqual(FindingSeverity.Critical, f!.Severity);
            StringAssert.Contains(f.ClinicianText.English, flag == "HH" ? "critically high" : "critically low");
            StringAssert.Contains(f.ClinicianText.SimplifiedChinese, flag == "HH" ? "危急偏高" : "危急偏低");
        }
    }

    [TestMethod]
    public void Several_critical_results_each_get_a_finding_before_any_warning()
    {
        var report = Run(Female40, Result("718-7", 6.0m, "g/dL"), Result("787-2", 70m, "fL"), Result("2823-3", 2.6m, "mmol/L"), Result("2951-2", 118m, "mmol/L"));

        CollectionAssert.AreEqual(
            new[] { FindingSeverity.Critical, FindingSeverity.Critical, FindingSeverity.Critical, FindingSeverity.Warning },
            report.Findings.Select(f => f.Severity).ToArray());
        Assert.AreEqual("anaemia-mcv", report.Findings[^1].RuleId);
    }

    [TestMethod]
    public void Critical_results_other_than_electrolytes_are_critical_value_findings()
    {
        var report = Run(Male40, Result("777-3", 20m, "10*3/uL"));

        var f = Rule(report, "critical-value")!;
        Assert.AreEqual(FindingSeverity.Critical, f.Severity);
        Assert.IsNull(f.Code);
    }

    [TestMethod]
    public void Woman_with_Hb_9_and_MCV_72_gets_microcytic_anaemia()
    {
        var report = Run(Female40, Result("718-7", 9.0m, "g/dL", "Observation/hb"), Result("787-2", 72m, "fL", "Observation/mcv"));

        var f = Rule(report, "anaemia-mcv")!;
        Assert.AreEqual(FindingSeverity.Warning, f.Severity);
        Assert.AreEqual("271737000", f.Code!.Code);
        StringAssert.Contains(f.ClinicianText.English, "microcytic anaemia");
        StringAssert.Contains(f.ClinicianText.SimplifiedChinese, "小细胞性贫血");
        CollectionAssert.AreEquivalent(new[] { "Observation/hb", "Observation/mcv" }, f.Evidence.ToArray());
        StringAssert.Contains(f.Citation.Text, "World Health Organization");
    }

    [TestMethod]
    [DataRow(4.4, "iron deficiency rather than")]
    [DataRow(6.0, "thalassaemia trait rather than")]
    public void Mentzer_index_separates_iron_deficiency_from_thalassaemia_trait(double rbc, string expected)
    {
        var report = Run(Female40, Result("718-7", 9.0m, "g/dL"), Result("787-2", 72m, "fL"), Result("789-8", (decimal)rbc, "10*6/uL"));

        StringAssert.Contains(Rule(report, "anaemia-mcv")!.ClinicianText.English, expected);
        StringAssert.Contains(Rule(report, "anaemia-mcv")!.Citation.Text, "Mentzer");
    }

    [TestMethod]
    public void Mentzer_index_of_exactly_13_does_not_separate_the_two()
    {
        var report = Run(Female40, Result("718-7", 9.0m, "g/dL"), Result("787-2", 78m, "fL"), Result("789-8", 6.0m, "10*6/uL"));

        StringAssert.Contains(Rule(report, "anaemia-mcv")!.ClinicianText.English, "does not separate");
    }

    [TestMethod]
    [DataRow("female", 11.9, true)]
    [DataRow("female", 12.0, false)]
    [DataRow("male", 12.9, true)]
    [DataRow("male", 13.0, false)]
    public void Anaemia_uses_the_WHO_cut_offs_by_sex(string sex, double hb, bool fires)
    {
        var patient = sex == "male" ? Male40 : Female40;

        Assert.AreEqual(fires, Rule(Run(patient, Result("718-7", (decimal)hb, "g/dL")), "anaemia-mcv") is not null);
    }

    [TestMethod]
    [DataRow(79.9, "microcytic")]
    [DataRow(80.0, "normocytic")]
    [DataRow(100.0, "normocytic")]
    [DataRow(100.1, "macrocytic")]
    public void Anaemia_is_classified_by_MCV_at_its_boundaries(double mcv, string expected) =>
        StringAssert.Contains(Rule(Run(Female40, Result("718-7", 10m, "g/dL"), Result("787-2", (decimal)mcv, "fL")), "anaemia-mcv")!.ClinicianText.English, expected);

    [TestMethod]
    public void Anaemia_rule_does_not_apply_under_15_years()
    {
        Assert.IsNull(Rule(Run(new PatientFacts(AdministrativeSex.Female, 14), Result("718-7", 9m, "g/dL")), "anaemia-mcv"));
    }

    [TestMethod]
    [DataRow(90.0, "G1")]
    [DataRow(89.9, "G2")]
    [DataRow(60.0, "G2")]
    [DataRow(59.9, "G3a")]
    [DataRow(45.0, "G3a")]
    [DataRow(44.9, "G3b")]
    [DataRow(30.0, "G3b")]
    [DataRow(29.9, "G4")]
    [DataRow(15.0, "G4")]
    [DataRow(14.9, "G5")]
    public void KDIGO_GFR_categories(double egfr, string category) => Assert.AreEqual(category, KidneyRule.GCategory((decimal)egfr));

    [TestMethod]
    [DataRow(29.9, "A1")]
    [DataRow(30.0, "A2")]
    [DataRow(300.0, "A2")]
    [DataRow(300.1, "A3")]
    public void KDIGO_albuminuria_categories(double acr, string category) => Assert.AreEqual(category, KidneyRule.ACategory((decimal)acr));

    [TestMethod]
    [DataRow("G2", "A1", "low")]
    [DataRow("G3a", "A1", "moderately increased")]
    [DataRow("G2", "A2", "moderately increased")]
    [DataRow("G3b", "A1", "high")]
    [DataRow("G3a", "A2", "high")]
    [DataRow("G3a", "A3", "very high")]
    [DataRow("G4", "A1", "very high")]
    public void KDIGO_heat_map(string g, string a, string risk) => StringAssert.StartsWith(KidneyRule.Risk(g, a)!.English, risk);

    [TestMethod]
    public void Reported_eGFR_in_G3a_fires_without_a_conclusion_code()
    {
        var f = Rule(Run(Male40, Result("33914-3", 52m, "mL/min/{1.73_m2}", "Observation/egfr")), "ckd-kdigo")!;

        Assert.AreEqual(FindingSeverity.Info, f.Severity);
        Assert.IsNull(f.Code);
        StringAssert.Contains(f.ClinicianText.English, "G3a");
        StringAssert.Contains(f.ClinicianText.English, "more than 3 months");
        CollectionAssert.AreEqual(new[] { "Observation/egfr" }, f.Evidence.ToArray());
    }

    [TestMethod]
    public void Without_eGFR_it_is_computed_with_CKD_EPI_2021_from_creatinine_and_says_so()
    {
        // Female 60, creatinine 1.3 mg/dL: 142 x (1.3/0.7)^-1.2 x 0.9938^60 x 1.012 = 47.1 -> G3a.
        var patient = new PatientFacts(AdministrativeSex.Female, 60);

        var f = Rule(Run(patient, Result("2160-0", 1.3m, "mg/dL", "Observation/cr")), "ckd-kdigo")!;

        var expected = FhirAi.Clinical.Renal.CkdEpi2021Creatinine.Egfr(1.3, 60, AdministrativeSex.Female)!.Value;
        Assert.AreEqual(47.1, expected, 0.05);
        StringAssert.Contains(f.ClinicianText.English, "computed with CKD-EPI 2021");
        StringAssert.Contains(f.ClinicianText.English, "G3a");
        CollectionAssert.AreEqual(new[] { "Observation/cr" }, f.Evidence.ToArray());
        StringAssert.Contains(f.Citation.Text, "Inker");
    }

    [TestMethod]
    public void Urine_ACR_from_the_record_gives_the_A_category_and_is_not_flagged()
    {
        var report = RunWithRecord(Male40, [Result("98979-8", 70m, "mL/min/{1.73_m2}")], Result("14959-1", 45m, "mg/g", "Observation/acr-2024"));

        var f = Rule(report, "ckd-kdigo")!;
        StringAssert.Contains(f.ClinicianText.English, "A2");
        StringAssert.Contains(f.ClinicianText.English, "earlier result from the record");
        StringAssert.Contains(f.ClinicianText.English, "moderately increased");
        CollectionAssert.Contains(f.Evidence.ToArray(), "Observation/acr-2024");
        Assert.AreEqual(1, report.Results.Count);
    }

    [TestMethod]
    public void Normal_kidney_results_give_no_finding() =>
        Assert.IsNull(Rule(Run(Male40, Result("98979-8", 75m, "mL/min/{1.73_m2}"), Result("9318-7", 12m, "mg/g")), "ckd-kdigo"));

    [TestMethod]
    public void A_high_KDIGO_risk_is_a_warning_and_a_moderate_one_information()
    {
        Assert.AreEqual(FindingSeverity.Warning, Rule(Run(Male40, Result("98979-8", 50m, "mL/min/{1.73_m2}"), Result("9318-7", 45m, "mg/g")), "ckd-kdigo")!.Severity);
        Assert.AreEqual(FindingSeverity.Info, Rule(Run(Male40, Result("98979-8", 70m, "mL/min/{1.73_m2}"), Result("9318-7", 45m, "mg/g")), "ckd-kdigo")!.Severity);
    }

    [TestMethod]
    public void Severe_kidney_categories_are_warnings() =>
        Assert.AreEqual(FindingSeverity.Warning, Rule(Run(Male40, Result("98979-8", 25m, "mL/min/{1.73_m2}")), "ckd-kdigo")!.Severity);

    [TestMethod]
    [DataRow("4548-4", 6.5, "%", "diabetes")]
    [DataRow("4548-4", 6.4, "%", "prediabetes")]
    [DataRow("4548-4", 5.7, "%", "prediabetes")]
    [DataRow("4548-4", 5.6, "%", null)]
    [DataRow("1558-6", 126.0, "mg/dL", "diabetes")]
    [DataRow("1558-6", 125.9, "mg/dL", "prediabetes")]
    [DataRow("1558-6", 100.0, "mg/dL", "prediabetes")]
    [DataRow("1558-6", 99.9, "mg/dL", null)]
    [DataRow("1558-6", 7.0, "mmol/L", "diabetes")]
    [DataRow("1558-6", 6.9, "mmol/L", "prediabetes")]
    public void ADA_thresholds(string loinc, double value, string unit, string? expected)
    {
        var f = Rule(Run(Male40, Result(loinc, (decimal)value, unit)), "diabetes-ada");

        switch (expected)
        {
            case null:
                Assert.IsNull(f);
                break;
            case "diabetes":
                Assert.AreEqual(FindingSeverity.Warning, f!.Severity);
                StringAssert.Contains(f.ClinicianText.English, "threshold for diabetes");
                break;
            default:
                Assert.AreEqual(FindingSeverity.Info, f!.Severity);
                Assert.AreEqual("714628002", f.Code!.Code);
                break;
        }
    }

    [TestMethod]
    public void Random_glucose_does_not_count_for_the_ADA_rule() =>
        Assert.IsNull(Rule(Run(Male40, Result("2345-7", 150m, "mg/dL")), "diabetes-ada"));

    [TestMethod]
    public void A_second_diabetic_result_from_the_record_confirms()
    {
        var single = Rule(Run(Male40, Result("4548-4", 6.8m, "%")), "diabetes-ada")!;
        var confirmed = Rule(RunWithRecord(Male40, [Result("4548-4", 6.8m, "%", "Observation/a1c")], Result("1558-6", 130m, "mg/dL", "Observation/fpg-old")), "diabetes-ada")!;

        StringAssert.Contains(single.ClinicianText.English, "confirming repeat test");
        StringAssert.Contains(confirmed.ClinicianText.English, "2 results meet");
        CollectionAssert.AreEquivalent(new[] { "Observation/a1c", "Observation/fpg-old" }, confirmed.Evidence.ToArray());
    }

    [TestMethod]
    [DataRow("13457-7", 190.0, FindingSeverity.Warning, true)]
    [DataRow("13457-7", 189.9, FindingSeverity.Info, true)]
    [DataRow("13457-7", 130.0, FindingSeverity.Info, false)]
    [DataRow("2571-8", 500.0, FindingSeverity.Warning, true)]
    [DataRow("2571-8", 499.9, FindingSeverity.Info, true)]
    [DataRow("2571-8", 150.0, FindingSeverity.Info, false)]
    [DataRow("2093-3", 240.0, FindingSeverity.Info, true)]
    [DataRow("2093-3", 200.0, FindingSeverity.Info, false)]
    [DataRow("2085-9", 39.9, FindingSeverity.Info, false)]
    public void ATP_III_lipid_classes(string loinc, double value, FindingSeverity severity, bool coded)
    {
        var f = Rule(Run(Male40, Result(loinc, (decimal)value, "mg/dL")), "dyslipidaemia-atp3")!;

        Assert.AreEqual(severity, f.Severity);
        Assert.AreEqual(coded, f.Code is not null);
    }

    [TestMethod]
    [DataRow("13457-7", 129.9)]
    [DataRow("2571-8", 149.9)]
    [DataRow("2093-3", 199.9)]
    [DataRow("2085-9", 40.0)]
    public void Lipids_inside_the_ATP_III_limits_give_no_finding(string loinc, double value) =>
        Assert.IsNull(Rule(Run(Male40, Result(loinc, (decimal)value, "mg/dL")), "dyslipidaemia-atp3"));

    [TestMethod]
    public void Lipids_in_mmol_per_litre_are_classified_after_conversion() =>
        Assert.AreEqual(FindingSeverity.Warning, Rule(Run(Male40, Result("18262-6", 5.0m, "mmol/L")), "dyslipidaemia-atp3")!.Severity);

    [TestMethod]
    [DataRow(200.0, 120.0, "hepatocellular")]
    [DataRow(80.0, 100.0, "mixed")]
    [DataRow(80.0, 120.0, "cholestatic")]
    [DataRow(60.0, 240.0, "cholestatic")]
    public void R_factor_patterns_at_their_boundaries(double alt, double alp, string pattern)
    {
        // Knowledge-base ULNs: ALT 40 U/L, ALP 120 U/L. R = 5 exactly and R = 2 exactly are the first two boundary rows.
        var f = Rule(Run(Male40, Result("1742-6", (decimal)alt, "U/L"), Result("6768-6", (decimal)alp, "U/L")), "liver-r-factor")!;

        StringAssert.Contains(f.ClinicianText.English, $"a {pattern} pattern");
    }

    [TestMethod]
    public void R_factor_uses_the_labs_own_upper_limits()
    {
        var alt = Result("1742-6", 100m, "U/L") with { Range = new ObservedRange(7m, 50m, "U/L") };

        var f = Rule(Run(Male40, alt, Result("6768-6", 60m, "U/L")), "liver-r-factor")!;

        StringAssert.Contains(f.ClinicianText.English, "R = 4");
        StringAssert.Contains(f.ClinicianText.English, "mixed");
    }

    [TestMethod]
    [DataRow("1742-6", 120.0, 2.1, 100.0, true)]
    [DataRow("1742-6", 119.0, 2.1, 100.0, false)]
    [DataRow("1742-6", 120.0, 2.0, 100.0, false)]
    [DataRow("1742-6", 120.0, 2.1, 239.0, true)]
    [DataRow("1742-6", 120.0, 2.1, 240.0, false)]
    [DataRow("1920-8", 150.0, 3.0, 100.0, true)]
    public void Hys_law_pattern_at_its_thresholds(string transaminase, double value, double bilirubin, double alp, bool fires)
    {
        // Knowledge-base ULNs: ALT and AST 40 U/L, bilirubin 1.0 mg/dL, ALP 120 U/L.
        var report = Run(Male40, Result(transaminase, (decimal)value, "U/L"), Result("1975-2", (decimal)bilirubin, "mg/dL"), Result("6768-6", (decimal)alp, "U/L"));

        var f = Rule(report, "hys-law");
        Assert.AreEqual(fires, f is not null);
        if (fires)
        {
            Assert.AreEqual(FindingSeverity.Warning, f!.Severity);
            StringAssert.Contains(f.Citation.Text, "Food and Drug Administration");
            Assert.HasCount(3, f.Evidence);
        }
    }

    [TestMethod]
    public void Hys_law_needs_ALP_to_exclude_cholestasis() =>
        Assert.IsNull(Rule(Run(Male40, Result("1742-6", 400m, "U/L"), Result("1975-2", 5m, "mg/dL")), "hys-law"));

    [TestMethod]
    public void Normal_liver_enzymes_give_no_R_factor_finding() =>
        Assert.IsNull(Rule(Run(Male40, Result("1742-6", 40m, "U/L"), Result("6768-6", 120m, "U/L")), "liver-r-factor"));

    [TestMethod]
    [DataRow(8.0, 0.5, "overt primary hypothyroidism", FindingSeverity.Warning)]
    [DataRow(8.0, 1.2, "subclinical hypothyroidism", FindingSeverity.Info)]
    [DataRow(0.1, 3.0, "overt hyperthyroidism", FindingSeverity.Warning)]
    [DataRow(0.1, 1.2, "subclinical hyperthyroidism", FindingSeverity.Info)]
    [DataRow(2.0, 0.5, "central (secondary) hypothyroidism", FindingSeverity.Warning)]
    [DataRow(8.0, 3.0, "unusual pattern", FindingSeverity.Warning)]
    [DataRow(4.01, 1.2, "subclinical hypothyroidism", FindingSeverity.Info)]
    public void Thyroid_patterns(double tsh, double ft4, string pattern, FindingSeverity severity)
    {
        var f = Rule(Run(Male40, Tsh((decimal)tsh), FreeT4((decimal)ft4)), "thyroid-pattern")!;

        StringAssert.Contains(f.ClinicianText.English, pattern);
        Assert.AreEqual(severity, f.Severity);
    }

    [TestMethod]
    public void Thyroid_normal_or_TSH_alone()
    {
        Assert.IsNull(Rule(Run(Male40, Tsh(4.0m), FreeT4(1.2m)), "thyroid-pattern"));
        StringAssert.Contains(Rule(Run(Male40, Tsh(8m)), "thyroid-pattern")!.ClinicianText.English, "free T4 is needed");
    }

    [TestMethod]
    public void Without_the_labs_ranges_the_British_Thyroid_Foundation_defaults_are_used()
    {
        // BTF guide (revised 2018): TSH 0.4-4.0 mU/L, FT4 9.0-25.0 pmol/L; FT4 at its published lower limit is normal.
        var subclinical = Run(Male40, Result("3016-3", 4.01m, "m[IU]/L"), Result("3024-7", 9.0m, "pmol/L"));
        var overt = Run(Male40, Result("3016-3", 4.01m, "m[IU]/L"), Result("3024-7", 8.9m, "pmol/L"));

        StringAssert.Contains(Rule(subclinical, "thyroid-pattern")!.ClinicianText.English, "subclinical hypothyroidism");
        StringAssert.Contains(Rule(overt, "thyroid-pattern")!.ClinicianText.English, "overt primary hypothyroidism");
        Assert.IsNull(Rule(Run(Male40, Result("3016-3", 4.0m, "m[IU]/L"), Result("3024-7", 25.0m, "pmol/L")), "thyroid-pattern"));
    }

    // A reporting laboratory's own ranges (hypothetical lab, as Observation.referenceRange would carry them).
    private static LabResult Tsh(decimal value) => Result("3016-3", value, "m[IU]/L") with { Range = new ObservedRange(0.4m, 4.0m, "m[IU]/L") };

    private static LabResult FreeT4(decimal value) => Result("3024-7", value, "ng/dL") with { Range = new ObservedRange(0.8m, 1.8m, "ng/dL") };

    [TestMethod]
    public void Every_finding_says_decision_support_in_both_languages_and_never_claims_a_diagnosis()
    {
        var report = RunWithRecord(Female40,
            [
                Result("2823-3", 2.5m, "mmol/L"), Result("718-7", 9m, "g/dL"), Result("787-2", 105m, "fL"), Result("2160-0", 2.0m, "mg/dL"),
                Result("4548-4", 6.0m, "%"), Result("13457-7", 200m, "mg/dL"), Result("1742-6", 300m, "U/L"), Result("6768-6", 130m, "U/L"),
                Tsh(12m), FreeT4(0.6m),
            ],
            Result("9318-7", 400m, "mg/g"));

        Assert.AreEqual(7, report.Findings.Select(f => f.RuleId).Distinct().Count());
        Assert.IsNull(Rule(report, "hys-law"));
        foreach (var f in report.Findings)
        {
            foreach (var text in new[] { f.ClinicianText, f.PatientText })
            {
                StringAssert.EndsWith(text.English, "Decision support, not a diagnosis.");
                StringAssert.EndsWith(text.SimplifiedChinese, "本结果为辅助决策，不是诊断。");
                Assert.DoesNotContain("diagnos", text.English.Replace("not a diagnosis.", string.Empty, StringComparison.Ordinal), f.RuleId);
            }

            Assert.AreEqual("1.0.0", f.RuleVersion);
            Assert.IsFalse(string.IsNullOrWhiteSpace(f.Citation.Text));
            Assert.IsNotEmpty(f.Evidence);
        }

        Assert.AreEqual(FindingSeverity.Critical, report.Findings[0].Severity);
        Assert.AreEqual("43339004", report.Findings[0].Code!.Code);
    }

    [TestMethod]
    public void Bad_results_in_a_report_never_throw()
    {
        var report = Run(Male40,
            Result("2823-3", null, null),
            Result("718-7", 9m, "furlongs"),
            Result("0000-0", 1m, "mg/dL"),
            new LabResult { Reference = "Observation/x" },
            Result("4548-4", null, null) with { ValueText = "see comment" });

        CollectionAssert.AreEqual(
            new[] { ResultStatus.MissingValue, ResultStatus.UnknownUnit, ResultStatus.UnknownTest, ResultStatus.UnknownTest, ResultStatus.NonNumeric },
            report.Results.Select(r => r.Status).ToArray());
        Assert.IsEmpty(report.Findings);
    }
}
