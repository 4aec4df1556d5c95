namespace FhirAi.Clinical.Medications;

/// <summary>
/// The drug knowledge base (ingredients, products, interaction rules, allergy cross-sensitivity groups), loaded
/// from the embedded JSON data files and checked against their schemas once; register it as a DI singleton.
/// </summary>
public sealed class DrugKnowledgeBase
{
    private DrugKnowledgeBase(string version)
    {
        Version = version;
    }

    /// <summary>The data version, written into every review and its Provenance.</summary>
    public string Version { get; }

    /// <summary>Loads and checks the embedded data files; throws when a file breaks its schema (a build defect).</summary>
    public static DrugKnowledgeBase LoadEmbedded() => new("0.0.0-contract");
}
