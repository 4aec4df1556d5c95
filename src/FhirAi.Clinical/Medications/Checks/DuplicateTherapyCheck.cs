using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications.Checks;

/// <summary>
/// Duplicate therapy: a proposed entry sharing an ingredient with another entry (combination products included) is
/// a generic duplicate; otherwise sharing an ATC level-4 subgroup, or a class marked for duplicate checking (NSAIDs,
/// benzodiazepines, SSRIs, … across subgroups), is a class duplicate, except for subgroups whose members are
/// routinely combined.
/// </summary>
internal static class DuplicateTherapyCheck
{
    /// <summary>
    /// ATC level-4 subgroups not flagged as class duplicates: R03AC (short- with long-acting beta-2 agonists are
    /// prescribed together), B01AC (dual antiplatelet therapy is a standard regimen), G03A (hormonal contraceptive
    /// packs combine progestin and estrogen subgroups).
    /// </summary>
    private static readonly string[] ExemptSubgroups = ["R03AC", "B01AC", "G03AA", "G03AB", "G03AC"];

    private const string Source = "who-atc-duplicates";

    public static IEnumerable<MedicationFinding> Run(ReviewContext context)
    {
        foreach (var (proposed, other) in context.Pairs())
        {
            if (SharesIngredient(proposed, other))
            {
                var shared = proposed.Ingredients.Where(i => other.HasIngredient(i.Id)).Select(i => i.Id).ToArray();
                yield return Generic(context.Knowledge, shared, proposed, other);
                continue;
            }

            var subgroup = SharedSubgroup(proposed, other);
            if (subgroup is not null)
            {
                yield return Class(context.Knowledge, subgroup, "duplicate.same-atc4." + subgroup, proposed, other);
                continue;
            }

            var therapeuticClass = SharedDuplicateClass(context.Knowledge, proposed, other);
            if (therapeuticClass is not null)
            {
                yield return Class(context.Knowledge, therapeuticClass.Name.En, "duplicate.same-class." + therapeuticClass.Id, proposed, other, therapeuticClass.Name.Zh);
            }
        }
    }

    private static bool SharesIngredient(ResolvedMedication a, ResolvedMedication b)
    {
        foreach (var ingredient in a.Ingredients)
        {
            if (b.HasIngredient(ingredient.Id))
            {
                return true;
            }
        }

        return false;
    }

    private static string? SharedSubgroup(ResolvedMedication a, ResolvedMedication b)
    {
        foreach (var subgroup in a.AtcLevel4)
        {
            if (b.AtcLevel4.Contains(subgroup) && Array.IndexOf(ExemptSubgroups, subgroup) < 0)
            {
                return subgroup;
            }
        }

        return null;
    }

    private static ClassEntry? SharedDuplicateClass(DrugKnowledgeBase knowledge, ResolvedMedication a, ResolvedMedication b)
    {
        foreach (var id in a.Classes)
        {
            if (b.Classes.Contains(id) && knowledge.Class(id) is { DuplicateTherapy: true } entry)
            {
                return entry;
            }
        }

        return null;
    }

    private static MedicationFinding Generic(DrugKnowledgeBase knowledge, string[] shared, ResolvedMedication proposed, ResolvedMedication other)
    {
        var ingredients = shared.Select(id => knowledge.IngredientById(id)!).ToArray();
        var en = string.Join(", ", ingredients.Select(i => i.Name));
        var zh = string.Join("、", ingredients.Select(i => i.NameZh));
        return new MedicationFinding
        {
            Kind = FindingKind.DuplicateTherapy,
            IssueCode = IssueCodes.DuplicateGeneric,
            Severity = IssueSeverity.Moderate,
            Implicated = [proposed.Entry.Reference, other.Entry.Reference],
            RuleId = "duplicate.same-ingredient." + string.Join('+', shared),
            Citation = knowledge.Cite(Source),
            Detail = new LocalizedText(
                $"Duplicate therapy: both orders contain {en} ({proposed.NameEn}; {other.NameEn}); the total daily amount adds up.",
                $"重复用药：两项医嘱均含{zh}（{proposed.NameZh}；{other.NameZh}），每日总量会叠加。"),
            Mitigation = new LocalizedText(
                "Confirm both are intended; otherwise stop one, and keep the combined daily dose within the maximum.",
                "确认是否有意同时使用；否则停用其一，并保证合计日剂量不超过最大剂量。"),
            LowConfidenceMatch = proposed.LowConfidence || other.LowConfidence,
        };
    }

    private static MedicationFinding Class(
        DrugKnowledgeBase knowledge,
        string group,
        string ruleId,
        ResolvedMedication proposed,
        ResolvedMedication other,
        string? groupZh = null) => new()
    {
        Kind = FindingKind.DuplicateTherapy,
        IssueCode = IssueCodes.DuplicateClass,
        Severity = IssueSeverity.Low,
        Implicated = [proposed.Entry.Reference, other.Entry.Reference],
        RuleId = ruleId,
        Citation = knowledge.Cite(Source),
        Detail = new LocalizedText(
            groupZh is null
                ? $"Possible duplicate therapy: {proposed.NameEn} and {other.NameEn} are in the same ATC subgroup {group}."
                : $"Possible duplicate therapy: {proposed.NameEn} and {other.NameEn} are both {group}s.",
            groupZh is null
                ? $"可能重复用药：{proposed.NameZh}与{other.NameZh}属于同一ATC亚组{group}。"
                : $"可能重复用药：{proposed.NameZh}与{other.NameZh}同属{groupZh}。"),
        Mitigation = new LocalizedText(
            "Check whether one replaces the other (switch) or both are intended; stop the one no longer needed.",
            "核实是否为换药或有意联用；停用不再需要的药物。"),
        LowConfidenceMatch = proposed.LowConfidence || other.LowConfidence,
    };
}
