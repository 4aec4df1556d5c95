using System.Globalization;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Dose range: for each ingredient of a proposed entry with an adult maximum daily dose, the daily amount of the
/// proposed entry (dose × times per day, unit-aware) plus that of every other entry with the same ingredient and a
/// known dose; above the maximum is moderate, at 1.5 times the maximum or more high. One finding per ingredient.
/// </summary>
internal static class DoseRangeCheck
{
    public const decimal HighSeverityFactor = 1.5m;

    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proposed in context.Proposed)
        {
            foreach (var ingredient in proposed.Ingredients.Where(i => i.MaxDailyDose is not null))
            {
                var max = ingredient.MaxDailyDose!;
                if (!DailyDose.RouteApplies(proposed, max.Route) || DailyDose.Milligrams(proposed, ingredient.Id) is null || !done.Add(ingredient.Id))
                {
                    continue;
                }

                var contributions = context.All
                    .Where(m => m.HasIngredient(ingredient.Id) && DailyDose.RouteApplies(m, max.Route))
                    .Select(m => (Medication: m, Milligrams: DailyDose.Milligrams(m, ingredient.Id)))
                    .Where(c => c.Milligrams is not null)
                    .DistinctBy(c => c.Medication.Entry.Reference)
                    .ToArray();
                var total = contributions.Sum(c => c.Milligrams!.Value);
                var limit = max.Milligrams;
                if (total <= limit)
                {
                    continue;
                }

                yield return Finding(context.Knowledge, ingredient, contributions, total, limit);
            }
        }
    }

    private static MedicationFinding Finding(
        DrugKnowledgeBase knowledge,
        IngredientEntry ingredient,
        (ResolvedMedication Medication, decimal? Milligrams)[] contributions,
        decimal total,
        decimal limit)
    {
        var totalText = total.ToString("0.##", CultureInfo.InvariantCulture);
        var limitText = limit.ToString("0.##", CultureInfo.InvariantCulture);
        var combined = contributions.Length > 1 ? $" across {contributions.Length} orders" : string.Empty;
        var combinedZh = contributions.Length > 1 ? $"（合计{contributions.Length}项医嘱）" : string.Empty;
        return new MedicationFinding
        {
            Kind = FindingKind.DoseRange,
            IssueCode = IssueCodes.HighDose,
            Severity = total >= limit * HighSeverityFactor ? IssueSeverity.High : IssueSeverity.Moderate,
            Implicated = contributions.Select(c => c.Medication.Entry.Reference).ToArray(),
            RuleId = $"dose.{ingredient.Id.Replace(' ', '-')}.max-daily",
            Citation = knowledge.Cite(ingredient.MaxDailyDose!.Source!),
            Detail = new LocalizedText(
                $"{ingredient.Name}: {totalText} mg/day ordered{combined} (dose × frequency) exceeds the adult maximum of {limitText} mg/day.",
                $"{ingredient.NameZh}：医嘱每日{totalText} mg{combinedZh}（剂量×频次），超过成人每日最大剂量{limitText} mg。"),
            Mitigation = new LocalizedText(
                $"Check the dose and frequency; keep the total {ingredient.Name} at or below {limitText} mg/day unless a specialist indication is documented.",
                $"核对剂量和频次；除非记录有专科适应证，{ingredient.NameZh}每日总量不超过{limitText} mg。"),
            LowConfidenceMatch = contributions.Any(c => c.Medication.LowConfidence),
        };
    }
}
