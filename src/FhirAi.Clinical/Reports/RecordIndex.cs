using System.Text.Json;
using FhirAi.Clinical.Labs;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The patient's record as the rules look at it: every Observation value (components of panels such as blood pressure
/// included) keyed by LOINC, the Conditions and the MedicationRequests. Entered-in-error and cancelled resources are left out.
/// </summary>
internal sealed class RecordIndex
{
    private static readonly HashSet<string> UnusableStatuses = new(StringComparer.Ordinal) { "entered-in-error", "cancelled" };

    private readonly Dictionary<string, List<LabResult>> _byLoinc = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportReferences;

    public RecordIndex(IReadOnlyList<LabResult> reportResults, IEnumerable<RecordResource> history)
    {
        _reportReferences = reportResults.Select(r => r.Reference).ToHashSet(StringComparer.Ordinal);
        foreach (var result in reportResults)
        {
            Add(result);
        }

        foreach (var resource in history)
        {
            var type = FhirJson.String(resource.Resource, "resourceType");
            if (UnusableStatuses.Contains(FhirJson.String(resource.Resource, "status") ?? string.Empty))
            {
                continue;
            }

            switch (type)
            {
                case "Observation" when !_reportReferences.Contains(resource.Reference):
                    var ignored = new List<OutcomeIssue>();
                    if (ObservationExtractor.Extract(resource.Reference, resource.Resource, "Observation", ignored) is { } result)
                    {
                        Add(result);
                    }

                    foreach (var component in ObservationExtractor.Components(resource.Reference, resource.Resource))
                    {
                        Add(component);
                    }

                    break;
                case "Condition":
                    Conditions.Add(resource);
                    break;
                case "MedicationRequest":
                    MedicationRequests.Add(resource);
                    break;
            }
        }
    }

    public List<RecordResource> Conditions { get; } = [];

    public List<RecordResource> MedicationRequests { get; } = [];

    public bool IsInReport(LabResult result) => _reportReferences.Contains(result.Reference);

    /// <summary>Every value recorded under one of <paramref name="loincCodes"/>.</summary>
    public IEnumerable<LabResult> WithCodes(IEnumerable<string> loincCodes) =>
        loincCodes.Distinct(StringComparer.Ordinal).SelectMany(code => _byLoinc.TryGetValue(code, out var list) ? list : []);

    /// <summary>The latest value of <paramref name="loincCodes"/> taken at or before <paramref name="asOf"/> and not before <paramref name="notBefore"/>.</summary>
    public LabResult? Latest(IEnumerable<string> loincCodes, DateTimeOffset asOf, DateTimeOffset? notBefore, Func<LabResult, bool>? usable = null) =>
        WithCodes(loincCodes)
            .Where(r => r.Effective is { } at && at <= asOf && (notBefore is null || at >= notBefore) && (usable is null || usable(r)))
            .OrderByDescending(r => r.Effective)
            .ThenBy(r => IsInReport(r) ? 0 : 1)
            .FirstOrDefault();

    public IEnumerable<string> Codes => _byLoinc.Keys;

    private void Add(LabResult result)
    {
        if (result.Loinc is null)
        {
            return;
        }

        if (!_byLoinc.TryGetValue(result.Loinc, out var list))
        {
            _byLoinc[result.Loinc] = list = [];
        }

        list.Add(result);
    }
}
