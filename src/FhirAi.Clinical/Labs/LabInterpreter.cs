using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>Interprets lab results and reports against the knowledge base: flags, units, deltas and patterns (decision support).</summary>
public sealed class LabInterpreter(LabKnowledgeBase knowledge)
{
    /// <summary>Interprets one result; never throws for bad data, the status says what was wrong.</summary>
    public ResultInterpretation Interpret(LabResult result, PatientFacts patient, LabResult? previous)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(patient);
        _ = previous;
        var test = result.Loinc is null ? null : knowledge.Find(result.Loinc);
        return new ResultInterpretation
        {
            Result = result,
            Status = test is null ? ResultStatus.UnknownTest : ResultStatus.NoReferenceRange,
            Test = test,
            Summary = new LocalizedText("Not yet interpreted.", "尚未解读。"),
        };
    }

    /// <summary>Interprets every result of a report and finds the patterns across it and the record.</summary>
    public ReportInterpretation InterpretReport(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = input.Results
            .Select(r => Interpret(r, input.Patient, input.PreviousByReference.GetValueOrDefault(r.Reference)))
            .ToList();
        return new ReportInterpretation(results, [], knowledge.Version);
    }
}
