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

    private DrugKnowledgeBase(IngredientsFile ingredients, ProductsFile products, InteractionsFile interactions, AllergyGroupsFile allergies)
    {
        Version = ingredients.Version;
        Ingredients = ingredients.Ingredients;
        Products = products.Products;
        InteractionRules = interactions.Rules;
        AllergyGroups = allergies.Groups;
        ingredientsById = ingredients.Ingredients.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
        ingredientsByRxcui = ingredients.Ingredients.Where(i => i.Rxcui is not null).ToFrozenDictionary(i => i.Rxcui!, StringComparer.Ordinal);
        productsByRxcui = products.Products.ToFrozenDictionary(p => p.Rxcui, StringComparer.Ordinal);
        ingredientsByName = ingredients.Ingredients
            .SelectMany(i => new[] { i.Name }.Concat(i.Synonyms).Select(n => (Name: MedicationNames.Normalise(n), Ingredient: i)))
            .Where(p => p.Name.Length > 0)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Ingredient).Distinct().ToArray(), StringComparer.Ordinal);
        classesById = ingredients.Classes.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        citations = ingredients.Sources.ToFrozenDictionary(s => s.Id, s => new Citation(s.Text, s.Url), StringComparer.Ordinal);
        groupsById = allergies.Groups.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);
        groupsByCode = allergies.Groups.SelectMany(g => g.Codes.Select(c => (Key: CodeKey(c.System, c.Code), Group: g)))
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

    internal IReadOnlyList<IngredientEntry> Ingredients { get; }

    internal IReadOnlyList<ProductEntry> Products { get; }

    internal IReadOnlyList<InteractionRule> InteractionRules { get; }

    internal IReadOnlyList<AllergyGroup> AllergyGroups { get; }

    /// <summary>True when the RxNorm code is a product (clinical or branded drug) the base maps to ingredients.</summary>
    public bool KnowsProduct(string rxcui) => productsByRxcui.ContainsKey(rxcui);

    /// <summary>True when the RxNorm code is an ingredient of the base.</summary>
    public bool KnowsIngredient(string rxcui) => ingredientsByRxcui.ContainsKey(rxcui);

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
