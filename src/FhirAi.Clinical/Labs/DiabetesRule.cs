using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// ADA Standards of Care 2025 thresholds on the report's HbA1c and fasting plasma glucose: diabetes at A1C ≥ 6.5% or
/// FPG ≥ 126 mg/dL (7.0 mmol/L), prediabetes at 5.7-6.4% or 100-125 mg/dL. Without unequivocal hyperglycaemia ADA
/// needs two abnormal results; the record's earlier A1C/FPG count towards that, and the text says whether two exist.
/// </summary>
internal static class DiabetesRule
{
    private static readonly CodedConcept Prediabetes = new("http://snomed.info/sct", "714628002", "Prediabetes (finding)");

    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        var a1c = context.Report("hba1c");
        var fpg = context.Report("glucose-fasting");
        var levels = new[] { a1c is null ? 0 : A1cLevel(a1c.Value!.Value), fpg is null ? 0 : FpgLevel(fpg.Value!.Value) };
        var level = levels.Max();
        if (level == 0)
        {
            return;
        }

        var used = new List<ResultInterpretation>();
        var partsEn = new List<string>();
        var partsZh = new List<string>();
        if (a1c is not null && levels[0] > 0)
        {
            used.Add(a1c);
            partsEn.Add($"HbA1c {FindingText.Q(a1c)}");
            partsZh.Add($"糖化血红蛋白 {FindingText.Q(a1c)}");
        }

        if (fpg is not null && levels[1] > 0)
        {
            used.Add(fpg);
            partsEn.Add($"fasting glucose {FindingText.Q(fpg)}");
            partsZh.Add($"空腹血糖 {FindingText.Q(fpg)}");
        }

        if (level == 2)
        {
            var diabetic = new List<ResultInterpretation>();
            if (a1c is not null && levels[0] == 2)
            {
                diabetic.Add(a1c);
            }

            if (fpg is not null && levels[1] == 2)
            {
                diabetic.Add(fpg);
            }

            if (context.Record("hba1c") is { } earlierA1c && A1cLevel(earlierA1c.Value!.Value) == 2)
            {
                diabetic.Add(earlierA1c);
            }

            if (context.Record("glucose-fasting") is { } earlierFpg && FpgLevel(earlierFpg.Value!.Value) == 2)
            {
                diabetic.Add(earlierFpg);
            }

            var confirmed = diabetic.Count >= 2;
            findings.Add(FindingText.Finding(
                "diabetes-ada", FindingSeverity.Warning, null, diabetic.Concat(used).Select(r => r.Result.Reference), context.Cite("ada2025"),
                $"{string.Join(" and ", partsEn)} {(partsEn.Count == 1 ? "meets" : "meet")} the ADA threshold for diabetes (A1C ≥ 6.5% or FPG ≥ 126 mg/dL). "
                    + (confirmed
                        ? $"{diabetic.Count} results meet the diabetes criteria, which ADA accepts as confirmation without unequivocal hyperglycaemia."
                        : "Only one result meets the criteria: ADA asks for a confirming repeat test unless hyperglycaemia is unequivocal."),
                $"{string.Join("、", partsZh)}达到ADA糖尿病诊断阈值（糖化血红蛋白 ≥ 6.5% 或空腹血糖 ≥ 126 mg/dL）。"
                    + (confirmed ? $"共有 {diabetic.Count} 项结果达到糖尿病标准，按ADA可视为已确认。" : "仅一项结果达标：除非高血糖明确，ADA要求复查确认。"),
                "Your blood sugar results are in the range seen in diabetes. Your doctor will talk with you about confirming this and what to do next.",
                "您的血糖结果处于糖尿病范围。医生会与您讨论如何确认以及下一步措施。"));
            return;
        }

        findings.Add(FindingText.Finding(
            "diabetes-ada", FindingSeverity.Info, Prediabetes, used.Select(r => r.Result.Reference), context.Cite("ada2025"),
            $"{string.Join(" and ", partsEn)} {(partsEn.Count == 1 ? "is" : "are")} in the ADA prediabetes range (A1C 5.7-6.4% or FPG 100-125 mg/dL); this suggests increased risk of diabetes.",
            $"{string.Join("、", partsZh)}处于ADA糖尿病前期范围（糖化血红蛋白 5.7–6.4% 或空腹血糖 100–125 mg/dL），提示糖尿病风险增加。",
            "Your blood sugar is higher than normal but below the diabetes range. Healthy eating, activity and weight control can lower your risk.",
            "您的血糖高于正常但未达到糖尿病范围。健康饮食、运动和控制体重可以降低风险。"));
    }

    /// <summary>0 normal, 1 prediabetes (5.7-6.4%), 2 diabetes (≥ 6.5%).</summary>
    internal static int A1cLevel(decimal percent) => percent >= 6.5m ? 2 : percent >= 5.7m ? 1 : 0;

    /// <summary>0 normal, 1 impaired fasting glucose (100-125 mg/dL), 2 diabetes (≥ 126 mg/dL).</summary>
    internal static int FpgLevel(decimal mgPerDl) => mgPerDl >= 126m ? 2 : mgPerDl >= 100m ? 1 : 0;
}
