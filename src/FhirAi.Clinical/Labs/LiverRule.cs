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

    internal static (string English, string Chinese) Pattern(decimal r) => r >= 5m ? ("hepatocellular", "肝细胞") : r <= 2m ? ("cholestatic", "胆汁淤积") : ("mixed", "混合");
}
