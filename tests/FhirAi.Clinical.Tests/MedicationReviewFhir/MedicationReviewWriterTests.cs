using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Clinical.Medications;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Validation;

namespace FhirAi.Clinical.Tests.MedicationReviewFhir;

[TestClass]
public sealed class MedicationReviewWriterTests
{
    private static readonly Lazy<ResourceValidator> Validator = new(() => new ResourceValidator(FhirDefinitions.LoadDefault()));

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static readonly MedicationFinding Interaction = new()
    {
        Kind = FindingKind.Interaction,
        IssueCode = new CodedConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "DRG", "Drug Interaction Alert"),
        Severity = IssueSeverity.High,
        Implicated = ["MedicationRequest/warfarin", "MedicationRequest/ibuprofen"],
        RuleId = "ddi.test",
        Citation = new Citation("Test citation", "https://example.org/source"),
        Detail = new LocalizedText("Bleeding risk.", "出血风险。"),
        Mitigation = new LocalizedText("Avoid the NSAID.", "避免使用 NSAID。"),
    };

    private static readonly MedicationFinding Renal = new()
    {
        Kind = FindingKind.RenalDose,
        IssueCode = new CodedConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "DOSEHIND", null),
        Severity = IssueSeverity.Moderate,
        Implicated = ["MedicationRequest at Parameters.parameter[0].resource"],
        Evidence = ["Observation/egfr"],
        RuleId = "renal.test",
        Citation = new Citation("Label"),
        Detail = new LocalizedText("Contraindicated below eGFR 30.", "eGFR 低于 30 时禁用。"),
        Mitigation = new LocalizedText("Stop.", "停用。"),
        LowConfidenceMatch = true,
    };

    private static (MedicationReviewWriter.Outputs Outputs, MedicationReviewContext Context) Write(OutputLanguage language, params MedicationFinding[] findings)
    {
        var proposed = new MedicationEntry { Reference = "MedicationRequest/ibuprofen" };
        var context = new MedicationReviewContext(
            new ReviewPatient("Patient/p", new DateOnly(1950, 1, 1), 76, AdministrativeSex.Male),
            new MedicationReviewInput
            {
                Proposed = [proposed],
                Current = [new MedicationEntry { Reference = "MedicationRequest/warfarin" }],
                Allergies = [new AllergyEntry { Reference = "AllergyIntolerance/a" }],
                Renal = new RenalFunction(25m, "Observation/egfr", false),
                AgeYears = 76,
            });
        var review = new MedicationReview(findings, [new UnresolvedMedication("MedicationStatement/x", "herbal tea")], "kb-1");
        var ids = 0;
        var outputs = MedicationReviewWriter.Build(review, context, new ReviewOutputSettings(language, Now, "9.9.9", () => $"id{++ids}"));
        return (outputs, context);
    }

    [TestMethod]
    public void Each_finding_becomes_a_valid_detected_issue_most_severe_first()
    {
        var (outputs, _) = Write(OutputLanguage.English, Renal, Interaction);

        Assert.AreEqual(2, outputs.Issues.Count);
        var high = outputs.Issues[0];
        Assert.AreEqual("high", high["severity"]!.GetValue<string>());
        Assert.AreEqual("final", high["status"]!.GetValue<string>());
        Assert.AreEqual("DRG", high["code"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.AreEqual("Patient/p", high["patient"]!["reference"]!.GetValue<string>());
        Assert.AreEqual(Now, DateTimeOffset.Parse(high["identifiedDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        CollectionAssert.AreEqual(new[] { "MedicationRequest/warfarin", "MedicationRequest/ibuprofen" },
            high["implicated"]!.AsArray().Select(r => r!["reference"]!.GetValue<string>()).ToArray());
        Assert.AreEqual("https://example.org/source", high["reference"]!.GetValue<string>());
        Assert.AreEqual("#fhirai", high["author"]!["reference"]!.GetValue<string>());
        Assert.AreEqual("Device", high["contained"]![0]!["resourceType"]!.GetValue<string>());
        StringAssert.Contains(high["detail"]!.GetValue<string>(), "Bleeding risk.");
        StringAssert.Contains(high["detail"]!.GetValue<string>(), "Test citation");
        StringAssert.Contains(high["detail"]!.GetValue<string>(), "Decision support");
        StringAssert.Contains(high["mitigation"]![0]!["action"]!["text"]!.GetValue<string>(), "Avoid the NSAID.");

        var renal = outputs.Issues[1];
        Assert.AreEqual("preliminary", renal["status"]!.GetValue<string>(), "a name-only match is preliminary");
        Assert.AreEqual("Observation/egfr", renal["evidence"]![0]!["detail"]![0]!["reference"]!.GetValue<string>());
        Assert.AreEqual("MedicationRequest at Parameters.parameter[0].resource", renal["implicated"]![0]!["display"]!.GetValue<string>(),
            "a proposed order without id is named, not referenced");
        Assert.IsNull(renal["reference"], "a citation without URL gives no reference");
        StringAssert.Contains(renal["detail"]!.GetValue<string>(), "Lower confidence");

        foreach (var resource in outputs.Issues.Append(outputs.Provenance))
        {
            var errors = Validator.Value.Validate(resource).Where(i => i.IsError).ToList();
            Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Select(e => $"{e.Expression}: {e.Diagnostics}")));
        }
    }

    [TestMethod]
    public void Provenance_names_versions_targets_and_every_input()
    {
        var (outputs, _) = Write(OutputLanguage.English, Interaction);

        var provenance = outputs.Provenance;
        Assert.AreEqual("DetectedIssue/" + outputs.Issues[0]["id"]!.GetValue<string>(), provenance["target"]![0]!["reference"]!.GetValue<string>());
        CollectionAssert.AreEquivalent(
            new[] { "Patient/p", "MedicationRequest/ibuprofen", "MedicationRequest/warfarin", "AllergyIntolerance/a", "Observation/egfr" },
            provenance["entity"]!.AsArray().Select(e => e!["what"]!["reference"]!.GetValue<string>()).ToArray());
        var versions = provenance["contained"]![0]!["version"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()).ToArray();
        CollectionAssert.AreEqual(new[] { "9.9.9", "kb-1" }, versions);
        Assert.AreEqual("#fhirai", provenance["agent"]![0]!["who"]!["reference"]!.GetValue<string>());
        Assert.AreEqual(1, outputs.Unresolved.Count);
        StringAssert.Contains(outputs.Unresolved[0], "herbal tea");
        StringAssert.Contains(outputs.Note, "Decision support");
    }

    [TestMethod]
    public void No_findings_still_give_a_provenance_of_the_reviewed_orders()
    {
        var (outputs, _) = Write(OutputLanguage.English);

        Assert.AreEqual(0, outputs.Issues.Count);
        Assert.AreEqual("MedicationRequest/ibuprofen", outputs.Provenance["target"]![0]!["reference"]!.GetValue<string>());
        StringAssert.Contains(outputs.Note, "0 issue(s)");
        var parameters = MedicationReviewWriter.ToParameters(outputs);
        CollectionAssert.AreEqual(new[] { "provenance", "unresolved", "note" },
            parameters["parameter"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray());
    }

    [TestMethod]
    public void Chinese_output_uses_the_chinese_texts()
    {
        var (outputs, _) = Write(OutputLanguage.SimplifiedChinese, Interaction);

        var issue = outputs.Issues[0];
        Assert.AreEqual("zh-Hans", issue["language"]!.GetValue<string>());
        StringAssert.Contains(issue["detail"]!.GetValue<string>(), "出血风险。");
        StringAssert.Contains(issue["detail"]!.GetValue<string>(), "临床决策支持");
        StringAssert.Contains(issue["mitigation"]![0]!["action"]!["text"]!.GetValue<string>(), "避免使用 NSAID。");
        Assert.AreEqual("药物相互作用", issue["code"]!["text"]!.GetValue<string>());
        StringAssert.Contains(outputs.Note, "临床决策支持");
        Assert.AreEqual(0, Validator.Value.Validate(issue).Count(i => i.IsError));
    }
}
