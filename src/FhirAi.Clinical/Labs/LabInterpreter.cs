namespace FhirAi.Clinical.Labs;

/// <summary>Interprets lab results and reports against the knowledge base: flags, units, deltas and patterns (decision support).</summary>
public sealed class LabInterpreter(LabKnowledgeBase knowledge)
{
    /// <summary>The knowledge-base sources the report rules cite; a knowledge base without them is refused at construction.</summary>
    internal static readonly IReadOnlyList<string> RuleSources =
        ["kost1990", "who2024-hb", "mcv-classes", "mentzer1973", "kdigo", "ada2025", "ncep-atp3", "acg-dili", "fda-dili-2009", "thyroid-patterns"];

    private readonly LabKnowledgeBase _checked = RuleSources.FirstOrDefault(k => knowledge.Source(k) is null) is { } missing
        ? throw new ArgumentException($"The lab knowledge base lacks the source '{missing}' that a report rule cites.", nameof(knowledge))
        : knowledge;

    /// <summary>The knowledge base this interpreter uses.</summary>
    public LabKnowledgeBase Knowledge => _checked;

    /// <summary>Interprets one result; never throws for bad data, the status says what was wrong.</summary>
    public ResultInterpretation Interpret(LabResult result, PatientFacts patient, LabResult? previous)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(patient);
        return ResultInterpreter.Interpret(knowledge, result, patient, previous);
    }

    /// <summary>Interprets every result of a report and finds the patterns across it and the record, most severe first.</summary>
    public ReportInterpretation InterpretReport(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = input.Results
            .Select(r => Interpret(r, input.Patient, input.PreviousByReference.GetValueOrDefault(r.Reference)))
            .ToList();
        var record = input.RecordResults.Select(r => ResultInterpreter.Interpret(knowledge, r, input.Patient, null));
        var context = new ReportContext(knowledge, results, record, input.Patient);
        var findings = new List<PatternFinding>();
        CriticalValueRule.Evaluate(context, findings);
        AnaemiaRule.Evaluate(context, findings);
        KidneyRule.Evaluate(context, findings);
        DiabetesRule.Evaluate(context, findings);
        LipidRule.Evaluate(context, findings);
        LiverRule.Evaluate(context, findings);
        LiverRule.EvaluateHysLaw(context, findings);
        ThyroidRule.Evaluate(context, findings);
        var ordered = findings.OrderByDescending(f => f.Severity).ToList();
        return new ReportInterpretation(results, ordered, knowledge.Version);
    }
}
