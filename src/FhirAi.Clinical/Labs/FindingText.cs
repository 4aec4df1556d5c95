using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>Builds findings with the decision-support sentence every text ends with.</summary>
internal static class FindingText
{
    public const string RuleVersion = "1.0.0";

    private const string DecisionSupportEn = " Decision support, not a diagnosis.";
    private const string DecisionSupportZh = "本结果为辅助决策，不是诊断。";

    public static PatternFinding Finding(
        string ruleId, FindingSeverity severity, CodedConcept? code, IEnumerable<string> evidence, Citation citation,
        string clinicianEn, string clinicianZh, string patientEn, string patientZh) => new()
    {
        RuleId = ruleId,
        RuleVersion = RuleVersion,
        Severity = severity,
        Code = code,
        Evidence = evidence.Distinct(StringComparer.Ordinal).ToList(),
        Citation = citation,
        ClinicianText = new LocalizedText(clinicianEn + DecisionSupportEn, clinicianZh + DecisionSupportZh),
        PatientText = new LocalizedText(patientEn + DecisionSupportEn, patientZh + DecisionSupportZh),
    };

    public static string Q(ResultInterpretation r) => LabText.Quantity(r.Value!.Value, r.CanonicalUnit ?? string.Empty);

    public static string N(decimal value) => LabText.Number(value);
}
