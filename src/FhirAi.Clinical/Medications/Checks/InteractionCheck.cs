using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Drug–drug interactions: each proposed entry against the later proposed ones and the current list, every rule
/// tried in both orders, one finding per rule per pair of entries.
/// </summary>
internal static class InteractionCheck
{
    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (proposed, other) in context.Pairs())
        {
            foreach (var rule in context.Knowledge.InteractionRules)
            {
                if (rule.MinAgeYears is { } minimum && (context.Input.AgeYears is not { } age || age < minimum))
                {
                    continue;
                }

                var match = Match(rule, proposed, other) ?? Match(rule, other, proposed);
                if (match is null || !seen.Add(PairKey(rule.Id, proposed, other)))
                {
                    continue;
                }

                yield return Finding(context.Knowledge, rule, match.Value, proposed, other);
            }
        }
    }

    /// <summary>The entry's ingredient ids on this side of a rule ("class" for a class-only entry whose class matches); empty when none.</summary>
    internal static IReadOnlyList<string> Matching(InteractionSide side, ResolvedMedication medication)
    {
        if (medication.Ingredients.Count == 0)
        {
            return side.Classes?.Any(medication.Classes.Contains) == true ? ["class"] : [];
        }

        return medication.Ingredients
            .Where(i => side.ExcludeIngredients?.Contains(i.Id) != true)
            .Where(i => side.Ingredients?.Contains(i.Id) == true || side.Classes?.Any(i.Classes.Contains) == true)
            .Select(i => i.Id)
            .ToArray();
    }

    /// <summary>
    /// A cheap, allocation-free test that the entry could be on this side (it ignores exclusions); most pairs meet no
    /// rule, so <see cref="Matching"/> runs only when both sides pass.
    /// </summary>
    internal static bool Touches(InteractionSide side, ResolvedMedication medication)
    {
        if (side.Classes is { } classes)
        {
            foreach (var id in classes)
            {
                if (medication.Classes.Contains(id))
                {
                    return true;
                }
            }
        }

        if (side.Ingredients is { } ingredients)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (ingredients.Contains(ingredient.Id))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (string A, string B, ResolvedMedication First, ResolvedMedication Second)? Match(InteractionRule rule, ResolvedMedication first, ResolvedMedication second)
    {
        if (!Touches(rule.A, first) || !Touches(rule.B, second))
        {
            return null;
        }

        var a = Matching(rule.A, first);
        var b = Matching(rule.B, second);
        // Two different ingredients must meet: the same drug on both sides is duplicate therapy, not an interaction.
        foreach (var x in a)
        {
            foreach (var y in b.Where(y => y != x || x == "class"))
            {
                return (x, y, first, second);
            }
        }

        return null;
    }

    private static string PairKey(string ruleId, ResolvedMedication x, ResolvedMedication y) =>
        string.CompareOrdinal(x.Entry.Reference, y.Entry.Reference) <= 0
            ? $"{ruleId}|{x.Entry.Reference}|{y.Entry.Reference}"
            : $"{ruleId}|{y.Entry.Reference}|{x.Entry.Reference}";

    private static MedicationFinding Finding(
        DrugKnowledgeBase knowledge,
        InteractionRule rule,
        (string A, string B, ResolvedMedication First, ResolvedMedication Second) match,
        ResolvedMedication proposed,
        ResolvedMedication other)
    {
        var (nameAEn, nameAZh) = Names(knowledge, match.A, match.First);
        var (nameBEn, nameBZh) = Names(knowledge, match.B, match.Second);
        var onc = rule.OncPair is { } pair ? $" (ONC high-priority pair {pair})" : string.Empty;
        var oncZh = rule.OncPair is { } pairZh ? $"（ONC高优先级相互作用第{pairZh}对）" : string.Empty;
        return new MedicationFinding
        {
            Kind = FindingKind.Interaction,
            IssueCode = IssueCodes.DrugInteraction,
            Severity = Severities.Parse(rule.Severity),
            Implicated = [proposed.Entry.Reference, other.Entry.Reference],
            RuleId = rule.Id,
            Citation = knowledge.Cite(rule.Source),
            Detail = new LocalizedText(
                $"Interaction between {nameAEn} and {nameBEn}{onc}: {rule.Mechanism.En}",
                $"{nameAZh}与{nameBZh}存在相互作用{oncZh}：{rule.Mechanism.Zh}"),
            Mitigation = rule.Management.ToLocalized(),
            LowConfidenceMatch = proposed.LowConfidence || other.LowConfidence,
        };
    }

    private static (string En, string Zh) Names(DrugKnowledgeBase knowledge, string ingredientId, ResolvedMedication medication)
    {
        var ingredient = knowledge.IngredientById(ingredientId);
        return ingredient is null
            ? (medication.NameEn, medication.NameZh)
            : (ingredient.Name, ingredient.NameZh);
    }
}
