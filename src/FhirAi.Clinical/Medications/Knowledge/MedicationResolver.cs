namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>
/// Resolves a medication entry: an RxNorm product code to its ingredients; an RxNorm ingredient code to itself; a
/// full ATC code to its ingredient and a shorter ATC code to the classes all its ingredients share; and, only when no
/// code resolves, the text or displays by normalised name (flagged lower confidence).
/// </summary>
internal static class MedicationResolver
{
    public static ResolvedMedication? Resolve(DrugKnowledgeBase knowledge, MedicationEntry entry)
    {
        var rxNorm = entry.Codes.Where(c => IsRxNorm(c.System)).ToArray();
        if (rxNorm.Select(c => knowledge.ProductByRxcui(c.Code)).OfType<ProductEntry>().FirstOrDefault() is { } product)
        {
            var ingredients = product.Components.Select(c => knowledge.IngredientById(c.Ingredient)!).Distinct().ToArray();
            return FromIngredients(entry, ingredients, product, lowConfidence: false);
        }

        // A Medication resource may carry its ingredients' codes next to an unknown product code: take them all.
        var coded = rxNorm.Select(c => knowledge.IngredientByRxcui(c.Code)).OfType<IngredientEntry>().Distinct().ToArray();
        if (coded.Length > 0)
        {
            return FromIngredients(entry, coded, null, lowConfidence: false);
        }

        foreach (var coding in entry.Codes.Where(c => c.System == DrugKnowledgeBase.AtcSystem && c.Code.Length >= 3))
        {
            var matches = knowledge.IngredientsByAtcPrefix(coding.Code);
            if (matches.Count == 1 || (coding.Code.Length == 7 && matches.Count > 0))
            {
                return FromIngredients(entry, matches, null, lowConfidence: false);
            }

            if (matches.Count > 1)
            {
                var shared = matches.Skip(1).Aggregate(
                    (IEnumerable<string>)matches[0].Classes,
                    (set, next) => set.Intersect(next.Classes, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
                return new ResolvedMedication(entry, [], null, shared, new HashSet<string>([coding.Code], StringComparer.Ordinal), LowConfidence: false);
            }
        }

        var texts = new[] { entry.Text }.Concat(entry.Codes.Select(c => c.Display)).OfType<string>().Where(t => t.Length > 0);
        foreach (var text in texts)
        {
            var byName = ResolveName(knowledge, text);
            if (byName.Count > 0)
            {
                return FromIngredients(entry, byName, null, lowConfidence: true);
            }
        }

        return null;
    }

    /// <summary>Ingredients named in the text: every "/"-separated component that names one, else the first word match.</summary>
    internal static IReadOnlyList<IngredientEntry> ResolveName(DrugKnowledgeBase knowledge, string text)
    {
        var found = new List<IngredientEntry>();
        foreach (var candidate in MedicationNames.Candidates(text))
        {
            foreach (var ingredient in knowledge.IngredientsByName(candidate))
            {
                if (!found.Contains(ingredient) && !found.Any(f => candidate.Contains(f.Name, StringComparison.Ordinal)))
                {
                    found.Add(ingredient);
                }
            }
        }

        return found;
    }

    internal static bool IsRxNorm(string system) =>
        system == DrugKnowledgeBase.RxNormSystem || system.Equals("urn:oid:2.16.840.1.113883.6.88", StringComparison.Ordinal);

    private static ResolvedMedication FromIngredients(MedicationEntry entry, IReadOnlyList<IngredientEntry> ingredients, ProductEntry? product, bool lowConfidence) =>
        new(
            entry,
            ingredients,
            product,
            ingredients.SelectMany(i => i.Classes).ToHashSet(StringComparer.Ordinal),
            (product?.Atc ?? ingredients.SelectMany(i => i.Atc)).ToHashSet(StringComparer.Ordinal),
            lowConfidence);
}
