namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>
/// A medication entry resolved against the knowledge base: its ingredients (empty when only a class is known, as for
/// an ATC class code), the product when the code was one, the classes and ATC codes it carries, and whether the
/// resolution came only from the name (lower confidence).
/// </summary>
internal sealed record ResolvedMedication(
    MedicationEntry Entry,
    IReadOnlyList<IngredientEntry> Ingredients,
    ProductEntry? Product,
    IReadOnlySet<string> Classes,
    IReadOnlySet<string> AtcCodes,
    bool LowConfidence)
{
    /// <summary>The ATC level-4 subgroups (first five characters) of the entry's ATC codes.</summary>
    public IReadOnlySet<string> AtcLevel4 { get; } = AtcCodes.Where(a => a.Length >= 5).Select(a => a[..5]).ToHashSet(StringComparer.Ordinal);

    public bool HasIngredient(string id)
    {
        foreach (var ingredient in Ingredients)
        {
            if (ingredient.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The route: the product's when the product is known, else the one its name's dose form states, else null.</summary>
    public string? Route { get; } = Product?.Route ?? DoseFormRoute.FromNames(Entry);

    /// <summary>Display name in English ("acetaminophen / oxycodone") for texts.</summary>
    public string NameEn => Ingredients.Count > 0 ? string.Join(" / ", Ingredients.Select(i => i.Name)) : Entry.Text ?? Entry.Reference;

    /// <summary>Display name in Simplified Chinese for texts.</summary>
    public string NameZh => Ingredients.Count > 0 ? string.Join(" / ", Ingredients.Select(i => i.NameZh)) : Entry.Text ?? Entry.Reference;
}
