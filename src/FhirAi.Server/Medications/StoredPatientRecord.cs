using System.Text.Json;

namespace FhirAi.Server.Medications;

/// <summary>
/// A patient's stored resources that a medication review reads, each with its reference (<c>Type/id</c>):
/// the Patient, its MedicationRequests and MedicationStatements, AllergyIntolerances, renal lab Observations,
/// and the Medications those orders reference. Owns the parsed documents; dispose it when the review is done.
/// </summary>
internal sealed class StoredPatientRecord : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public sealed record Item(JsonElement Resource, string Reference);

    public Item? Patient { get; set; }

    public List<Item> Medications { get; } = [];

    public List<Item> Allergies { get; } = [];

    public List<Item> Observations { get; } = [];

    public Dictionary<string, JsonElement> MedicationResources { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses stored JSON, keeping the document alive as long as this record.</summary>
    public JsonElement Parse(string json)
    {
        var document = JsonDocument.Parse(json);
        _documents.Add(document);
        return document.RootElement;
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
    }
}
