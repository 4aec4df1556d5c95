using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>The fixed clinician-facing texts of review outputs, in every output language.</summary>
internal static class ReviewTexts
{
    public static readonly LocalizedText DecisionSupport = new(
        "Decision support for the prescribing clinician, not a diagnosis: check it against the patient before acting.",
        "供处方医生参考的临床决策支持，并非诊断：请结合患者情况核实后再采取行动。");

    public static readonly LocalizedText Source = new("Source", "来源");

    public static readonly LocalizedText Suggested = new("Suggested", "建议");

    public static readonly LocalizedText Rule = new("rule", "规则");

    public static readonly LocalizedText KnowledgeBase = new("drug knowledge base", "药物知识库");

    public static readonly LocalizedText LowConfidence = new(
        "Lower confidence: the medication was recognised by its name only, not by a code; verify it.",
        "置信度较低：该药物仅按名称而非编码识别，请核实。");

    public static readonly LocalizedText ReviewActivity = new(
        "Medication review by FhirAi (decision support)", "FhirAi 用药审查（临床决策支持）");

    public static readonly LocalizedText DeviceName = new("FhirAi medication review", "FhirAi 用药审查");

    public static readonly LocalizedText NotChecked = new(
        "not found in the drug knowledge base; it was not checked", "未在药物知识库中找到，未进行审查");

    public static LocalizedText Title(FindingKind kind) => kind switch
    {
        FindingKind.Interaction => new("Drug-drug interaction", "药物相互作用"),
        FindingKind.DuplicateTherapy => new("Duplicate therapy", "重复用药"),
        FindingKind.Allergy => new("Allergy conflict", "过敏冲突"),
        FindingKind.RenalDose => new("Renal dose limit", "肾功能剂量限制"),
        FindingKind.DoseRange => new("Dose above the maximum daily dose", "超过最大日剂量"),
        FindingKind.Beers => new("Potentially inappropriate in older adults (AGS Beers Criteria 2023)", "老年人潜在不适当用药（AGS Beers 标准 2023）"),
        _ => new("Medication issue", "用药问题"),
    };

    public static LocalizedText SeverityName(IssueSeverity severity) => severity switch
    {
        IssueSeverity.High => new("high severity", "高严重度"),
        IssueSeverity.Moderate => new("moderate severity", "中等严重度"),
        _ => new("low severity", "低严重度"),
    };

    /// <summary>The one-line summary of a review (the <c>note</c> output).</summary>
    public static string Summary(OutputLanguage language, int issues, int proposed, MedicationReviewContext context, int unresolved)
    {
        var input = context.Input;
        var renal = input.Renal is { } r
            ? (language == OutputLanguage.SimplifiedChinese
                ? $"eGFR {r.Egfr.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}{(r.Computed ? "（由肌酐按 CKD-EPI 2021 计算）" : string.Empty)}"
                : $"eGFR {r.Egfr.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}{(r.Computed ? " (computed from creatinine, CKD-EPI 2021)" : string.Empty)}")
            : (language == OutputLanguage.SimplifiedChinese ? "无 eGFR" : "no eGFR");
        var age = input.AgeYears is { } years
            ? (language == OutputLanguage.SimplifiedChinese ? $"{years} 岁" : $"age {years}")
            : (language == OutputLanguage.SimplifiedChinese ? "年龄未知" : "age unknown");
        return language == OutputLanguage.SimplifiedChinese
            ? $"用药审查：{proposed} 项拟用医嘱，对照 {input.Current.Count} 项当前用药、{input.Allergies.Count} 项过敏记录、{renal}、{age}，发现 {issues} 个问题" +
              (unresolved > 0 ? $"；{unresolved} 项药物无法识别，未审查" : string.Empty) + "。" + DecisionSupport.SimplifiedChinese
            : $"Medication review of {proposed} proposed order(s) against {input.Current.Count} current medication(s), {input.Allergies.Count} allergy record(s), {renal}, {age}: {issues} issue(s)" +
              (unresolved > 0 ? $"; {unresolved} medication(s) could not be resolved and were not checked" : string.Empty) + ". " + DecisionSupport.English;
    }
}
