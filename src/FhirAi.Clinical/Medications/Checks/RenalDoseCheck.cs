using System.Globalization;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Renal dose limits of proposed entries from the latest eGFR: the most restrictive rule whose threshold the eGFR is
/// below applies; a "reduce" rule with a maximum is silent when the ordered daily dose is known and within it.
/// </summary>
internal static class RenalDoseCheck
{
    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        if (context.Input.Renal is not { } renal)
        {
            yield break;
        }

        foreach (var proposed in context.Proposed)
        {
            foreach (var ingredient in proposed.Ingredients.Where(i => i.Renal is not null))
            {
                var rule = ingredient.Renal!.Where(r => renal.Egfr < r.EgfrBelow).MinBy(r => r.EgfrBelow);
                if (rule is null)
                {
                    continue;
                }

                var daily = DailyDose.Milligrams(proposed, ingredient.Id);
                if (rule.Action == "reduce" && rule.MaxDailyDose is { } limit && daily is { } ordered && ordered <= limit.Milligrams)
                {
                    continue;
                }

                yield return Finding(context.Knowledge, renal, proposed, ingredient, rule, daily);
            }
        }
    }

    private static MedicationFinding Finding(DrugKnowledgeBase knowledge, RenalFunction renal, ResolvedMedication proposed, IngredientEntry ingredient, RenalRule rule, decimal? daily)
    {
        var egfr = renal.Egfr.ToString("0.#", CultureInfo.InvariantCulture);
        var how = renal.Computed ? " (computed from creatinine with CKD-EPI 2021)" : string.Empty;
        var howZh = renal.Computed ? "（由肌酐按CKD-EPI 2021计算）" : string.Empty;
        var measure = rule.Measure == "CrCl"
            ? " The label threshold is a Cockcroft–Gault creatinine clearance; eGFR is used here as its approximation."
            : string.Empty;
        var measureZh = rule.Measure == "CrCl" ? "说明书阈值为Cockcroft–Gault肌酐清除率，此处以eGFR近似。" : string.Empty;
        var ordered = daily is { } d ? $" Ordered: {d.ToString("0.##", CultureInfo.InvariantCulture)} mg/day." : string.Empty;
        var orderedZh = daily is { } dz ? $"当前医嘱：每日{dz.ToString("0.##", CultureInfo.InvariantCulture)} mg。" : string.Empty;
        var mitigation = rule.Action == "avoid"
            ? new LocalizedText(
                $"Avoid {ingredient.Name} at this level of kidney function; choose an alternative or confirm renal function first.",
                $"在此肾功能水平下避免使用{ingredient.NameZh}；改用替代药物或先复核肾功能。")
            : rule.MaxDailyDose is { } max
                ? new LocalizedText(
                    $"Reduce {ingredient.Name} to at most {max.Value.ToString(CultureInfo.InvariantCulture)} {max.Unit}/day and monitor renal function.",
                    $"将{ingredient.NameZh}减至每日不超过{max.Value.ToString(CultureInfo.InvariantCulture)} {max.Unit}，并监测肾功能。")
                : new LocalizedText(
                    $"Adjust the {ingredient.Name} dose for renal function as labelled and monitor.",
                    $"按说明书根据肾功能调整{ingredient.NameZh}剂量并监测。");
        return new MedicationFinding
        {
            Kind = FindingKind.RenalDose,
            IssueCode = IssueCodes.Lab,
            Severity = Severities.Parse(rule.Severity),
            Implicated = [proposed.Entry.Reference],
            Evidence = renal.EvidenceReference is { } evidence ? [evidence] : [],
            RuleId = $"renal.{ingredient.Id.Replace(' ', '-')}.below-{rule.EgfrBelow.ToString(CultureInfo.InvariantCulture)}",
            Citation = knowledge.Cite(rule.Source),
            Detail = new LocalizedText(
                $"eGFR {egfr} mL/min/1.73 m²{how}. {rule.Text.En}{measure}{ordered}",
                $"eGFR {egfr} mL/min/1.73 m²{howZh}。{rule.Text.Zh}{measureZh}{orderedZh}"),
            Mitigation = mitigation,
            LowConfidenceMatch = proposed.LowConfidence,
        };
    }
}
