using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications.Knowledge;

namespace FhirAi.Clinical.Medications;

/// <summary>
/// The drug knowledge base (ingredients, products, interaction rules, allergy cross-sensitivity groups), loaded
/// from the embedded JSON data files and checked against their schemas and against each other once; register it
/// as a DI singleton. It is immutable after loading.
/// </summary>
public sealed class DrugKnowledgeBase
{
    internal const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
    internal const string AtcSystem = "http://www.whocc.no/atc";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly FrozenDictionary<string, IngredientEntry> ingredientsById;
    private readonly FrozenDictionary<string, IngredientEntry> ingredientsByRxcui;
    private readonly FrozenDictionary<string, ProductEntry> productsByRxcui;
    private readonly FrozenDictionary<string, IngredientEntry[]> ingredientsByName;
    private readonly FrozenDictionary<string, ClassEntry> classesById;
    private readonly FrozenDictionary<string, Citation> citations;
    private readonly FrozenDictionary<string, AllergyGroup> groupsByCode;
    private readonly FrozenDictionary<string, AllergyGroup> groupsByName;
    private readonly FrozenDictionary<string, AllergyGroup> groupsById;
    private readonly FrozenSet<string> checkedSourceIds;

    /// <summary>
    /// The <c>rxcuiCheck</c> levels under which an ingredient RXCUI was checked against a terminology source; only these
    /// codes map an order or an allergy to an ingredient. Any other code (recalled, or only agreeing with other people's
    /// code) is kept in the data for a later check; such an entry is matched by its product code or, flagged lower
    /// confidence, by name.
    /// </summary>
    internal static readonly FrozenSet<string> VerifiedRxcuiChecks =
        FrozenSet.Create(StringComparer.Ordinal, "cpic-drug-table", "clinical-knowledge-verified", "public-terminology-source");

    private DrugKnowledgeBase(IngredientsFile ingredients, ProductsFile products, InteractionsFile interactions, AllergyGroupsFile allergies)
    {
        var checkedSources = ingredients.Sources.Where(s => s.IsChecked).Select(s => s.Id).ToFrozenSet(StringComparer.Ordinal);
        Version = ingredients.Version;
        AllIngredients = ingredients.Ingredients;
        AllInteractionRules = interactions.Rules;
        Ingredients = ingredients.Ingredients.Select(i => InUse(i, checkedSources)).ToArray();
        Products = products.Products;
        InteractionRules = interactions.Rules.Where(r => checkedSources.Contains(r.Source)).ToArray();
        AllergyGroups = allergies.Groups;
        ingredientsById = Ingredients.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
        ingredientsByRxcui = Ingredients.Where(i => i.Rxcui is not null && VerifiedRxcuiChecks.Contains(i.RxcuiCheck))
            .ToFrozenDictionary(i => i.Rxcui!, StringComparer.Ordinal);
        productsByRxcui = products.Products.Where(p => p.Corpus).ToFrozenDictionary(p => p.Rxcui, StringComparer.Ordinal);
        checkedSourceIds = checkedSources;
        ingredientsByName = Ingredients
            .SelectMany(i => new[] { i.Name }.Concat(i.Synonyms).Select(n => (Name: MedicationNames.Normalise(n), Ingredient: i)))
            .Where(p => p.Name.Length > 0)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Ingredient).Distinct().ToArray(), StringComparer.Ordinal);
        classesById = ingredients.Classes.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        citations = ingredients.Sources.ToFrozenDictionary(s => s.Id, s => new Citation(s.Text, s.Url), StringComparer.Ordinal);
        groupsById = allergies.Groups.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);
        groupsByCode = allergies.Groups.SelectMany(g => g.Codes.Where(IsCheckedAllergyCode).Select(c => (Key: CodeKey(c.System, c.Code), Group: g)))
            .ToFrozenDictionary(p => p.Key, p => p.Group, StringComparer.Ordinal);
        groupsByName = allergies.Groups.SelectMany(g => g.Names.Select(n => (Name: MedicationNames.Normalise(n), Group: g)))
            .ToFrozenDictionary(p => p.Name, p => p.Group, StringComparer.Ordinal);
    }

    /// <summary>The data version, written into every review and its Provenance.</summary>
    public string Version { get; }

    /// <summary>How many ingredients, products and interaction rules the base holds (for status pages and docs).</summary>
    public int IngredientCount => Ingredients.Count;

    public int ProductCount => Products.Count;

    public int InteractionRuleCount => InteractionRules.Count;

    /// <summary>The ingredients as used by the checks: maximum doses, renal rules and Beers flags whose source is unverified are left out.</summary>
    internal IReadOnlyList<IngredientEntry> Ingredients { get; }

    /// <summary>The ingredients exactly as in the data file, unverified content included.</summary>
    internal IReadOnlyList<IngredientEntry> AllIngredients { get; }

    /// <summary>Every interaction rule of the data file; <see cref="InteractionRules"/> holds the ones in use.</summary>
    internal IReadOnlyList<InteractionRule> AllInteractionRules { get; }

    internal IReadOnlyList<ProductEntry> Products { get; }

    internal IReadOnlyList<InteractionRule> InteractionRules { get; }

    internal IReadOnlyList<AllergyGroup> AllergyGroups { get; }

    /// <summary>True when the RxNorm code is a product (clinical or branded drug) the base uses to map orders to ingredients.</summary>
    public bool KnowsProduct(string rxcui) => productsByRxcui.ContainsKey(rxcui);

    /// <summary>True when the RxNorm code is a checked ingredient code of the base (see <see cref="VerifiedRxcuiChecks"/>).</summary>
    public bool KnowsIngredient(string rxcui) => ingredientsByRxcui.ContainsKey(rxcui);

    /// <summary>
    /// The ATC codes of an RxNorm code the base uses to map orders (a corpus product, whose own ATC code wins for combined
    /// contraceptives, or a checked ingredient code); empty for any other code. Lets other record readers (risk-model inputs)
    /// classify a coded order without matching its possibly misspelt display.
    /// </summary>
    public IReadOnlyCollection<string> AtcCodesOf(string rxcui)
    {
        if (productsByRxcui.TryGetValue(rxcui, out var product))
        {
            return product.Atc ?? product.Components.SelectMany(c => ingredientsById[c.Ingredient].Atc).Distinct(StringComparer.Ordinal).ToArray();
        }

        return ingredientsByRxcui.TryGetValue(rxcui, out var ingredient) ? ingredient.Atc : [];
    }

    /// <summary>Loads and checks the embedded data files; throws <see cref="InvalidDataException"/> when one breaks its schema or a reference (a build defect).</summary>
    public static DrugKnowledgeBase LoadEmbedded()
    {
        var ingredients = Load<IngredientsFile>("ingredients");
        var products = Load<ProductsFile>("products");
        var interactions = Load<InteractionsFile>("interactions");
        var allergies = Load<AllergyGroupsFile>("allergy-groups");
        var problems = KnowledgeBaseConsistency.Check(ingredients, products, interactions, allergies);
        if (problems.Count > 0)
        {
            throw new InvalidDataException("Drug knowledge base is inconsistent: " + string.Join("; ", problems));
        }

        return new DrugKnowledgeBase(ingredients, products, interactions, allergies);
    }

    internal IngredientEntry? IngredientById(string id) => ingredientsById.GetValueOrDefault(id);

    internal IngredientEntry? IngredientByRxcui(string rxcui) => ingredientsByRxcui.GetValueOrDefault(rxcui);

    internal ProductEntry? ProductByRxcui(string rxcui) => productsByRxcui.GetValueOrDefault(rxcui);

    /// <summary>Ingredients whose name or synonym normalises to <paramref name="normalisedName"/>.</summary>
    internal IReadOnlyList<IngredientEntry> IngredientsByName(string normalisedName) =>
        ingredientsByName.TryGetValue(normalisedName, out var found) ? found : [];

    /// <summary>Ingredients with an ATC code that starts with <paramref name="atcPrefix"/> (a full code or a class).</summary>
    internal IReadOnlyList<IngredientEntry> IngredientsByAtcPrefix(string atcPrefix) =>
        Ingredients.Where(i => i.Atc.Any(a => a.StartsWith(atcPrefix, StringComparison.Ordinal))).ToArray();

    internal ClassEntry? Class(string id) => classesById.GetValueOrDefault(id);

    /// <summary>The citation of a source id (every id is checked at load, so this never fails for data references).</summary>
    internal Citation Cite(string sourceId) => citations[sourceId];

    internal AllergyGroup? AllergyGroupByCode(string system, string code) => groupsByCode.GetValueOrDefault(CodeKey(system, code));

    internal AllergyGroup? AllergyGroupByName(string normalisedName) => groupsByName.GetValueOrDefault(normalisedName);

    internal AllergyGroup? AllergyGroupById(string id) => groupsById.GetValueOrDefault(id);

    internal static string CodeKey(string system, string code) => system + "|" + code;

    /// <summary>True when the source was checked; content citing an unverified source is not used.</summary>
    internal bool IsChecked(string sourceId) => checkedSourceIds.Contains(sourceId);

    /// <summary>An allergy-group code maps an allergy to a group only when it was seen in a public source, not when it was only recalled.</summary>
    internal static bool IsCheckedAllergyCode(AllergyGroupCode code) => !code.Check.StartsWith("recalled", StringComparison.Ordinal);

    private static IngredientEntry InUse(IngredientEntry ingredient, FrozenSet<string> checkedSources)
    {
        var renal = ingredient.Renal?.Where(r => checkedSources.Contains(r.Source)).ToArray();
        var beers = ingredient.Beers?.Where(b => checkedSources.Contains(b.Source)).ToArray();
        return ingredient with
        {
            MaxDailyDose = ingredient.MaxDailyDose is { Source: { } source } && checkedSources.Contains(source) ? ingredient.MaxDailyDose : null,
            Renal = renal is { Length: > 0 } ? renal : null,
            Beers = beers is { Length: > 0 } ? beers : null,
        };
    }

    private static T Load<T>(string name)
    {
        var assembly = typeof(DrugKnowledgeBase).Assembly;
        using var data = JsonDocument.Parse(ReadResource(assembly, $"FhirAi.Clinical.Medications.Data.{name}.json"));
        using var schema = JsonDocument.Parse(ReadResource(assembly, $"FhirAi.Clinical.Medications.Data.{name}.schema.json"));
        var errors = JsonSchemaSubset.Validate(schema.RootElement, data.RootElement);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{name}.json breaks its schema: " + string.Join("; ", errors.Take(20)));
        }

        return data.RootElement.Deserialize<T>(Json) ?? throw new InvalidDataException($"{name}.json is empty.");
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
