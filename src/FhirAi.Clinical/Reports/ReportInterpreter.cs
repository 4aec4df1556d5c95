using System.Reflection;
using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using FhirAi.Fhir.Outcomes;
using FhirAi.Inference;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// <c>DiagnosticReport/$interpret</c> without HTTP or storage: the report, its results, the patient and the record in;
/// the annotated report and results, one RiskAssessment per model run, a GuidanceResponse and a Provenance out, as a
/// Parameters. Decision support: it never throws for bad clinical data; problems are reported in the output.
/// </summary>
/// <remarks>With a <see cref="Medications.DrugKnowledgeBase"/>, RxNorm-coded orders are classified (antihypertensive, statin) by their
/// code as well as by name, so Synthea's misspelt "Simvistatin 10 MG" (316672) counts as a statin.</remarks>
public sealed class ReportInterpreter(LabInterpreter labs, LabKnowledgeBase knowledge, ModelRegistry registry, TimeProvider time, Medications.DrugKnowledgeBase? drugs = null)
{
    /// <summary>Record results of other tests older than this are not used by the patterns.</summary>
    private static readonly TimeSpan RecordLookBack = TimeSpan.FromDays(366);

    private readonly RiskModelRunner _risks = new(registry, knowledge, drugs);

    public static string SoftwareVersion { get; } =
        typeof(ReportInterpreter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public InterpretationResult Interpret(InterpretationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<OutcomeIssue>(request.Problems);
        var now = time.GetUtcNow();
        var report = request.Report;
        // Age, look-backs and the risk horizon are taken at the report's time, so an old report is read as of its date.
        var asOf = FhirJson.Effective(report.Resource) ?? now;
        var subject = FhirJson.Reference(report.Resource, "subject") ?? request.Patient?.Reference;
        var patient = request.Patient is { } p
            ? PatientExtractor.Extract(p.Reference, p.Resource, issues)
            : PatientSnapshot.Unknown with { Reference = subject };
        if (request.Patient is null)
        {
            issues.Add(OutcomeIssue.Information(IssueCodes.NotFound, "No Patient was given: sex- and age-specific ranges and risk models that need age or sex are not used.", "DiagnosticReport.subject"));
        }

        var results = new List<LabResult>();
        var resultResources = new List<(RecordResource Resource, LabResult? Result)>();
        for (var i = 0; i < request.Results.Count; i++)
        {
            var resource = request.Results[i];
            var result = ObservationExtractor.Extract(resource.Reference, resource.Resource, $"DiagnosticReport.result[{i}]", issues);
            if (result is not null && result.Effective is null)
            {
                result = result with { Effective = asOf };
            }

            resultResources.Add((resource, result));
            if (result is not null)
            {
                results.Add(result);
            }
        }

        var record = new RecordIndex(results, request.History);
        var facts = new PatientFacts(patient.Sex, patient.AgeAt(asOf));
        var labReport = labs.InterpretReport(new ReportInput
        {
            Results = results,
            Patient = facts,
            PreviousByReference = Previous(results, record),
            RecordResults = RecordResults(results, record, asOf),
        });

        IReadOnlyList<RiskRun> risks = registry.Availability.IsAvailable && subject is not null ? _risks.Run(record, patient, asOf) : [];
        return Write(request, subject, labReport, risks, resultResources, issues, asOf, now);
    }

    private InterpretationResult Write(
        InterpretationRequest request, string? subject, ReportInterpretation labReport, IReadOnlyList<RiskRun> risks,
        List<(RecordResource Resource, LabResult? Result)> resultResources, List<OutcomeIssue> issues,
        DateTimeOffset asOf, DateTimeOffset now)
    {
        var language = request.Language;
        var reportReference = request.Report.Reference;
        var byReference = labReport.Results.GroupBy(r => r.Result.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ran = risks.Where(r => r.Status == RiskRunStatus.Ran).ToList();

        var riskAssessments = subject is null
            ? []
            : ran.Select(run => RiskAssessmentWriter.Write(NewId(), run, subject, reportReference, asOf, now, language)).ToList();
        var clinician = ReportSummaries.Clinician(labReport, risks, registry.Availability.IsAvailable, language);
        var patientText = ReportSummaries.Patient(labReport, language);
        var guidance = GuidanceResponseWriter.Write(NewId(), subject, reportReference, now, language, clinician, patientText, ReportSummaries.Sources(labReport, ran), risks, issues);

        var inputs = new List<string> { reportReference };
        inputs.AddRange(labReport.Results.Select(r => r.Result.Reference));
        inputs.AddRange(labReport.Results.Where(r => r.Delta is not null).Select(r => r.Delta!.PreviousReference));
        inputs.AddRange(labReport.Findings.SelectMany(f => f.Evidence));
        inputs.AddRange(ran.SelectMany(r => r.Inputs.SelectMany(i => i.Sources)));
        if (request.Patient is { } patientResource)
        {
            inputs.Add(patientResource.Reference);
        }

        var targets = new List<string> { reportReference };
        targets.AddRange(riskAssessments.Select(r => $"RiskAssessment/{r["id"]}"));
        targets.Add($"GuidanceResponse/{guidance["id"]}");
        var provenance = ProvenanceWriter.Write(NewId(), targets, now, SoftwareVersion, labReport.KnowledgeBaseVersion, ran, inputs);

        var parameters = new JsonArray
        {
            Resource("report", ResultAnnotator.Conclude(request.Report.Resource, clinician, labReport.Findings.Where(f => f.Code is not null).Select(f => f.Code!))),
        };
        foreach (var (resource, result) in resultResources)
        {
            parameters.Add(Resource("result", ResultAnnotator.Annotate(resource.Resource, result is null ? null : byReference.GetValueOrDefault(result.Reference), language)));
        }

        foreach (var assessment in riskAssessments)
        {
            parameters.Add(Resource("riskAssessment", assessment));
        }

        foreach (var finding in labReport.Findings)
        {
            parameters.Add(Finding(finding));
        }

        parameters.Add(Resource("guidance", guidance));
        parameters.Add(Resource("provenance", provenance));
        parameters.Add(new JsonObject { ["name"] = "clinicianSummary", ["valueString"] = clinician });
        parameters.Add(new JsonObject { ["name"] = "patientSummary", ["valueString"] = patientText });
        parameters.Add(new JsonObject { ["name"] = "language", ["valueCode"] = OutputLanguages.Tag(language) });
        return new InterpretationResult
        {
            Parameters = new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = parameters },
            NewResources = [.. riskAssessments, guidance, provenance],
            Issues = issues,
            Labs = labReport,
            Risks = risks,
        };
    }

    /// <summary>For each result, the latest earlier value of the same test (any of its LOINC codes) outside this report.</summary>
    private Dictionary<string, LabResult> Previous(List<LabResult> results, RecordIndex record)
    {
        var previous = new Dictionary<string, LabResult>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Loinc is null || result.Effective is not { } at)
            {
                continue;
            }

            var codes = knowledge.Find(result.Loinc)?.LoincCodes ?? [result.Loinc];
            var earlier = record.WithCodes(codes)
                .Where(r => !record.IsInReport(r) && r.Effective < at && (r.Value is not null || r.CodedValue is not null))
                .MaxBy(r => r.Effective);
            if (earlier is not null)
            {
                previous[result.Reference] = earlier;
            }
        }

        return previous;
    }

    /// <summary>The latest value within the look-back of every known test the report does not contain.</summary>
    private List<LabResult> RecordResults(List<LabResult> results, RecordIndex record, DateTimeOffset asOf)
    {
        var inReport = results.Select(r => r.Loinc is null ? null : knowledge.Find(r.Loinc)?.Id).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var latest = new List<LabResult>();
        foreach (var test in knowledge.Tests.Where(t => !inReport.Contains(t.Id)))
        {
            if (record.Latest(test.LoincCodes, asOf, asOf - RecordLookBack, r => !record.IsInReport(r)) is { } value)
            {
                latest.Add(value);
            }
        }

        return latest;
    }

    /// <summary>A pattern finding as a part list: rule id and version, severity, code, citation, evidence.</summary>
    private static JsonObject Finding(PatternFinding finding)
    {
        var parts = new JsonArray
        {
            new JsonObject { ["name"] = "rule", ["valueString"] = finding.RuleId },
            new JsonObject { ["name"] = "version", ["valueString"] = finding.RuleVersion },
            new JsonObject { ["name"] = "severity", ["valueCode"] = finding.Severity.ToString().ToLowerInvariant() },
        };
        if (finding.Code is { } code)
        {
            parts.Add(new JsonObject { ["name"] = "code", ["valueCoding"] = new JsonObject { ["system"] = code.System, ["code"] = code.Code, ["display"] = code.Display } });
        }

        parts.Add(new JsonObject { ["name"] = "citation", ["valueString"] = finding.Citation.Url is { } url ? $"{finding.Citation.Text} {url}" : finding.Citation.Text });
        foreach (var evidence in finding.Evidence.Distinct(StringComparer.Ordinal))
        {
            parts.Add(new JsonObject { ["name"] = "evidence", ["valueReference"] = InterpretationCodes.Reference(evidence) });
        }

        return new JsonObject { ["name"] = "finding", ["part"] = parts };
    }

    private static JsonObject Resource(string name, JsonObject resource) => new() { ["name"] = name, ["resource"] = resource };

    private static string NewId() => Guid.CreateVersion7().ToString();
}
