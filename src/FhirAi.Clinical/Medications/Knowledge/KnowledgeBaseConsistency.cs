namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>Cross-file checks the schemas cannot express: every id referenced exists, ids and codes are unique, versions agree.</summary>
internal static class KnowledgeBaseConsistency
{
    public static IReadOnlyList<string> Check(IngredientsFile ingredients, ProductsFile products, InteractionsFile interactions, AllergyGroupsFile allergies)
    {
        var problems = new List<string>();
        var sources = ingredients.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var classes = ingredients.Classes.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var ingredientIds = ingredients.Ingredients.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var groups = allergies.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

        if (new[] { products.Version, interactions.Version, allergies.Version }.Any(v => v != ingredients.Version))
        {
            problems.Add("the four data files do not share one version");
        }

        Duplicates(ingredients.Ingredients.Select(i => i.Id), "ingredient id", problems);
        Duplicates(ingredients.Ingredients.Where(i => i.Rxcui is not null).Select(i => i.Rxcui!), "ingredient RXCUI", problems);
        Duplicates(products.Products.Select(p => p.Rxcui), "product RXCUI", problems);
        Duplicates(interactions.Rules.Select(r => r.Id), "interaction rule id", problems);
        problems.AddRange(ingredients.Ingredients.Where(i => i.Rxcui is not null).Select(i => i.Rxcui!)
            .Intersect(products.Products.Select(p => p.Rxcui), StringComparer.Ordinal)
            .Select(code => $"RXCUI '{code}' is both an ingredient and a product"));

        foreach (var ingredient in ingredients.Ingredients)
        {
            Missing(ingredient.Classes, classes, $"class of {ingredient.Id}", problems);
            var sourceIds = new[] { ingredient.MaxDailyDose?.Source }
                .Concat(ingredient.Renal?.Select(r => r.Source) ?? [])
                .Concat(ingredient.Beers?.Select(b => b.Source) ?? [])
                .OfType<string>();
            Missing(sourceIds, sources, $"source of {ingredient.Id}", problems);
            if (ingredient.MaxDailyDose is { Source: null })
            {
                problems.Add($"maximum dose of {ingredient.Id} has no source");
            }
        }

        foreach (var product in products.Products)
        {
            Missing(product.Components.Select(c => c.Ingredient), ingredientIds, $"ingredient of product {product.Rxcui}", problems);
        }

        foreach (var rule in interactions.Rules)
        {
            Missing([rule.Source], sources, $"source of {rule.Id}", problems);
            foreach (var side in new[] { rule.A, rule.B })
            {
                Missing(side.Classes ?? [], classes, $"class of {rule.Id}", problems);
                Missing((side.Ingredients ?? []).Concat(side.ExcludeIngredients ?? []), ingredientIds, $"ingredient of {rule.Id}", problems);
                if (side.Classes is null && side.Ingredients is null)
                {
                    problems.Add($"{rule.Id} has a side that matches nothing");
                }
            }
        }

        foreach (var group in allergies.Groups)
        {
            Missing([group.Source], sources, $"source of allergy group {group.Id}", problems);
            Missing(group.MemberClasses, classes, $"class of allergy group {group.Id}", problems);
            Missing(group.CrossReactive.Select(c => c.Group), groups, $"cross-reactive group of {group.Id}", problems);
        }

        return problems;
    }

    private static void Duplicates(IEnumerable<string> values, string what, List<string> problems) =>
        problems.AddRange(values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"duplicate {what} '{g.Key}'"));

    private static void Missing(IEnumerable<string> values, HashSet<string> known, string what, List<string> problems) =>
        problems.AddRange(values.Where(v => !known.Contains(v)).Select(v => $"unknown {what} '{v}'"));
}
