using System.Collections.Frozen;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// The lab knowledge base (lab-knowledge.json, checked against the rules of lab-knowledge.schema.json when loaded);
/// immutable, loaded once, registered as a DI singleton.
/// </summary>
public sealed class LabKnowledgeBase
{
    private readonly FrozenDictionary<string, LabTest> _byLoinc;
    private readonly FrozenDictionary<string, LabTest> _byId;

    private readonly FrozenDictionary<string, Citation> _sources;

    internal LabKnowledgeBase(string version, IReadOnlyList<LabTest> tests, IReadOnlyDictionary<string, Citation> sources)
    {
        Version = version;
        Tests = tests;
        _sources = sources.ToFrozenDictionary(StringComparer.Ordinal);
        _byLoinc = tests.SelectMany(t => t.LoincCodes.Select(code => (code, t))).ToFrozenDictionary(p => p.code, p => p.t, StringComparer.Ordinal);
        _byId = tests.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>The data version (lab-knowledge.json "version"), named in Provenance.</summary>
    public string Version { get; }

    public IReadOnlyList<LabTest> Tests { get; }

    /// <summary>The test reported under this LOINC code (any of its codes), or null.</summary>
    public LabTest? Find(string loinc) => _byLoinc.GetValueOrDefault(loinc.Trim());

    /// <summary>The test with this analyte id ("potassium", "mcv", …), or null.</summary>
    public LabTest? FindById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A source of the knowledge base by its key (the report rules cite theirs from the data), or null.</summary>
    public Citation? Source(string key) => _sources.GetValueOrDefault(key);

    /// <summary>Loads the knowledge base embedded in this assembly; throws <see cref="InvalidDataException"/> if it breaks a rule.</summary>
    public static LabKnowledgeBase LoadEmbedded()
    {
        using var stream = typeof(LabKnowledgeBase).Assembly.GetManifestResourceStream(LabKnowledgeLoader.ResourceName)
            ?? throw new InvalidDataException($"The embedded resource {LabKnowledgeLoader.ResourceName} is missing.");
        return LabKnowledgeLoader.Load(stream);
    }
}
