using System.Text.Json;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Fhir.Search;
using FhirAi.Storage;

namespace FhirAi.Server.Medications;

/// <summary>
/// Reads what a medication review needs of a patient from the store through the public search API: the Patient,
/// its MedicationRequests and MedicationStatements, AllergyIntolerances and renal lab Observations (by LOINC code),
/// and the Medications referenced by those orders. The latest lab is picked in memory (no <c>_sort</c> needed).
/// </summary>
internal sealed class MedicationContextLoader(ResourceStore store, SearchCriteriaParser parser)
{
    /// <summary>Per resource type, at most this many resources are read (a page size of the store's search).</summary>
    public const int MaxPerType = 1000;

    private const int PageSize = 250;

    private static readonly string RenalCodes = string.Join(',',
        RenalLabReader.EgfrCodes.Concat(RenalLabReader.CreatinineCodes).Select(code => "http://loinc.org|" + code));

    /// <summary>Loads the record of <paramref name="patientReference"/> (<c>Patient/[id]</c>); the Patient is null when it is not stored.</summary>
    public async Task<StoredPatientRecord> LoadAsync(string patientReference, CancellationToken cancellationToken)
    {
        var record = new StoredPatientRecord();
        try
        {
            var id = patientReference["Patient/".Length..];
            var patient = await store.ReadAsync("Patient", id, cancellationToken).ConfigureAwait(false);
            if (patient.Resource is { IsDeleted: false, Json: { } patientJson })
            {
                record.Patient = new StoredPatientRecord.Item(record.Parse(patientJson), patientReference);
            }
            else
            {
                return record;
            }

            // The four searches are independent reads (each on its own connection): run them together.
            var searches = await Task.WhenAll(
                SearchAsync("MedicationRequest", [new("patient", patientReference)], cancellationToken),
                SearchAsync("MedicationStatement", [new("patient", patientReference)], cancellationToken),
                SearchAsync("AllergyIntolerance", [new("patient", patientReference)], cancellationToken),
                SearchAsync("Observation", [new("patient", patientReference), new("code", RenalCodes)], cancellationToken)).ConfigureAwait(false);
            AddAll(record, searches[0], record.Medications);
            AddAll(record, searches[1], record.Medications);
            AddAll(record, searches[2], record.Allergies);
            AddAll(record, searches[3], record.Observations);
            foreach (var medication in record.Medications)
            {
                await ResolveMedicationAsync(record, medication.Resource, cancellationToken).ConfigureAwait(false);
            }

            return record;
        }
        catch
        {
            record.Dispose();
            throw;
        }
    }

    /// <summary>Reads the stored Medication an order references (if any, and not already known) into the record.</summary>
    public async Task ResolveMedicationAsync(StoredPatientRecord record, JsonElement order, CancellationToken cancellationToken)
    {
        if (MedicationEntryReader.ExternalMedicationReference(order) is not { } reference || record.MedicationResources.ContainsKey(reference)
            || !reference.StartsWith("Medication/", StringComparison.Ordinal))
        {
            return;
        }

        var read = await store.ReadAsync("Medication", reference["Medication/".Length..], cancellationToken).ConfigureAwait(false);
        if (read.Resource is { IsDeleted: false, Json: { } json })
        {
            record.MedicationResources[reference] = record.Parse(json);
        }
    }

    private static void AddAll(StoredPatientRecord record, List<StoredResource> found, List<StoredPatientRecord.Item> into)
    {
        foreach (var match in found)
        {
            into.Add(new StoredPatientRecord.Item(record.Parse(match.Json!), $"{match.ResourceType}/{match.Id}"));
        }
    }

    private async Task<List<StoredResource>> SearchAsync(string type, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(type, parameters);
        if (parsed.Issues.Count > 0)
        {
            // The parameters are fixed by this class and exist in R4; an issue here is a defect, never input.
            throw new InvalidOperationException($"Search {type} by {string.Join(", ", parameters.Select(p => p.Key))}: {parsed.Issues[0].Diagnostics}");
        }

        var found = new List<StoredResource>();
        long? after = null;
        do
        {
            var page = await store.SearchAsync(new ResourceSearch
            {
                ResourceType = type,
                Criteria = parsed.Criteria,
                Count = PageSize,
                AfterKey = after,
            }, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Matches.Where(match => match is { IsDeleted: false, Json: not null }));
            after = page.NextCursor;
        }
        while (after is not null && found.Count < MaxPerType);

        return found;
    }
}
