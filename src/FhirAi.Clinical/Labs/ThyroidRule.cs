using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Thyroid patterns from the report's TSH and free T4 flags (each against the range it was judged by): high TSH with low
/// FT4 overt primary hypothyroidism, with normal FT4 subclinical; low TSH with high FT4 overt hyperthyroidism, with normal
/// FT4 subclinical; low FT4 with low or normal TSH central hypothyroidism or non-thyroidal illness; both high an unusual
/// pattern (TSH-secreting adenoma, hormone resistance, assay interference). An abnormal TSH without FT4 asks for FT4.
/// </summary>
internal static class ThyroidRule
{
    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        if (context.Report("tsh") is not { Flag: not null } tsh)
        {
            return;
        }

        var t = Direction(tsh.Flag);
        var ft4 = context.Report("free-t4") is { Flag: not null } f ? f : null;
        var f4 = ft4 is null ? (int?)null : Direction(ft4.Flag);
        var pattern = (t, f4) switch
        {
            (1, -1) => ("overt primary hypothyroidism", "显性原发性甲状腺功能减退", FindingSeverity.Warning),
            (1, 0) => ("subclinical hypothyroidism", "亚临床甲状腺功能减退", FindingSeverity.Info),
            (-1, 1) => ("overt hyperthyroidism", "显性甲状腺功能亢进", FindingSeverity.Warning),
            (-1, 0) => ("subclinical hyperthyroidism (consider T3 to exclude T3-toxicosis)", "亚临床甲状腺功能亢进（可查T3以排除T3型甲亢）", FindingSeverity.Info),
            (-1 or 0, -1) => ("central (secondary) hypothyroidism or non-thyroidal illness", "中枢性（继发性）甲状腺功能减退或非甲状腺疾病", FindingSeverity.Warning),
            (1, 1) => ("an unusual pattern (TSH-secreting adenoma, thyroid hormone resistance or assay interference)", "少见模式（TSH瘤、甲状腺激素抵抗或检测干扰）", FindingSeverity.Warning),
            (1 or -1, null) => ("an abnormal TSH; free T4 is needed to tell subclinical from overt disease", "TSH异常；需检测游离T4以区分亚临床与显性疾病", FindingSeverity.Info),
            _ => ((string, string, FindingSeverity)?)null,
        };
        if (pattern is not { } p)
        {
            return;
        }

        var evidence = ft4 is null ? new[] { tsh.Result.Reference } : [tsh.Result.Reference, ft4.Result.Reference];
        var ft4En = ft4 is null ? string.Empty : $" and free T4 {FindingText.Q(ft4)} ({ft4.Flag})";
        var ft4Zh = ft4 is null ? string.Empty : $"、游离T4 {FindingText.Q(ft4)}（{ft4.Flag}）";
        findings.Add(FindingText.Finding(
            "thyroid-pattern", p.Item3, null, evidence, context.Cite("thyroid-patterns"),
            $"TSH {FindingText.Q(tsh)} ({tsh.Flag}){ft4En} suggest {p.Item1}.",
            $"TSH {FindingText.Q(tsh)}（{tsh.Flag}）{ft4Zh}提示{p.Item2}。",
            "Your thyroid test results are outside the usual range. Your doctor will explain what they mean and whether more tests are needed.",
            "您的甲状腺检查结果超出正常范围。医生会向您解释其含义以及是否需要进一步检查。"));
    }

    private static int Direction(string? flag) => flag switch
    {
        "H" or "HH" => 1,
        "L" or "LL" => -1,
        _ => 0,
    };
}
