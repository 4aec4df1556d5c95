using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Reports;
using FhirAi.Inference;
using FhirAi.Tests.Shared;
using static FhirAi.Clinical.Tests.Reports.ReportTestSupport;

namespace FhirAi.Clinical.Tests.Reports;

[TestClass]
public sealed class ReportInterpreterTests
{
    private static (JsonObject Patient, JsonObject Report, JsonObject[] Results) PotassiumPanel(double potassium)
    {
        var patient = ReportFixtures.Patient("k-patient", "male", "1960-03-01");
        JsonObject[] results =
        [
            ReportFixtures.Lab("k-na", "k-patient", "2951-2", "Sodium [Moles/volume] in Serum or Plasma", 140, "mmol/L"),
            ReportFixtures.Lab("k-k", "k-patient", "2823-3", "Potassium [Moles/volume] in Serum or Plasma", potassium, "mmol/L"),
        ];
        var report = ReportFixtures.Report("k-report", "k-patient", "51990-0", "Basic metabolic panel - Blood", ["k-na", "k-k"]);
        return (patient, report, results);
    }

    [TestMethod]
    public void Potassium_6_8_is_flagged_HH_and_said_first()
    {
        var (patient, report, results) = PotassiumPanel(6.8);
        var result = Interpret(report, results, patient);

        var potassium = Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "k-k");
        CollectionAssert.Contains(InterpretationCodes(potassium).ToList(), "HH");
        var sodium = Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "k-na");
        CollectionAssert.Contains(InterpretationCodes(sodium).ToList(), "N");

        var conclusion = Output(result, "report")["conclusion"]!.GetValue<string>();
        var first = conclusion.Split('\n')[0];
        StringAssert.StartsWith(first, "Critical result: Potassium");
        StringAssert.Contains(first, "(HH");
        StringAssert.Contains(first, "Potassium");
        StringAssert.StartsWith(Output(result, "guidance")["note"]![0]!["text"]!.GetValue<string>(), "Critical result: Potassium");
        StringAssert.Contains(Text(result, "patientSummary").Split('\n')[0], "urgent");
        StringAssert.Contains(conclusion, "Decision support");
    }

    [TestMethod]
    public void Female_Hb_9_and_MCV_72_gets_microcytic_anaemia_in_the_conclusion()
    {
        var patient = ReportFixtures.Patient("cbc-patient", "female", "1985-04-04");
        JsonObject[] results =
        [
            ReportFixtures.Lab("cbc-hb", "cbc-patient", "718-7", "Hemoglobin [Mass/volume] in Blood", 9.0, "g/dL"),
            ReportFixtures.Lab("cbc-mcv", "cbc-patient", "787-2", "MCV [Entitic volume] by Automated count", 72, "fL"),
        ];
        var report = ReportFixtures.Report("cbc-report", "cbc-patient", "58410-2", "CBC panel - Blood by Automated count", ["cbc-hb", "cbc-mcv"]);

        var result = Interpret(report, results, patient);

        var output = Output(result, "report");
        StringAssert.Contains(output["conclusion"]!.GetValue<string>(), "microcytic anaemia");
        Assert.IsTrue(output["conclusionCode"]!.AsArray().Any(c => c!["coding"]![0]!["code"]!.GetValue<string>() == "271737000"));
        CollectionAssert.Contains(InterpretationCodes(Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "cbc-hb")).ToList(), "L");
        Assert.IsTrue(Text(result, "patientSummary").Contains("haemoglobin", StringComparison.OrdinalIgnoreCase));
        var finding = result.Parameters["parameter"]!.AsArray().First(p => p!["name"]!.GetValue<string>() == "finding")!["part"]!.AsArray();
        Assert.IsFalse(string.IsNullOrWhiteSpace(finding.Single(p => p!["name"]!.GetValue<string>() == "citation")!["valueString"]!.GetValue<string>()));
        CollectionAssert.Contains(finding.Where(p => p!["name"]!.GetValue<string>() == "evidence").Select(p => p!["valueReference"]!["reference"]!.GetValue<string>()).ToList(), "Observation/cbc-mcv");
        StringAssert.Contains(Output(result, "guidance")["note"]![2]!["text"]!.GetValue<string>(), "rule ");
        var errors = TestModels.Validator.Validate(output).Where(i => i.IsError).ToList();
        Assert.IsEmpty(errors, string.Join("\n", errors.Select(e => e.Diagnostics)));
    }

    [TestMethod]
    [DynamicData(nameof(PublishedWorkedExamples.PceGoff2013TableA), typeof(PublishedWorkedExamples))]
    public void Goff_2013_Table_A_patient_as_FHIR_resources_yields_the_published_pce2013_risk(string sex, string race, double published)
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA("goff", sex, race);
        var result = Interpret(report, results, patient, history);

        var pce = Outputs(result, "riskAssessment").Single(r => r["method"]!["coding"]![0]!["code"]!.GetValue<string>() == "pce2013");
        var prediction = pce["prediction"]![0]!;
        // The guideline prints the risk rounded to 0.1 percentage point (see WorkedExampleTests for the tolerance).
        Assert.AreEqual(published, prediction["probabilityDecimal"]!.GetValue<double>(), 0.001);
        StringAssert.Contains(prediction["rationale"]!.GetValue<string>(), "fraction from 0 to 1");
        Assert.AreEqual("2026-06-01T09:00:00.000Z", prediction["whenPeriod"]!["start"]!.GetValue<string>());
        Assert.AreEqual("2036-06-01T09:00:00.000Z", prediction["whenPeriod"]!["end"]!.GetValue<string>());
        var basis = pce["basis"]!.AsArray().Select(b => b!["reference"]!.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(
            new[] { "DiagnosticReport/goff-report", "Observation/goff-tc", "Observation/goff-hdl", "Observation/goff-bp", "Observation/goff-smoking", "Patient/goff-patient" },
            basis);
        Assert.AreEqual("Patient/goff-patient", pce["subject"]!["reference"]!.GetValue<string>());

        var provenance = Output(result, "provenance");
        var targets = provenance["target"]!.AsArray().Select(t => t!["reference"]!.GetValue<string>()).ToList();
        CollectionAssert.Contains(targets, "DiagnosticReport/goff-report");
        CollectionAssert.Contains(targets, $"RiskAssessment/{pce["id"]}");
        var entities = provenance["entity"]!.AsArray().Select(e => e!["what"]!["reference"]?.GetValue<string>() ?? e["what"]!["display"]!.GetValue<string>()).ToList();
        CollectionAssert.Contains(entities, "Library/pce2013");
        CollectionAssert.Contains(entities, "Observation/goff-bp");
        Assert.IsTrue(entities.Any(e => e.StartsWith("FhirAi lab knowledge base ", StringComparison.Ordinal)));
        StringAssert.StartsWith(provenance["agent"]![0]!["who"]!["display"]!.GetValue<string>(), "FhirAi ");
    }

    [TestMethod]
    public void Treatment_and_diabetes_come_from_the_record()
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA("treated", "female", "white");
        JsonObject[] record =
        [
            .. history,
            ReportFixtures.Medication("treated-hctz", "treated-patient", "316049", "Hydrochlorothiazide 25 MG"),
            ReportFixtures.Medication("treated-old", "treated-patient", "259255", "Atorvastatin 80 MG Oral Tablet", "stopped"),
            ReportFixtures.Condition("treated-dm", "treated-patient", "44054006", "Diabetes mellitus type 2"),
        ];
        var result = Interpret(report, results, patient, record);

        var pce = result.Risks.Single(r => r.Model.Id == "pce2013");
        Assert.AreEqual(RiskRunStatus.Ran, pce.Status);
        var inputs = pce.Inputs.ToDictionary(i => i.Name);
        Assert.IsTrue(inputs["bp_treated"].Value.Boolean);
        CollectionAssert.AreEqual(new[] { "MedicationRequest/treated-hctz" }, inputs["bp_treated"].Sources.ToArray());
        Assert.IsTrue(inputs["diabetes"].Value.Boolean);
        Assert.IsFalse(inputs["smoker"].Value.Boolean);
        var prevent = result.Risks.Single(r => r.Model.Id == "prevent2023-cvd");
        Assert.IsFalse(prevent.Inputs.Single(i => i.Name == "statin").Value.Boolean, "a stopped statin is not a current one");
    }

    [TestMethod]
    public void A_statin_order_counts_by_its_RxNorm_code_even_with_Syntheas_misspelt_display()
    {
        // Synthea writes RxNorm 316672 (simvastatin 10 mg) as "Simvistatin 10 MG": the name matches no statin, the code does.
        var (patient, report, results, history) = ReportFixtures.GoffTableA("simv", "female", "white");
        JsonObject[] record = [.. history, ReportFixtures.Medication("simv-statin", "simv-patient", "316672", "Simvistatin 10 MG")];
        var request = new InterpretationRequest
        {
            Report = ReportTestSupport.Record(report),
            Results = [.. results.Select(ReportTestSupport.Record)],
            Patient = ReportTestSupport.Record(patient),
            History = [.. record.Select(ReportTestSupport.Record)],
        };

        var statin = ReportTestSupport.Interpreter().Interpret(request).Risks.Single(r => r.Model.Id == "prevent2023-cvd").Inputs.Single(i => i.Name == "statin");
        Assert.IsTrue(statin.Value.Boolean);
        CollectionAssert.AreEqual(new[] { "MedicationRequest/simv-statin" }, statin.Sources.ToArray());

        var byNameOnly = ReportTestSupport.Interpreter(withDrugKnowledge: false).Interpret(request).Risks.Single(r => r.Model.Id == "prevent2023-cvd").Inputs.Single(i => i.Name == "statin");
        Assert.IsFalse(byNameOnly.Value.Boolean, "without the drug knowledge base only names are matched, and the misspelt one is not");
    }

    [TestMethod]
    public void A_missing_input_means_no_RiskAssessment_and_a_data_requirement()
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA("nosmoke", "male", "white");
        var result = Interpret(report, results, patient, history.Where(h => h["id"]!.GetValue<string>() != "nosmoke-smoking"));

        Assert.IsFalse(Outputs(result, "riskAssessment").Any(r => r["method"]!["coding"]![0]!["code"]!.GetValue<string>() == "pce2013"));
        var guidance = Output(result, "guidance");
        Assert.AreEqual("data-requested", guidance["status"]!.GetValue<string>());
        var smoking = guidance["dataRequirement"]!.AsArray().Where(d =>
            d!["extension"]!.AsArray().Any(e => e!["valueCode"]?.GetValue<string>() == "smoker")
            && d["extension"]!.AsArray().Any(e => e!["valueCanonical"]?.GetValue<string>() == "http://fhirai.org/fhir/Library/pce2013|1.0.0")).ToList();
        Assert.HasCount(1, smoking);
        Assert.AreEqual("72166-2", smoking[0]!["codeFilter"]![0]!["code"]![0]!["code"]!.GetValue<string>());
    }

    [TestMethod]
    public void eGFR_is_computed_from_creatinine_when_the_record_has_none()
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA("egfr", "female", "white");
        JsonObject[] record = [.. history, ReportFixtures.Lab("egfr-cr", "egfr-patient", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1.0, "mg/dL", "2026-05-20T09:00:00Z")];
        var result = Interpret(report, results, patient, record);

        var prevent = result.Risks.Single(r => r.Model.Id == "prevent2023-ascvd");
        Assert.AreEqual(RiskRunStatus.Ran, prevent.Status);
        var egfr = prevent.Inputs.Single(i => i.Name == "egfr_ml_min_1_73m2");
        StringAssert.Contains(egfr.Note, "CKD-EPI 2021");
        CollectionAssert.Contains(egfr.Sources.ToList(), "Observation/egfr-cr");
        Assert.AreEqual(FhirAi.Clinical.Renal.CkdEpi2021Creatinine.Egfr(1.0, 55, AdministrativeSex.Female)!.Value, egfr.Value.Number, 1e-9);
    }

    [TestMethod]
    public void Outputs_validate_against_the_R4_definitions()
    {
        var (patient, report, results, history) = ReportFixtures.GoffTableA("valid", "female", "african-american");
        var (kPatient, kReport, kResults) = PotassiumPanel(6.8);
        foreach (var result in new[]
        {
            Interpret(report, results, patient, history),
            Interpret(kReport, kResults, kPatient, language: OutputLanguage.SimplifiedChinese),
            Interpret(report, results, patient),
        })
        {
            foreach (var resource in result.Parameters["parameter"]!.AsArray().Select(p => p!["resource"]).OfType<JsonObject>().Append(result.Parameters))
            {
                var errors = TestModels.Validator.Validate(resource).Where(i => i.IsError).Select(i => $"{resource["resourceType"]} {i.Expression}: {i.Diagnostics}").ToList();
                Assert.IsEmpty(errors, string.Join("\n", errors));
            }
        }
    }

    [TestMethod]
    public void Chinese_output_is_written_in_Simplified_Chinese()
    {
        var (patient, report, results) = PotassiumPanel(6.8);
        var result = Interpret(report, results, patient, language: OutputLanguage.SimplifiedChinese);

        Assert.AreEqual("zh-Hans", Output(result, "guidance")["language"]!.GetValue<string>());
        var conclusion = Output(result, "report")["conclusion"]!.GetValue<string>();
        StringAssert.StartsWith(conclusion, "危急值：");
        StringAssert.Contains(conclusion.Split('\n')[0], "HH");
        StringAssert.Contains(conclusion, "决策支持");
        StringAssert.Contains(Text(result, "patientSummary"), "决策支持");
    }

    [TestMethod]
    public void A_malformed_result_is_reported_not_thrown()
    {
        var patient = ReportFixtures.Patient("bad-patient", "female", "1980-01-01");
        var good = ReportFixtures.Lab("bad-k", "bad-patient", "2823-3", "Potassium", 4.2, "mmol/L");
        var bad = ReportFixtures.Lab("bad-na", "bad-patient", "2951-2", "Sodium", 140, "mmol/L");
        bad["valueQuantity"]!["value"] = "a lot";
        var unknown = ReportFixtures.Lab("bad-x", "bad-patient", "99999-9", "Something", 1, "mg/dL");
        var report = ReportFixtures.Report("bad-report", "bad-patient", "51990-0", "BMP", ["bad-k", "bad-na", "bad-x"]);

        var result = Interpret(report, [good, bad, unknown], patient);

        var guidance = Output(result, "guidance");
        var problems = guidance["contained"]![0]!;
        Assert.AreEqual("OperationOutcome", problems["resourceType"]!.GetValue<string>());
        StringAssert.Contains(problems.ToJsonString(), "valueQuantity.value is not a number");
        var sodium = Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "bad-na");
        Assert.IsNull(sodium["interpretation"]);
        StringAssert.Contains(sodium["note"]![0]!["text"]!.GetValue<string>(), "not interpreted");
        CollectionAssert.Contains(InterpretationCodes(Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "bad-k")).ToList(), "N");
    }

    [TestMethod]
    public void The_previous_result_of_the_same_test_gives_the_delta()
    {
        var (patient, report, results) = PotassiumPanel(6.8);
        var previous = ReportFixtures.Lab("k-old", "k-patient", "6298-4", "Potassium [Moles/volume] in Blood", 4.0, "mmol/L", "2026-01-10T08:00:00Z");
        var result = Interpret(report, results, patient, [previous]);

        var delta = result.Labs.Results.Single(r => r.Result.Reference == "Observation/k-k").Delta;
        Assert.IsNotNull(delta);
        Assert.AreEqual("Observation/k-old", delta.PreviousReference);
        Assert.AreEqual(2.8m, delta.Change);
        var potassium = Outputs(result, "result").Single(o => o["id"]!.GetValue<string>() == "k-k");
        StringAssert.Contains(potassium["note"]![0]!["text"]!.GetValue<string>(), "Observation/k-old");
        if (delta.Significant)
        {
            CollectionAssert.Contains(InterpretationCodes(potassium).ToList(), "U");
        }
    }

    [TestMethod]
    public void Without_ONNX_Runtime_the_report_is_interpreted_with_a_note_and_no_risk()
    {
        using var runtime = OnnxRuntime.Create(new OnnxRuntimeOptions { LibraryPath = "/nonexistent/libonnxruntime.so", SearchSystemPaths = false });
        using var registry = ModelRegistry.Create(runtime);
        var (patient, report, results, history) = ReportFixtures.GoffTableA("noort", "male", "white");
        var result = Interpret(report, results, patient, history, registry: registry);

        Assert.IsFalse(Outputs(result, "riskAssessment").Any());
        StringAssert.Contains(Text(result, "clinicianSummary"), "Risk models were not run");
        Assert.IsNotNull(Output(result, "provenance"));
    }
}
