using System.Text.Json;
using FhirAi.Clinical.Common;

namespace FhirAi.Server.Medications;

/// <summary>
/// The input Parameters of <c>MedicationRequest/$interpret</c>, read: each resource with where it was given
/// (<c>Parameters.parameter[n]</c>), the patient as a reference or a resource, the language and persist flags.
/// The elements point into the request's JsonDocument, which must outlive this record.
/// </summary>
internal sealed record InterpretRequest
{
    public sealed record Given(JsonElement Resource, string Location);

    public List<Given> Proposed { get; } = [];

    public List<Given> Medications { get; } = [];

    public List<Given> CurrentMedications { get; } = [];

    public List<Given> Allergies { get; } = [];

    public List<Given> Observations { get; } = [];

    public string? PatientReference { get; set; }

    public Given? PatientResource { get; set; }

    public OutputLanguage? Language { get; set; }

    public bool Persist { get; set; }
}
