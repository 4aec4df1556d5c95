using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// One critical finding per result flagged LL, HH or AA. Potassium, sodium, calcium and glucose are the electrolyte
/// emergencies ("electrolyte-emergency"); any other critical result is "critical-value". Limits: Kost 1990.
/// </summary>
internal static class CriticalValueRule
{
    private static readonly HashSet<string> Electrolytes = new(StringComparer.Ordinal) { "potassium", "sodium", "calcium", "calcium-ionized", "glucose", "glucose-fasting" };

    // SNOMED CT codes checked against two public code tables (see docs/lab-knowledge.md); others stay uncoded.
    private static readonly CodedConcept Hyperkalaemia = new("http://snomed.info/sct", "14140009", "Hyperkalemia");
    private static readonly CodedConcept Hypokalaemia = new("http://snomed.info/sct", "43339004", "Hypokalemia");

    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        foreach (var r in context.Results.Where(r => r.Flag is "LL" or "HH" or "AA" && r.Test is not null))
        {
            var test = r.Test!;
            var electrolyte = Electrolytes.Contains(test.Id);
            var code = test.Id == "potassium" ? (r.Flag == "HH" ? Hyperkalaemia : Hypokalaemia) : null;
            var words = LabText.FlagWords(r.Flag!);
            var shown = r.Value is null ? (r.Result.CodedValue?.Display ?? r.Result.CodedValue?.Code ?? string.Empty) : FindingText.Q(r);
            var limitValue = r.Flag switch { "HH" => test.Critical?.High, "LL" => test.Critical?.Low, _ => null };
            var sign = r.Flag == "HH" ? "≥" : "≤";
            var limit = limitValue is { } lv ? $"; critical limit {sign} {LabText.Quantity(lv, test.CanonicalUnit)}" : string.Empty;
            var limitZh = limitValue is { } lz ? $"；危急值界限 {sign} {LabText.Quantity(lz, test.CanonicalUnit)}" : string.Empty;
            var potassiumHint = test.Id == "potassium" && r.Flag == "HH";
            findings.Add(FindingText.Finding(
                electrolyte ? "electrolyte-emergency" : "critical-value",
                FindingSeverity.Critical,
                code,
                [r.Result.Reference],
                context.Cite("kost1990"),
                $"Critical result: {test.Name.English} {shown} is {words.English} ({r.Flag}{limit}). Needs urgent clinician review under the site's critical-result policy"
                    + (potassiumHint ? "; repeat to exclude haemolysis and check an ECG." : "."),
                $"危急值：{test.Name.SimplifiedChinese} {shown}，{words.SimplifiedChinese}（{r.Flag}{limitZh}）。需按本机构危急值制度立即由临床医生处理"
                    + (potassiumHint ? "；请复查以排除溶血，并做心电图。" : "。"),
                $"Your {test.Name.English.ToLowerInvariant()} result is at a level that needs urgent attention. Your care team should contact you promptly; if you feel unwell, seek care now.",
                $"您的{test.Name.SimplifiedChinese}结果达到需要紧急处理的水平。医护团队应尽快联系您；如感到不适，请立即就医。"));
        }
    }
}
