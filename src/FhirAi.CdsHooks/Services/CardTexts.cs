using FhirAi.CdsHooks.Protocol;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;

namespace FhirAi.CdsHooks.Services;

/// <summary>The fixed texts of FhirAi's cards in English and Simplified Chinese, and the card rules on length and indicator.</summary>
internal static class CardTexts
{
    /// <summary>The spec's limit: a summary is under 140 characters.</summary>
    public const int MaxSummaryLength = 139;

    public const string OverrideReasonSystem = "https://fhirai.org/cds-hooks/CodeSystem/override-reason";

    public static readonly LocalizedText DecisionSupport = new(
        "_Decision support for the clinician, not a diagnosis: check it against the patient before acting._",
        "_供临床医生参考的决策支持，并非诊断：请结合患者情况核实后再采取行动。_");

    public static readonly LocalizedText MedicationSource = new("FhirAi medication review", "FhirAi 用药审查");

    public static readonly LocalizedText LabSource = new("FhirAi lab interpretation", "FhirAi 检验结果解读");

    public static readonly LocalizedText RiskSource = new("FhirAi risk equations", "FhirAi 风险方程");

    public static readonly LocalizedText SourceHeading = new("Source", "来源");

    public static readonly LocalizedText Management = new("Management", "处理建议");

    public static readonly LocalizedText Evidence = new("Evidence", "证据");

    /// <summary>The override reasons every medication card offers (code → display).</summary>
    public static IReadOnlyList<(string Code, LocalizedText Display)> OverrideReasons { get; } =
    [
        ("benefit-outweighs-risk", new("Benefit outweighs the risk for this patient", "对该患者获益大于风险")),
        ("monitoring-in-place", new("Will monitor (labs, INR, symptoms)", "将进行监测（检验、INR、症状）")),
        ("already-aware", new("Already aware; managed outside this order", "已知晓，已在本医嘱之外处理")),
        ("not-applicable", new("Not applicable to this patient", "不适用于该患者")),
    ];

    public static LocalizedText KindTitle(FindingKind kind) => kind switch
    {
        FindingKind.Interaction => new("Interaction", "药物相互作用"),
        FindingKind.DuplicateTherapy => new("Duplicate therapy", "重复用药"),
        FindingKind.Allergy => new("Allergy conflict", "过敏冲突"),
        FindingKind.RenalDose => new("Renal dose limit", "肾功能剂量限制"),
        FindingKind.DoseRange => new("Dose above the daily maximum", "超过最大日剂量"),
        FindingKind.Beers => new("Beers 2023 (older adults)", "Beers 2023（老年人）"),
        _ => new("Medication issue", "用药问题"),
    };

    public static LocalizedText DeleteLabel(string drug) => new($"Remove the draft order for {drug}", $"撤销 {drug} 的草稿医嘱");

    public static LocalizedText DeleteDescription(string drug) => new($"Delete the draft order for {drug} before signing.", $"签署前删除 {drug} 的草稿医嘱。");

    public static LocalizedText CriticalResult => new("Critical result", "危急值");

    public static LocalizedText AbnormalResults(int count) => new($"{count} abnormal recent result(s)", $"{count} 项近期异常结果");

    /// <summary>info, warning, critical (the spec's order of increasing urgency).</summary>
    public static string Indicator(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "critical",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>A medication issue's urgency: high → critical, moderate → warning, low → info.</summary>
    public static FindingSeverity SeverityOf(IssueSeverity severity) => severity switch
    {
        IssueSeverity.High => FindingSeverity.Critical,
        IssueSeverity.Moderate => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    /// <summary>A summary cut to the spec's limit on a character boundary, with an ellipsis when cut; no line breaks.</summary>
    public static string Summary(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        if (oneLine.Length <= MaxSummaryLength)
        {
            return oneLine;
        }

        var cut = MaxSummaryLength - 1;
        if (char.IsHighSurrogate(oneLine[cut - 1]))
        {
            cut--;
        }

        return oneLine[..cut].TrimEnd() + "…";
    }

    /// <summary>Escapes characters that Markdown would read as markup in data-derived text (drug names, lab names).</summary>
    public static string Markdown(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>An absolute http(s) URL or null: source.url and links must be absolute.</summary>
    public static string? AbsoluteUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;

    public static CardLink? Link(Citation citation) =>
        AbsoluteUrl(citation.Url) is { } url ? new CardLink { Label = Summary(citation.Text), Url = url, Type = "absolute" } : null;
}
