using FhirAi.Clinical.Common;
using FhirAi.Clinical.Renal;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// KDIGO GFR (G1-G5) and albuminuria (A1-A3) categories with the KDIGO risk colour. eGFR is the report's own, else
/// computed with CKD-EPI 2021 from the report's creatinine, age and sex (and the text says so); urine ACR may come from
/// the record. Fires for G3a or worse, or A2 or worse (a warning from G3b, A3 or a high KDIGO risk); CKD itself needs persistence for more than 3 months, so no
/// conclusion code is given.
/// </summary>
internal static class KidneyRule
{
    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        var evidence = new List<string>();
        decimal? egfr = null;
        string egfrEn = string.Empty, egfrZh = string.Empty;
        var computed = false;
        if (context.Report("egfr") is { } reported)
        {
            egfr = reported.Value;
            evidence.Add(reported.Result.Reference);
            egfrEn = $"eGFR {FindingText.Q(reported)}";
            egfrZh = $"eGFR {FindingText.Q(reported)}";
        }
        else if (context.Report("creatinine") is { } creatinine && context.Patient.AgeYears is { } age
            && CkdEpi2021Creatinine.Egfr((double)creatinine.Value!.Value, age, context.Patient.Sex) is { } value)
        {
            computed = true;
            egfr = decimal.Round((decimal)value, 1);
            evidence.Add(creatinine.Result.Reference);
            var sexEn = context.Patient.Sex == AdministrativeSex.Female ? "female" : "male";
            var sexZh = context.Patient.Sex == AdministrativeSex.Female ? "女性" : "男性";
            egfrEn = $"eGFR {N(egfr.Value)} mL/min/1.73 m² (computed with CKD-EPI 2021 from creatinine {FindingText.Q(creatinine)}, age {age}, {sexEn}; the report has no eGFR)";
            egfrZh = $"eGFR {N(egfr.Value)} mL/min/1.73 m²（报告无eGFR，按CKD-EPI 2021由肌酐 {FindingText.Q(creatinine)}、年龄 {age}、{sexZh}计算）";
        }

        var acr = context.ReportOrRecord("uacr");
        if (acr is not null)
        {
            evidence.Add(acr.Result.Reference);
        }

        var g = egfr is { } e ? GCategory(e) : null;
        var a = acr?.Value is { } ratio ? ACategory(ratio) : null;
        if (g is not ("G3a" or "G3b" or "G4" or "G5") && a is not ("A2" or "A3"))
        {
            return;
        }

        var parts = new List<string>();
        var partsZh = new List<string>();
        if (g is not null)
        {
            parts.Add($"{egfrEn} is in KDIGO GFR category {g}");
            partsZh.Add($"{egfrZh}，属KDIGO GFR分期 {g}");
        }

        if (a is not null)
        {
            var fromRecord = context.Report("uacr") is null;
            parts.Add($"urine ACR {FindingText.Q(acr!)}{(fromRecord ? " (earlier result from the record)" : string.Empty)} is albuminuria category {a}");
            partsZh.Add($"尿白蛋白/肌酐比值 {FindingText.Q(acr!)}{(fromRecord ? "（既往记录结果）" : string.Empty)}，属白蛋白尿分级 {a}");
        }

        var risk = g is not null && a is not null ? Risk(g, a) : null;
        var riskEn = risk is null ? string.Empty : $" KDIGO risk of progression: {risk.English}.";
        var riskZh = risk is null ? string.Empty : $"KDIGO进展风险：{risk.SimplifiedChinese}。";
        var severe = g is "G3b" or "G4" or "G5" || a == "A3" || (g is not null && a is not null && RiskLevel(g, a) >= 2);
        findings.Add(FindingText.Finding(
            "ckd-kdigo",
            severe ? FindingSeverity.Warning : FindingSeverity.Info,
            null,
            evidence,
            computed ? Cite(context, CkdEpi2021Creatinine.Source) : context.Cite("kdigo"),
            $"{string.Join("; ", parts)}.{riskEn} This suggests chronic kidney disease only if it persists for more than 3 months; repeat to confirm.",
            $"{string.Join("；", partsZh)}。{riskZh}仅当持续超过3个月时才提示慢性肾脏病；请复查确认。",
            "Your kidney test results are outside the usual range. Kidney function can change for short-term reasons, so your doctor may repeat the tests.",
            "您的肾功能检查结果超出正常范围。肾功能可能因短期原因波动，医生可能会安排复查。"));
    }

    internal static string GCategory(decimal egfr) => egfr switch
    {
        >= 90m => "G1",
        >= 60m => "G2",
        >= 45m => "G3a",
        >= 30m => "G3b",
        >= 15m => "G4",
        _ => "G5",
    };

    internal static string ACategory(decimal acrMgPerG) => acrMgPerG switch
    {
        < 30m => "A1",
        <= 300m => "A2",
        _ => "A3",
    };

    /// <summary>The KDIGO heat map: low (green), moderately increased (yellow), high (orange), very high (red).</summary>
    internal static LocalizedText? Risk(string g, string a) => RiskLevel(g, a) switch
        {
            0 => new LocalizedText("low (green)", "低（绿色）"),
            1 => new LocalizedText("moderately increased (yellow)", "中度增加（黄色）"),
            2 => new LocalizedText("high (orange)", "高（橙色）"),
            _ => new LocalizedText("very high (red)", "极高（红色）"),
        };

    /// <summary>0 low, 1 moderately increased, 2 high, 3 very high.</summary>
    internal static int RiskLevel(string g, string a) => (g, a) switch
    {
        ("G1" or "G2", "A1") => 0,
        ("G1" or "G2", "A2") or ("G3a", "A1") => 1,
        ("G1" or "G2", "A3") or ("G3a", "A2") or ("G3b", "A1") => 2,
        _ => 3,
    };

    private static Citation Cite(ReportContext context, Citation equation)
    {
        var kdigo = context.Cite("kdigo");
        return new Citation($"{kdigo.Text} | {equation.Text}", kdigo.Url ?? equation.Url);
    }

    private static string N(decimal value) => FindingText.N(value);
}
