using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// What the pattern rules see: the report's interpreted results by analyte id, the record's earlier results (interpreted
/// for their canonical value only, never flagged), the patient and the knowledge base's sources.
/// </summary>
internal sealed class ReportContext
{
    private readonly Dictionary<string, ResultInterpretation> _report = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResultInterpretation> _record = new(StringComparer.Ordinal);

    public ReportContext(LabKnowledgeBase knowledge, IReadOnlyList<ResultInterpretation> results, IEnumerable<ResultInterpretation> record, PatientFacts patient)
    {
        Knowledge = knowledge;
        Results = results;
        Patient = patient;
        foreach (var r in results.Where(HasValue))
        {
            _report.TryAdd(r.Test!.Id, r);
        }

        foreach (var r in record.Where(HasValue))
        {
            _record.TryAdd(r.Test!.Id, r);
        }
    }

    public LabKnowledgeBase Knowledge { get; }

    public IReadOnlyList<ResultInterpretation> Results { get; }

    public PatientFacts Patient { get; }

    /// <summary>The report's result for the analyte, with a value in the canonical unit.</summary>
    public ResultInterpretation? Report(string testId) => _report.GetValueOrDefault(testId);

    /// <summary>The report's result, else the record's latest earlier one.</summary>
    public ResultInterpretation? ReportOrRecord(string testId) => Report(testId) ?? _record.GetValueOrDefault(testId);

    /// <summary>The record's earlier result only.</summary>
    public ResultInterpretation? Record(string testId) => _record.GetValueOrDefault(testId);

    /// <summary>One citation joining the named knowledge-base sources (the first URL wins).</summary>
    public Citation Cite(params string[] keys)
    {
        var sources = keys.Select(k => Knowledge.Source(k) ?? throw new InvalidOperationException($"lab-knowledge.json has no source '{k}'.")).ToList();
        return sources.Count == 1 ? sources[0] : new Citation(string.Join(" | ", sources.Select(s => s.Text)), sources.Select(s => s.Url).FirstOrDefault(u => u is not null));
    }

    private static bool HasValue(ResultInterpretation r) => r.Test is not null && r.Value is not null;
}
