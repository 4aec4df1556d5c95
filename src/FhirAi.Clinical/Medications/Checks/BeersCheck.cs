using System.Globalization;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>AGS Beers Criteria 2023 flags of proposed entries, for patients 65 years and older only.</summary>
internal static class BeersCheck
{
    public const int MinimumAgeYears = 65;

    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        if (context.Input.AgeYears is not { } age || age < MinimumAgeYears)
        {
            yield break;
        }

        foreach (var proposed in context.Proposed)
        {
            foreach (var ingredient in proposed.Ingredients.Where(i => i.Beers is not null))
            {
                foreach (var flag in ingredient.Beers!)
                {
                    if (flag.OnlyAboveDailyDose is { } threshold
                        && (DailyDose.Milligrams(proposed, ingredient.Id) is not { } daily || daily <= threshold.Milligrams))
                    {
                        continue;
                    }

                    yield return Finding(context.Knowledge, age, proposed, ingredient, flag);
                }
            }
        }
    }

    private static MedicationFinding Finding(DrugKnowledgeBase knowledge, int age, ResolvedMedication proposed, IngredientEntry ingredient, BeersFlag flag)
    {
        var ageText = age.ToString(CultureInfo.InvariantCulture);
        return new MedicationFinding
        {
            Kind = FindingKind.Beers,
            IssueCode = IssueCodes.Geriatric,
            Severity = Severities.Parse(flag.Severity),
            Implicated = [proposed.Entry.Reference],
            RuleId = $"beers2023.{ingredient.Id.Replace(' ', '-')}",
            Citation = knowledge.Cite(flag.Source),
            Detail = new LocalizedText(
                $"AGS Beers 2023 ({flag.Criterion}), patient aged {ageText}: {ingredient.Name}. {flag.Text.En} {flag.Rationale.En}",
                $"AGS Beers 2023（{flag.Criterion}），患者{ageText}岁：{ingredient.NameZh}。{flag.Text.Zh}{flag.Rationale.Zh}"),
            Mitigation = flag.Recommendation == "avoid"
                ? new LocalizedText(
                    "Consider a safer alternative or deprescribing; if continued, document the reason and monitor.",
                    "考虑更安全的替代药物或减停；如继续使用，记录理由并监测。")
                : new LocalizedText("Use with caution and monitor for the adverse effects named.", "谨慎使用，并监测上述不良反应。"),
            LowConfidenceMatch = proposed.LowConfidence,
        };
    }
}
