using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Reports;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Server.Reports;

/// <summary>
/// The input Parameters of <c>$interpret</c>. The type form carries report, result*, patient?, history*; both forms
/// take language? and persist?. Every shape problem is reported at its <c>Parameters.parameter[n]</c>.
/// </summary>
internal sealed record InterpretParameters
{
    public const int MaxResults = 500;
    public const int MaxHistory = 20_000;

    private static readonly HashSet<string> HistoryTypes = new(StringComparer.Ordinal) { "Observation", "Condition", "MedicationRequest" };

    public RecordResource? Report { get; private init; }

    public List<RecordResource> Results { get; } = [];

    public RecordResource? Patient { get; private init; }

    public List<RecordResource> History { get; } = [];

    public OutputLanguage? Language { get; private init; }

    public bool Persist { get; private init; }

    /// <summary>Where persist was given, for the type form's refusal.</summary>
    public string? PersistExpression { get; private init; }

    public static (InterpretParameters? Parameters, IReadOnlyList<OutcomeIssue> Issues) Read(JsonElement body, bool instance)
    {
        var issues = new List<OutcomeIssue>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Parameters")
        {
            return (null, [OutcomeIssue.Error(IssueCodes.Structure, "The body must be a Parameters resource.", "Parameters")]);
        }

        if (!body.TryGetProperty("parameter", out var list))
        {
            return (new InterpretParameters(), issues);
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return (null, [OutcomeIssue.Error(IssueCodes.Structure, "Parameters.parameter must be an array.", "Parameters.parameter")]);
        }

        RecordResource? report = null;
        RecordResource? patient = null;
        OutputLanguage? language = null;
        bool? persist = null;
        string? persistExpression = null;
        var results = new List<(JsonElement Resource, int Position)>();
        var history = new List<RecordResource>();
        var position = 0;
        foreach (var parameter in list.EnumerateArray())
        {
            var at = $"Parameters.parameter[{position++}]";
            var name = parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var resource = parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("resource", out var r) ? r : (JsonElement?)null;
            switch (name)
            {
                case "report" when instance:
                case "result" when instance:
                case "patient" when instance:
                case "history" when instance:
                    issues.Add(OutcomeIssue.Error(IssueCodes.NotSupported, $"'{name}' is taken from the store for a stored report; give it only to DiagnosticReport/$interpret.", at));
                    break;
                case "report":
                    if (report is not null)
                    {
                        issues.Add(OutcomeIssue.Error(IssueCodes.Duplicate, "Only one report may be given.", at));
                    }
                    else if (ResourceOf(resource, "DiagnosticReport", at, issues) is { } reportResource)
                    {
                        report = new RecordResource(Id(reportResource) is { } id ? $"DiagnosticReport/{id}" : $"urn:uuid:{Guid.NewGuid()}", reportResource);
                    }

                    break;
                case "result":
                    if (ResourceOf(resource, "Observation", at, issues) is { } observation)
                    {
                        results.Add((observation, position - 1));
                    }

                    break;
                case "patient":
                    if (patient is not null)
                    {
                        issues.Add(OutcomeIssue.Error(IssueCodes.Duplicate, "Only one patient may be given.", at));
                    }
                    else if (ResourceOf(resource, "Patient", at, issues) is { } patientResource)
                    {
                        patient = new RecordResource(Id(patientResource) is { } id ? $"Patient/{id}" : string.Empty, patientResource);
                    }

                    break;
                case "history":
                    if (ResourceOf(resource, null, at, issues) is { } entry)
                    {
                        var entryType = entry.GetProperty("resourceType").GetString()!;
                        if (!HistoryTypes.Contains(entryType))
                        {
                            issues.Add(OutcomeIssue.Error(IssueCodes.NotSupported, $"history takes Observation, Condition or MedicationRequest, not {entryType}.", at + ".resource"));
                        }
                        else if (Id(entry) is not { } id)
                        {
                            issues.Add(OutcomeIssue.Error(IssueCodes.Required, "A history resource needs an id, so that outputs can reference it.", at + ".resource.id"));
                        }
                        else
                        {
                            history.Add(new RecordResource($"{entryType}/{id}", entry));
                        }
                    }

                    break;
                case "language":
                    var code = Primitive(parameter, "valueCode") ?? Primitive(parameter, "valueString");
                    if (language is not null || code is null || !IsSupportedLanguage(code))
                    {
                        issues.Add(OutcomeIssue.Error(IssueCodes.Value, "language must be given once, as valueCode en or zh-Hans (zh, zh-CN accepted).", at));
                    }
                    else
                    {
                        language = OutputLanguages.Parse(code);
                    }

                    break;
                case "persist":
                    if (persist is not null || !parameter.TryGetProperty("valueBoolean", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        issues.Add(OutcomeIssue.Error(IssueCodes.Value, "persist must be given once, as valueBoolean.", at));
                    }
                    else
                    {
                        persist = flag.ValueKind == JsonValueKind.True;
                        persistExpression = at;
                    }

                    break;
                default:
                    issues.Add(OutcomeIssue.Error(IssueCodes.NotSupported, $"Unknown parameter '{name}'; $interpret takes report, result, patient, history, language and persist.", at));
                    break;
            }
        }

        if (results.Count > MaxResults || history.Count > MaxHistory)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.TooCostly, $"At most {MaxResults} results and {MaxHistory} history resources are accepted.", "Parameters.parameter"));
        }

        if (!instance && report is null && issues.Count == 0)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Required, "DiagnosticReport/$interpret needs a 'report' parameter holding the DiagnosticReport.", "Parameters.parameter"));
        }

        var parsed = new InterpretParameters { Report = report, Patient = patient, Language = language, Persist = persist ?? false, PersistExpression = persistExpression };
        if (report is not null)
        {
            parsed.Results.AddRange(MatchResults(report.Resource, results, issues));
        }

        parsed.History.AddRange(history);
        return issues.Count > 0 ? (null, issues) : (parsed, issues);
    }

    /// <summary>A result is "Observation/{id}"; without an id it takes the report's result reference at the same position.</summary>
    private static IEnumerable<RecordResource> MatchResults(JsonElement report, List<(JsonElement Resource, int Position)> results, List<OutcomeIssue> issues)
    {
        var references = report.TryGetProperty("result", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("reference", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null).ToList()
            : [];
        var matched = new List<RecordResource>();
        for (var i = 0; i < results.Count; i++)
        {
            var (resource, position) = results[i];
            var reference = Id(resource) is { } id ? $"Observation/{id}" : i < references.Count ? references[i] : null;
            if (reference is null)
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Required, "A result needs an id, or a report.result reference at the same position.", $"Parameters.parameter[{position}].resource.id"));
            }
            else if (matched.Any(m => m.Reference == reference))
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Duplicate, $"{reference} is given twice.", $"Parameters.parameter[{position}]"));
            }
            else
            {
                matched.Add(new RecordResource(reference, resource));
            }
        }

        return matched;
    }

    private static JsonElement? ResourceOf(JsonElement? resource, string? expected, string at, List<OutcomeIssue> issues)
    {
        if (resource is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Required, $"The parameter needs a resource{(expected is null ? string.Empty : " (" + expected + ")")}.", at + ".resource"));
            return null;
        }

        if (expected is not null && type.GetString() != expected)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, $"Expected a {expected}, got a {type.GetString()}.", at + ".resource"));
            return null;
        }

        return value;
    }

    private static string? Id(JsonElement resource) =>
        resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text ? text : null;

    private static string? Primitive(JsonElement parameter, string name) =>
        parameter.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsSupportedLanguage(string code) =>
        code.StartsWith("en", StringComparison.OrdinalIgnoreCase) || OutputLanguages.Parse(code) == OutputLanguage.SimplifiedChinese;
}
