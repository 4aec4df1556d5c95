using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The clinician and patient summaries, most severe first: critical results, then critical findings, then warnings,
/// then the other abnormal results, information findings, risk estimates and models that could not run; the
/// decision-support notice last.
/// </summary>
internal static class ReportSummaries
{
    public static string Clinician(ReportInterpretation report, IReadOnlyList<RiskRun> risks, bool inferenceAvailable, OutputLanguage language)
    {
        var lines = new List<LocalizedText>();
        var critical = report.Results.Where(r => InterpretationCodes.IsCritical(r.Flag)).ToList();
        // A critical result the lab rules already explain in a critical finding is said once, by the finding.
        lines.AddRange(Unexplained(report, critical).Select(InterpretationTexts.Critical));
        lines.AddRange(report.Findings.Where(f => f.Severity == FindingSeverity.Critical).Select(f => f.ClinicianText));
        lines.AddRange(report.Findings.Where(f => f.Severity == FindingSeverity.Warning).Select(f => f.ClinicianText));

        var abnormal = report.Results.Where(r => r.Flag is "H" or "L" or "A").ToList();
        var interpreted = report.Results.Count(r => r.Status == ResultStatus.Interpreted);
        if (abnormal.Count > 0)
        {
            lines.Add(InterpretationTexts.Abnormal(abnormal));
        }
        else if (critical.Count == 0 && interpreted > 0)
        {
            lines.Add(InterpretationTexts.AllNormal(interpreted));
        }

        lines.AddRange(report.Findings.Where(f => f.Severity == FindingSeverity.Info).Select(f => f.ClinicianText));
        if (report.Findings.Count == 0)
        {
            lines.Add(InterpretationTexts.NoFindings);
        }

        lines.AddRange(report.Results.Where(r => r.Status != ResultStatus.Interpreted).Select(InterpretationTexts.NotInterpreted));
        foreach (var run in risks)
        {
            if (run.Status == RiskRunStatus.Ran)
            {
                var output = run.Model.Outputs.First(o => o.Name == "result");
                lines.Add(InterpretationTexts.Risk(run, run.Outputs["result"], output.Unit,
                    RiskAssessmentWriter.HorizonYears(output.Description), RiskAssessmentWriter.IsProbability(output)));
            }
        }

        lines.AddRange(risks.Where(r => r.Status == RiskRunStatus.Rejected).Select(InterpretationTexts.NotRun));
        var missing = risks.Where(r => r.Status == RiskRunStatus.MissingInputs).ToList();
        if (missing.Count > 0)
        {
            lines.Add(InterpretationTexts.MissingInputs(missing));
        }
        if (!inferenceAvailable)
        {
            lines.Add(InterpretationTexts.InferenceUnavailable);
        }

        lines.Add(InterpretationTexts.DecisionSupport);
        return string.Join("\n", lines.Select(l => l.For(language)));
    }

    public static string Patient(ReportInterpretation report, OutputLanguage language)
    {
        var lines = new List<LocalizedText>();
        lines.AddRange(Unexplained(report, report.Results.Where(r => InterpretationCodes.IsCritical(r.Flag))).Select(InterpretationTexts.PatientCritical));
        lines.AddRange(report.Findings.Where(f => f.Severity == FindingSeverity.Critical).Select(f => f.PatientText));
        var interpreted = report.Results.Count(r => r.Status == ResultStatus.Interpreted);
        var abnormal = report.Results.Count(r => r.Flag is not (null or "N"));
        lines.Add(InterpretationTexts.PatientCount(abnormal, interpreted));
        lines.AddRange(report.Findings.Where(f => f.Severity != FindingSeverity.Critical).OrderByDescending(f => f.Severity).Select(f => f.PatientText));
        lines.Add(InterpretationTexts.PatientClosing);
        return string.Join("\n", lines.Select(l => l.For(language)));
    }

    /// <summary>Every source behind the texts: each rule that fired (id, version, citation), the range citations used, each model run.</summary>
    public static string Sources(ReportInterpretation report, IEnumerable<RiskRun> ran)
    {
        var lines = new List<string> { $"Sources (FhirAi lab knowledge base {report.KnowledgeBaseVersion}):" };
        lines.AddRange(report.Findings.Select(f => $"rule {f.RuleId} {f.RuleVersion}: {Cite(f.Citation)}").Distinct(StringComparer.Ordinal));
        lines.AddRange(report.Results.Where(r => r.Range is { Source: RangeSource.KnowledgeBase, Citation: not null })
            .Select(r => $"reference range: {Cite(r.Range!.Citation!)}").Distinct(StringComparer.Ordinal));
        lines.AddRange(ran.Select(r => $"model {r.Model.Id} {r.Model.Version}: " + string.Join(" ", r.Model.Citations.Select(c => c.Doi is null ? c.Text : $"{c.Text} doi:{c.Doi}"))));
        return string.Join("\n", lines);
    }

    private static string Cite(Citation citation) => citation.Url is null ? citation.Text : $"{citation.Text} {citation.Url}";

    private static IEnumerable<ResultInterpretation> Unexplained(ReportInterpretation report, IEnumerable<ResultInterpretation> critical)
    {
        var explained = report.Findings.Where(f => f.Severity == FindingSeverity.Critical).SelectMany(f => f.Evidence).ToHashSet(StringComparer.Ordinal);
        return critical.Where(r => !explained.Contains(r.Result.Reference));
    }
}
