using System.Text.Json;

namespace FhirAi.Clinical.Reports;

/// <summary>A resource of the patient's record with the reference other resources use for it ("Observation/123").</summary>
public sealed record RecordResource(string Reference, JsonElement Resource);
