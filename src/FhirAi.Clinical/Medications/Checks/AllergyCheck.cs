using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Allergy conflicts of proposed entries: the same ingredient, a member of an allergy group the allergy names
/// (e.g. "Allergy to penicillin" → amoxicillin), another member of the allergen's own group, or a cross-reactive
/// group (penicillin → cephalosporin). One finding per proposed entry and allergy, at the most severe match.
/// </summary>
internal static class AllergyCheck
{
    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        var allergies = context.Input.Allergies.Select(a => Allergen.Resolve(context.Knowledge, a)).ToArray();
        foreach (var proposed in context.Proposed.Where(p => p.Ingredients.Count > 0))
        {
            foreach (var allergen in allergies)
            {
                if (BestMatch(context.Knowledge, allergen, proposed) is { } match)
                {
                    yield return Finding(context.Knowledge, allergen, proposed, match);
                }
            }
        }
    }

    private static Match? BestMatch(DrugKnowledgeBase knowledge, Allergen allergen, ResolvedMedication proposed)
    {
        Match? best = null;
        foreach (var ingredient in proposed.Ingredients)
        {
            Match? candidate = null;
            if (allergen.Ingredients.Contains(ingredient))
            {
                candidate = new Match(ingredient, IssueSeverity.High, "allergy.same-ingredient", null, null);
            }
            else
            {
                foreach (var group in allergen.Groups.Where(g => InGroup(g.Group, ingredient)))
                {
                    var severity = SeverityOf(group);
                    candidate = Better(candidate, new Match(ingredient, severity, "allergy.group." + group.Group.Id, group.Group, null));
                }

                foreach (var group in allergen.Groups)
                {
                    foreach (var cross in group.Group.CrossReactive)
                    {
                        var target = knowledge.AllergyGroupById(cross.Group)!;
                        if (InGroup(target, ingredient))
                        {
                            candidate = Better(candidate, new Match(ingredient, Severities.Parse(cross.Severity), $"allergy.cross.{group.Group.Id}.{target.Id}", target, cross));
                        }
                    }
                }
            }

            best = Better(best, candidate);
        }

        return best;

        static IssueSeverity SeverityOf((AllergyGroup Group, bool Named) group) =>
            group.Named ? IssueSeverity.High : Severities.Parse(group.Group.WithinGroupSeverity);
    }

    private static Match? Better(Match? current, Match? candidate) =>
        candidate is null ? current : current is null || candidate.Severity < current.Severity ? candidate : current;

    private static bool InGroup(AllergyGroup group, IngredientEntry ingredient) => group.MemberClasses.Any(ingredient.Classes.Contains);

    private static MedicationFinding Finding(DrugKnowledgeBase knowledge, Allergen allergen, ResolvedMedication proposed, Match match)
    {
        var allergyEn = allergen.Entry.Text ?? allergen.Entry.Codes.FirstOrDefault()?.Display ?? allergen.Entry.Reference;
        var (detailEn, detailZh) = match.Cross is { } cross
            ? ($"Possible cross-sensitivity: the patient has a recorded allergy ({allergyEn}) and {match.Ingredient.Name} is in the related {match.Group!.Name.En} group. {cross.Text.En}",
               $"可能交叉过敏：患者有过敏记录（{allergyEn}），{match.Ingredient.NameZh}属于相关的{match.Group!.Name.Zh}。{cross.Text.Zh}")
            : match.Group is { } group
                ? ($"Allergy conflict: the patient has a recorded allergy ({allergyEn}) and {match.Ingredient.Name} belongs to the {group.Name.En} group.",
                   $"过敏冲突：患者有过敏记录（{allergyEn}），{match.Ingredient.NameZh}属于{group.Name.Zh}。")
                : ($"Allergy conflict: the patient has a recorded allergy to {match.Ingredient.Name} ({allergyEn}).",
                   $"过敏冲突：患者有{match.Ingredient.NameZh}过敏记录（{allergyEn}）。");
        var criticality = allergen.Entry.Criticality == "high" ? " Recorded criticality: high." : string.Empty;
        var criticalityZh = allergen.Entry.Criticality == "high" ? "记录的危急程度：高。" : string.Empty;
        var source = match.Group?.Source ?? allergen.Groups.FirstOrDefault().Group?.Source ?? "allergy-practice-2022";
        return new MedicationFinding
        {
            Kind = FindingKind.Allergy,
            IssueCode = IssueCodes.Allergy,
            Severity = match.Severity,
            Implicated = [proposed.Entry.Reference],
            Evidence = [allergen.Entry.Reference],
            RuleId = match.RuleId,
            Citation = knowledge.Cite(source),
            Detail = new LocalizedText(detailEn + criticality, detailZh + criticalityZh),
            Mitigation = match.Severity == IssueSeverity.High
                ? new LocalizedText(
                    "Do not give; choose an agent from a different class, or confirm the allergy history (e.g. allergy testing) before ordering.",
                    "不应使用；改用其他类别药物，或在开具前核实过敏史（如过敏检测）。")
                : new LocalizedText(
                    "Weigh the cross-reactivity risk: prefer an unrelated agent, or give with monitoring (graded challenge) if this drug is needed.",
                    "权衡交叉过敏风险：优先选择无关类别药物；如必须使用，在监测下给药（分级激发）。"),
            LowConfidenceMatch = proposed.LowConfidence || allergen.LowConfidence,
        };
    }

    private sealed record Match(IngredientEntry Ingredient, IssueSeverity Severity, string RuleId, AllergyGroup? Group, CrossReactivity? Cross);

    /// <summary>What an allergy entry names: ingredients, and groups either named directly (Named) or reached through an ingredient.</summary>
    private sealed record Allergen(AllergyEntry Entry, IReadOnlyList<IngredientEntry> Ingredients, IReadOnlyList<(AllergyGroup Group, bool Named)> Groups, bool LowConfidence)
    {
        public static Allergen Resolve(DrugKnowledgeBase knowledge, AllergyEntry entry)
        {
            var ingredients = new List<IngredientEntry>();
            var named = new List<AllergyGroup>();
            var lowConfidence = false;
            foreach (var coding in entry.Codes)
            {
                if (knowledge.AllergyGroupByCode(coding.System, coding.Code) is { } group)
                {
                    named.Add(group);
                }
                else if (MedicationResolver.IsRxNorm(coding.System))
                {
                    if (knowledge.IngredientByRxcui(coding.Code) is { } ingredient)
                    {
                        ingredients.Add(ingredient);
                    }
                    else if (knowledge.ProductByRxcui(coding.Code) is { } product)
                    {
                        ingredients.AddRange(product.Components.Select(c => knowledge.IngredientById(c.Ingredient)!));
                    }
                }
            }

            if (ingredients.Count == 0 && named.Count == 0)
            {
                foreach (var text in new[] { entry.Text }.Concat(entry.Codes.Select(c => c.Display)).OfType<string>())
                {
                    var candidates = MedicationNames.Candidates(text);
                    named.AddRange(candidates.Select(knowledge.AllergyGroupByName).OfType<AllergyGroup>());
                    ingredients.AddRange(MedicationResolver.ResolveName(knowledge, text));
                }

                lowConfidence = ingredients.Count > 0 || named.Count > 0;
            }

            var reached = ingredients
                .SelectMany(i => knowledge.AllergyGroups.Where(g => g.MemberClasses.Any(i.Classes.Contains)))
                .Where(g => !named.Contains(g))
                .Select(g => (g, false));
            return new Allergen(
                entry,
                ingredients.Distinct().ToArray(),
                named.Distinct().Select(g => (g, true)).Concat(reached).DistinctBy(p => p.g.Id).ToArray(),
                lowConfidence);
        }
    }
}
