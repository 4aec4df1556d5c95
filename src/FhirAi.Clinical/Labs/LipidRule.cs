using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// NCEP ATP III lipid classes on the report's lipid panel: LDL-C 130-159 borderline high, 160-189 high, ≥ 190 very high;
/// total cholesterol 200-239 borderline high, ≥ 240 high; triglycerides 150-199 borderline high, 200-499 high, ≥ 500 very
/// high; HDL-C &lt; 40 low. Very high LDL-C or triglycerides make it a warning.
/// </summary>
internal static class LipidRule
{
    private static readonly CodedConcept Hyperlipidaemia = new("http://snomed.info/sct", "55822004", "Hyperlipidemia");

    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        var parts = new List<(string En, string Zh, int Level, string Reference)>();
        if (context.Report("ldl") is { } ldl && Ldl(ldl.Value!.Value) is { } ldlClass)
        {
            parts.Add(($"LDL-C {FindingText.Q(ldl)} {ldlClass.Words.English}", $"低密度脂蛋白胆固醇 {FindingText.Q(ldl)} {ldlClass.Words.SimplifiedChinese}", ldlClass.Level, ldl.Result.Reference));
        }

        if (context.Report("cholesterol-total") is { } tc && TotalCholesterol(tc.Value!.Value) is { } tcClass)
        {
            parts.Add(($"total cholesterol {FindingText.Q(tc)} {tcClass.Words.English}", $"总胆固醇 {FindingText.Q(tc)} {tcClass.Words.SimplifiedChinese}", tcClass.Level, tc.Result.Reference));
        }

        if (context.Report("triglycerides") is { } tg && Triglycerides(tg.Value!.Value) is { } tgClass)
        {
            parts.Add(($"triglycerides {FindingText.Q(tg)} {tgClass.Words.English}", $"甘油三酯 {FindingText.Q(tg)} {tgClass.Words.SimplifiedChinese}", tgClass.Level, tg.Result.Reference));
        }

        if (context.Report("hdl") is { } hdl && hdl.Value < 40m)
        {
            parts.Add(($"HDL-C {FindingText.Q(hdl)} low (< 40 mg/dL)", $"高密度脂蛋白胆固醇 {FindingText.Q(hdl)} 偏低（< 40 mg/dL）", 1, hdl.Result.Reference));
        }

        if (parts.Count == 0)
        {
            return;
        }

        var top = parts.Max(p => p.Level);
        findings.Add(FindingText.Finding(
            "dyslipidaemia-atp3",
            top >= 3 ? FindingSeverity.Warning : FindingSeverity.Info,
            top >= 2 ? Hyperlipidaemia : null,
            parts.Select(p => p.Reference),
            context.Cite("ncep-atp3"),
            $"Lipids by NCEP ATP III: {string.Join("; ", parts.Select(p => p.En))}. This suggests dyslipidaemia; weigh it with the patient's overall cardiovascular risk.",
            $"按NCEP ATP III血脂分级：{string.Join("；", parts.Select(p => p.Zh))}。提示血脂异常，应结合总体心血管风险评估。",
            "Some of your blood fat (cholesterol) results are outside the healthy range. Your doctor will look at them together with your other heart risk factors.",
            "您的部分血脂（胆固醇）结果超出健康范围。医生会结合您的其他心血管危险因素一起评估。"));
    }

    internal static (LocalizedText Words, int Level)? Ldl(decimal mgPerDl) => mgPerDl switch
    {
        >= 190m => (new("very high (≥ 190 mg/dL)", "极高（≥ 190 mg/dL）"), 3),
        >= 160m => (new("high (160-189 mg/dL)", "高（160–189 mg/dL）"), 2),
        >= 130m => (new("borderline high (130-159 mg/dL)", "临界升高（130–159 mg/dL）"), 1),
        _ => null,
    };

    internal static (LocalizedText Words, int Level)? TotalCholesterol(decimal mgPerDl) => mgPerDl switch
    {
        >= 240m => (new("high (≥ 240 mg/dL)", "高（≥ 240 mg/dL）"), 2),
        >= 200m => (new("borderline high (200-239 mg/dL)", "临界升高（200–239 mg/dL）"), 1),
        _ => null,
    };

    internal static (LocalizedText Words, int Level)? Triglycerides(decimal mgPerDl) => mgPerDl switch
    {
        >= 500m => (new("very high (≥ 500 mg/dL)", "极高（≥ 500 mg/dL）"), 3),
        >= 200m => (new("high (200-499 mg/dL)", "高（200–499 mg/dL）"), 2),
        >= 150m => (new("borderline high (150-199 mg/dL)", "临界升高（150–199 mg/dL）"), 1),
        _ => null,
    };
}
