using System.Globalization;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// AGS Beers Criteria 2023 flags of proposed entries, for patients 65 years and older only, and the Table 5 rule
/// against three or more CNS-active drugs when a proposed entry is one of them.
/// </summary>
internal static class BeersCheck
{
    public const int MinimumAgeYears = 65;

    public const int CnsActiveLimit = 3;

    private const string CnsActive = "cns-active";

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
                    if (proposed.Route is { } route && flag.ExceptRoutes?.Contains(route, StringComparer.OrdinalIgnoreCase) == true)
                    {
                        continue;
                    }

                    if (flag.OnlyAboveDailyDose is { } threshold
                        && (DailyDose.Milligrams(proposed, ingredient.Id) is not { } daily || daily <= threshold.Milligrams))
                    {
                        continue;
                    }

                    yield return Finding(context.Knowledge, age, proposed, ingredient, flag);
                }
            }
        }

        var cnsActive = context.All.Where(m => m.Classes.Contains(CnsActive)).ToArray();
        if (DistinctDrugs(cnsActive) >= CnsActiveLimit && context.Proposed.Any(p => p.Classes.Contains(CnsActive)))
        {
            yield return CnsActiveFinding(context.Knowledge, age, cnsActive);
        }
    }

    /// <summary>How many different CNS-active drugs the entries are: two orders of one ingredient are one drug; an entry known only by its class counts once.</summary>
    private static int DistinctDrugs(ResolvedMedication[] medications) =>
        medications.SelectMany(m => m.Ingredients.Count == 0
                ? [m.Entry.Reference]
                : m.Ingredients.Where(i => i.Classes.Contains(CnsActive)).Select(i => i.Id))
            .Distinct(StringComparer.Ordinal)
            .Count();

    private static MedicationFinding CnsActiveFinding(DrugKnowledgeBase knowledge, int age, ResolvedMedication[] medications)
    {
        var count = DistinctDrugs(medications).ToString(CultureInfo.InvariantCulture);
        return new MedicationFinding
        {
            Kind = FindingKind.Beers,
            IssueCode = IssueCodes.Geriatric,
            Severity = IssueSeverity.Moderate,
            Implicated = medications.Select(m => m.Entry.Reference).ToArray(),
            RuleId = "beers2023.cns-active-3",
            Citation = knowledge.Cite("beers2023-table5"),
            Detail = new LocalizedText(
                $"AGS Beers 2023 (Table 5), patient aged {age.ToString(CultureInfo.InvariantCulture)}: {count} CNS-active drugs together ({string.Join(", ", medications.Select(m => m.NameEn).Distinct())}). Three or more raise the risk of falls and fractures.",
                $"AGS Beers 2023（表5），患者{age.ToString(CultureInfo.InvariantCulture)}岁：同时使用{count}种中枢神经系统活性药物（{string.Join("、", medications.Select(m => m.NameZh).Distinct())}）。三种及以上会增加跌倒和骨折风险。"),
            Mitigation = new LocalizedText(
                "Avoid three or more CNS-active drugs; review which can be stopped or reduced.",
                "避免同时使用三种及以上中枢神经系统活性药物；评估可停用或减量的药物。"),
            LowConfidenceMatch = medications.Any(m => m.LowConfidence),
        };
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
