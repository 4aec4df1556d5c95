using System.Text.Json;
using FhirAi.Clinical.Reports;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Storage;

namespace FhirAi.Server.Reports;

/// <summary>
/// Reads a stored report's results, its patient and the patient's record (Observations, Conditions, MedicationRequests)
/// through the public store and search APIs. History is sorted in memory by the interpretation, not by the database.
/// </summary>
internal sealed class PatientRecordLoader(ResourceStore store, SearchCriteriaParser parser)
{
    private const int PageSize = 1000;
    private static readonly string[] HistoryTypes = ["Observation", "Condition", "MedicationRequest"];

    /// <summary>
    /// The report's result Observations, taken from the patient's already-read record where they are in it (one search
    /// instead of a read per result), else read one by one; a reference that is not a stored Observation becomes an issue.
    /// </summary>
    public async Task<List<RecordResource>> ResultsAsync(JsonElement report, IReadOnlyList<RecordResource> record, List<OutcomeIssue> issues, CancellationToken cancellationToken)
    {
        var known = record.GroupBy(r => r.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var results = new List<RecordResource>();
        var index = 0;
        foreach (var reference in FhirReferences(report, "result"))
        {
            var at = $"DiagnosticReport.result[{index++}]";
            if (reference is null || !TrySplit(reference, out var type, out var id) || type != "Observation")
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported, $"The result reference '{reference}' is not a local Observation reference; it was skipped.", at));
                continue;
            }

            if (results.Count >= InterpretParameters.MaxResults)
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.TooCostly, $"Only the first {InterpretParameters.MaxResults} results were interpreted.", at));
                break;
            }

            if (known.TryGetValue(reference, out var fromRecord))
            {
                results.Add(fromRecord);
                continue;
            }

            var read = await store.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
            if (read.Status != ReadStatus.Found || read.Resource!.Json is null)
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.NotFound, $"{reference} is not in the store ({read.Status}); it was skipped.", at));
                continue;
            }

            results.Add(new RecordResource(reference, Parse(read.Resource.Json)));
        }

        return results;
    }

    public async Task<RecordResource?> PatientAsync(string? subject, List<OutcomeIssue> issues, CancellationToken cancellationToken)
    {
        if (subject is null || !TrySplit(subject, out var type, out var id) || type != "Patient")
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported, $"The report's subject '{subject}' is not a local Patient reference.", "DiagnosticReport.subject"));
            return null;
        }

        var read = await store.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
        if (read.Status != ReadStatus.Found || read.Resource!.Json is null)
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.NotFound, $"{subject} is not in the store ({read.Status}).", "DiagnosticReport.subject"));
            return null;
        }

        return new RecordResource(subject, Parse(read.Resource.Json));
    }

    /// <summary>Every Observation, Condition and MedicationRequest whose subject is the patient (up to <see cref="InterpretParameters.MaxHistory"/>).</summary>
    public async Task<List<RecordResource>> HistoryAsync(string patient, List<OutcomeIssue> issues, CancellationToken cancellationToken)
    {
        var history = new List<RecordResource>();
        foreach (var type in HistoryTypes)
        {
            var criteria = parser.Parse(type, [new KeyValuePair<string, string>("subject", patient)]).Criteria;
            long? after = null;
            do
            {
                var page = await store.SearchAsync(new ResourceSearch { ResourceType = type, Criteria = criteria, Count = PageSize, AfterKey = after }, cancellationToken).ConfigureAwait(false);
                history.AddRange(page.Matches.Where(m => m.Json is not null).Select(m => new RecordResource($"{m.ResourceType}/{m.Id}", Parse(m.Json!))));
                after = page.NextCursor;
            }
            while (after is not null && history.Count < InterpretParameters.MaxHistory);
        }

        if (history.Count >= InterpretParameters.MaxHistory)
        {
            issues.Add(OutcomeIssue.Information(IssueCodes.TooCostly, $"The record has more than {InterpretParameters.MaxHistory} entries; only the first were read.", "DiagnosticReport.subject"));
        }

        return history;
    }

    internal static IEnumerable<string?> FhirReferences(JsonElement resource, string name) =>
        resource.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("reference", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null)
            : [];

    private static bool TrySplit(string reference, out string type, out string id)
    {
        var parts = reference.Split('/');
        (type, id) = parts.Length == 2 ? (parts[0], parts[1]) : (string.Empty, string.Empty);
        return parts.Length == 2 && type.Length > 0 && id.Length > 0;
    }

    // Stored JSON was validated on write; the clone outlives the parse.
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
