using System.Text.Json;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Clinical.Medications;

namespace FhirAi.Server.Medications;

/// <summary>
/// Assembles the review input from the stored record and the resources given in the request: proposed orders,
/// current medications (active or on-hold requests, active or intended statements, never a proposed order again),
/// allergies that still count, the latest renal function and the age.
/// </summary>
internal static class ReviewInputBuilder
{
    public sealed record Proposal(JsonElement Resource, string Reference);

    public static MedicationReviewContext Build(
        ReviewPatient patient, IReadOnlyList<Proposal> proposed, StoredPatientRecord record, InterpretRequest? given)
    {
        var medications = new Dictionary<string, JsonElement>(record.MedicationResources, StringComparer.Ordinal);
        foreach (var medication in given?.Medications ?? [])
        {
            if (medication.Resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                medications["Medication/" + id.GetString()] = medication.Resource;
            }
        }

        JsonElement? Resolve(string reference) => medications.TryGetValue(reference, out var found) ? found : null;

        var proposedReferences = proposed.Select(p => p.Reference).ToHashSet(StringComparer.Ordinal);
        var current = record.Medications
            .Select(item => (item.Resource, item.Reference))
            .Concat((given?.CurrentMedications ?? []).Select(g => (g.Resource, Reference: ReferenceOf(g))))
            .Where(item => !proposedReferences.Contains(item.Reference) && MedicationEntryReader.IsCurrent(item.Resource))
            .DistinctBy(item => item.Reference, StringComparer.Ordinal)
            .Select(item => MedicationEntryReader.Read(item.Resource, item.Reference, Resolve))
            .ToList();
        var allergies = record.Allergies
            .Select(item => (item.Resource, item.Reference))
            .Concat((given?.Allergies ?? []).Select(g => (g.Resource, Reference: ReferenceOf(g))))
            .DistinctBy(item => item.Reference, StringComparer.Ordinal)
            .Select(item => AllergyEntryReader.Read(item.Resource, item.Reference))
            .OfType<AllergyEntry>()
            .ToList();
        var observations = record.Observations
            .Select(item => new RenalLabReader.Candidate(item.Resource, item.Reference))
            .Concat((given?.Observations ?? []).Select(g => new RenalLabReader.Candidate(g.Resource, ReferenceOf(g))));
        var input = new MedicationReviewInput
        {
            Proposed = [.. proposed.Select(p => MedicationEntryReader.Read(p.Resource, p.Reference, Resolve))],
            Current = current,
            Allergies = allergies,
            Renal = RenalLabReader.Latest(observations, patient),
            AgeYears = patient.AgeYears,
        };
        return new MedicationReviewContext(patient, input);
    }

    /// <summary>A given resource's reference: <c>Type/id</c> when it has an id, else where in the Parameters it was given.</summary>
    public static string ReferenceOf(InterpretRequest.Given given)
    {
        var type = given.Resource.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "Resource";
        var id = given.Resource.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return ReviewReferences.For(type, id, given.Location);
    }
}
