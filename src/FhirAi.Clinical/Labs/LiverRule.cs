using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Liver injury pattern by the R-factor (ACG): R = (ALT/ULN_ALT)/(ALP/ULN_ALP), each ULN the upper limit of the range the
/// result was judged against (the lab's own where given). Fires when ALT or ALP is above its ULN; R ≥ 5 hepatocellular,
/// R ≤ 2 cholestatic, otherwise mixed.
/// </summary>
internal static class LiverRule
{
    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        if (context.Report("alt") is not { Range.High: > 0 } alt || context.Report("alp") is not { Range.High: > 0 } alp)
        {
            return;
        }

        var altUln = alt.Range!.High!.Value;
        var alpUln = alp.Range!.High!.Value;
        var altRatio = alt.Value!.Value / altUln;
        var alpRatio = alp.Value!.Value / alpUln;
        if ((altRatio <= 1m && alpRatio <= 1m) || alpRatio <= 0m)
        {
            return;
        }

        var r = altRatio / alpRatio;
        var (en, zh) = Pattern(r);
        findings.Add(FindingText.Finding(
            "liver-r-factor",
            FindingSeverity.Warning,
            null,
            [alt.Result.Reference, alp.Result.Reference],
            context.Cite("acg-dili"),
            $"ALT {FindingText.Q(alt)} ({FindingText.N(altRatio)} × ULN {FindingText.N(altUln)}) and ALP {FindingText.Q(alp)} ({FindingText.N(alpRatio)} × ULN {FindingText.N(alpUln)}) give R = {FindingText.N(r)}, which suggests a {en} pattern of liver injury (R ≥ 5 hepatocellular, 2 < R < 5 mixed, R ≤ 2 cholestatic).",
            $"ALT {FindingText.Q(alt)}（{FindingText.N(altRatio)} 倍正常上限 {FindingText.N(altUln)}），ALP {FindingText.Q(alp)}（{FindingText.N(alpRatio)} 倍正常上限 {FindingText.N(alpUln)}），R = {FindingText.N(r)}，提示{zh}型肝损伤（R ≥ 5 肝细胞型，2 < R < 5 混合型，R ≤ 2 胆汁淤积型）。",
            "Some of your liver tests are raised. Your doctor will look for the cause, which may include medicines, alcohol, infections or gallbladder problems.",
            "您的部分肝功能指标升高。医生会查找原因，可能包括药物、饮酒、感染或胆道问题。"));
    }

    /// <summary>
    /// Hy's law (FDA 2009): ALT or AST ≥ 3 × ULN with total bilirubin &gt; 2 × ULN and ALP &lt; 2 × ULN (no initial
    /// cholestasis). ALP must be reported: without it cholestasis cannot be excluded and the rule stays silent.
    /// </summary>
    public static void EvaluateHysLaw(ReportContext context, List<PatternFinding> findings)
    {
        if (context.Report("bilirubin-total") is not { Range.High: > 0 } bili || context.Report("alp") is not { Range.High: > 0 } alp)
        {
            return;
        }

        var transaminase = new[] { context.Report("alt"), context.Report("ast") }
            .Where(r => r is { Range.High: > 0 })
            .Select(r => (Result: r!, Ratio: r!.Value!.Value / r.Range!.High!.Value))
            .OrderByDescending(t => t.Ratio)
            .FirstOrDefault();
        var biliRatio = bili.Value!.Value / bili.Range!.High!.Value;
        var alpRatio = alp.Value!.Value / alp.Range!.High!.Value;
        if (transaminase.Result is null || transaminase.Ratio < 3m || biliRatio <= 2m || alpRatio >= 2m)
        {
            return;
        }

        var name = transaminase.Result.Test!.Name;
        findings.Add(FindingText.Finding(
            "hys-law",
            FindingSeverity.Warning,
            null,
            [transaminase.Result.Result.Reference, bili.Result.Reference, alp.Result.Reference],
            context.Cite("fda-dili-2009"),
            $"{name.English} {FindingText.N(transaminase.Ratio)} × ULN with total bilirubin {FindingText.N(biliRatio)} × ULN and ALP {FindingText.N(alpRatio)} × ULN match the Hy's law pattern (hepatocellular injury with jaundice), which signals a risk of severe drug-induced liver injury: review medicines and assess urgently; exclude viral, alcoholic, ischaemic and biliary causes.",
            $"{name.SimplifiedChinese} {FindingText.N(transaminase.Ratio)} 倍正常上限，总胆红素 {FindingText.N(biliRatio)} 倍正常上限，ALP {FindingText.N(alpRatio)} 倍正常上限，符合Hy法则模式（肝细胞损伤伴黄疸），提示重度药物性肝损伤风险：请核查用药并尽快评估；排除病毒性、酒精性、缺血性及胆道原因。",
            "Your liver tests show a pattern that needs prompt review by your doctor, including a check of the medicines you take. Please contact your care team soon.",
            "您的肝功能检查显示一种需要医生尽快评估的模式，包括核查您正在使用的药物。请尽快联系您的医护团队。"));
    }

    internal static (string English, string Chinese) Pattern(decimal r) => r >= 5m ? ("hepatocellular", "肝细胞") : r <= 2m ? ("cholestatic", "胆汁淤积") : ("mixed", "混合");
}
