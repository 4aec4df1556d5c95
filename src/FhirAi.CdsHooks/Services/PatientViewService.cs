using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Data;
using FhirAi.CdsHooks.Protocol;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Reports;
using Microsoft.Extensions.Options;
using Keys = FhirAi.CdsHooks.Discovery.CdsServiceCatalog.Keys;

namespace FhirAi.CdsHooks.Services;

/// <summary>
/// <c>fhirai-patient-view</c>: the report interpretation engine run over the patient's recent results (the latest of each
/// test within <see cref="CdsHooksOptions.RecentResultDays"/>, as one virtual report; everything else is history). Cards:
/// one critical card per critical result, one info card listing the other abnormal results, one card per pattern (its
/// own severity) and one info card per risk equation that ran. Nothing recent and abnormal, no pattern, no risk: no card.
/// </summary>
internal sealed class PatientViewService(ReportInterpreter interpreter, IOptions<CdsHooksOptions> options, TimeProvider time)
{
    /// <summary>Most recent results interpreted in one call.</summary>
    public const int MaxRecentResults = 200;

    private const string Loinc = "http://loinc.org";

    /// <summary>The lab engine's rules that restate critical results (CriticalValueRule).</summary>
    private static readonly string[] CriticalRules = ["critical-value", "electrolyte-emergency"];

    public IReadOnlyList<Card> Review(string patientId, PatientDataGatherer.Gathered data, OutputLanguage language)
    {
        var now = time.GetUtcNow();
        var observations = data.Resources(Keys.Observations, "Observation")
            .Select(o => (Resource: o, Reference: "Observation/" + IdOf(o), Effective: ObservationFields.Effective(o), Code: ObservationFields.Loinc(o)))
            .Where(o => ObservationFields.Status(o.Resource) is not ("entered-in-error" or "cancelled"))
            .ToList();
        if (observations.Count == 0)
        {
            return [];
        }

        var since = now.AddDays(-options.Value.RecentResultDays);
        var recent = observations
            .Where(o => o.Code is not null && o.Effective is { } at && at >= since && at <= now.AddDays(1))
            .GroupBy(o => o.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(o => o.Effective)!)
            .OrderByDescending(o => o.Effective)
            .Take(MaxRecentResults)
            .ToList();
        var recentReferences = recent.Select(o => o.Reference).ToHashSet(StringComparer.Ordinal);
        var history = observations.Where(o => !recentReferences.Contains(o.Reference)).Select(o => new RecordResource(o.Reference, o.Resource))
            .Concat(data.Resources(Keys.Conditions, "Condition").Select(c => new RecordResource("Condition/" + IdOf(c), c)))
            .Concat(data.Resources(Keys.Medications, "MedicationRequest").Select(m => new RecordResource("MedicationRequest/" + IdOf(m), m)))
            .ToList();
        var patientReference = "Patient/" + patientId;
        var patient = data.Resources(Keys.Patient, "Patient").Select(p => new RecordResource(patientReference, p)).FirstOrDefault();

        var reportJson = new JsonObject
        {
            ["resourceType"] = "DiagnosticReport",
            ["status"] = "final",
            ["code"] = new JsonObject { ["text"] = "Recent results (CDS Hooks patient-view)" },
            ["subject"] = new JsonObject { ["reference"] = patientReference },
            ["effectiveDateTime"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        using var report = JsonSerializer.SerializeToDocument(reportJson);
        var result = interpreter.Interpret(new InterpretationRequest
        {
            Report = new RecordResource("urn:uuid:" + Guid.NewGuid(), report.RootElement),
            Results = [.. recent.Select(o => new RecordResource(o.Reference, o.Resource))],
            Patient = patient,
            History = history,
            Language = language,
        });

        // The engine's critical-value patterns restate the critical results: their texts go on the result's card instead.
        var criticalPatterns = result.Labs.Findings.Where(f => CriticalRules.Contains(f.RuleId)).ToList();
        var cards = new List<Card>();
        cards.AddRange(result.Labs.Results.Where(r => r.Flag is "HH" or "LL" or "AA")
            .Select(r => CriticalCard(r, criticalPatterns.Where(f => f.Evidence.Contains(r.Result.Reference, StringComparer.Ordinal)).ToList(), language)));
        if (AbnormalCard(result.Labs.Results.Where(r => r.Flag is "H" or "L" or "A").ToList(), language) is { } abnormal)
        {
            cards.Add(abnormal);
        }

        cards.AddRange(result.Labs.Findings.Except(criticalPatterns).Select(f => PatternCard(f, language)));
        cards.AddRange(result.Risks.Where(r => r.Status == RiskRunStatus.Ran).Select(r => RiskCard(r, language)));
        return [.. cards.OrderByDescending(c => Urgency(c.Indicator))];
    }

    private static Card CriticalCard(ResultInterpretation result, List<PatternFinding> patterns, OutputLanguage language)
    {
        var name = NameOf(result, language);
        var summary = $"{CardTexts.CriticalResult.For(language)}: {name} {ValueOf(result)} ({DateOf(result)})";
        var citation = result.Test?.Critical?.Citation ?? result.Range?.Citation ?? result.Test?.Citation;
        var detail = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"**{CardTexts.Markdown(name)}** {CardTexts.Markdown(ValueOf(result))} ({DateOf(result)}), flag `{result.Flag}`\n\n")
            .Append(result.Summary.For(language)).Append("\n\n");
        foreach (var pattern in patterns)
        {
            detail.Append(pattern.ClinicianText.For(language)).Append("\n\n");
        }

        AppendSource(detail, citation, language);
        detail.Append(CardTexts.DecisionSupport.For(language));
        var code = patterns.Select(p => p.Code).FirstOrDefault(c => c is not null);
        var topic = code is not null ? new CdsCoding { System = code.System, Code = code.Code, Display = code.Display } : TopicOf(result);
        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardTexts.Summary(summary),
            Detail = detail.ToString(),
            Indicator = "critical",
            Source = Source(CardTexts.LabSource, citation, topic, language),
            Links = citation is not null && CardTexts.Link(citation) is { } link ? [link] : null,
            Extension = Extension("critical-result", result.Test?.Id ?? result.Result.Loinc ?? "unknown"),
        };
    }

    private static Card? AbnormalCard(List<ResultInterpretation> abnormal, OutputLanguage language)
    {
        if (abnormal.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", abnormal.Select(r => NameOf(r, language)));
        var summary = $"{CardTexts.AbnormalResults(abnormal.Count).For(language)}: {names}";
        var detail = new StringBuilder();
        detail.Append(language == OutputLanguage.SimplifiedChinese ? "| 项目 | 结果 | 标记 | 日期 |\n|---|---|---|---|\n" : "| Test | Result | Flag | Date |\n|---|---|---|---|\n");
        foreach (var result in abnormal)
        {
            detail.Append(CultureInfo.InvariantCulture, $"| {CardTexts.Markdown(NameOf(result, language))} | {CardTexts.Markdown(ValueOf(result))} | {result.Flag} | {DateOf(result)} |\n");
        }

        detail.Append('\n');
        foreach (var result in abnormal)
        {
            detail.Append("- ").Append(result.Summary.For(language)).Append('\n');
        }

        detail.Append('\n');
        var citations = abnormal.Select(r => r.Range?.Citation).OfType<Citation>().DistinctBy(c => c.Text, StringComparer.Ordinal).ToList();
        foreach (var citation in citations)
        {
            AppendSource(detail, citation, language);
        }

        detail.Append(CardTexts.DecisionSupport.For(language));
        var links = citations.Select(CardTexts.Link).OfType<CardLink>().DistinctBy(l => l.Url, StringComparer.Ordinal).Take(5).ToList();
        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardTexts.Summary(summary),
            Detail = detail.ToString(),
            Indicator = "info",
            Source = Source(CardTexts.LabSource, citations.FirstOrDefault(c => CardTexts.AbsoluteUrl(c.Url) is not null), null, language),
            Links = links.Count > 0 ? links : null,
            Extension = Extension("abnormal-results", "lab-ranges"),
        };
    }

    private static Card PatternCard(PatternFinding finding, OutputLanguage language)
    {
        var text = finding.ClinicianText.For(language);
        var detail = new StringBuilder().Append(text).Append("\n\n");
        AppendSource(detail, finding.Citation, language);
        detail.Append(CultureInfo.InvariantCulture, $"(rule `{finding.RuleId}` {CardTexts.Markdown(finding.RuleVersion)})\n\n");
        detail.Append(CardTexts.DecisionSupport.For(language));
        var topic = finding.Code is { } code ? new CdsCoding { System = code.System, Code = code.Code, Display = code.Display } : null;
        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardTexts.Summary(FirstSentence(text)),
            Detail = detail.ToString(),
            Indicator = CardTexts.Indicator(finding.Severity),
            Source = Source(CardTexts.LabSource, finding.Citation, topic, language),
            Links = CardTexts.Link(finding.Citation) is { } link ? [link] : null,
            Extension = Extension("pattern", finding.RuleId),
        };
    }

    private static Card RiskCard(RiskRun run, OutputLanguage language)
    {
        var outputs = run.Model.Outputs
            .Where(o => run.Outputs.ContainsKey(o.Name))
            .Select(o => $"{o.Name} {Format(run.Outputs[o.Name], o)}")
            .ToList();
        var summary = $"{run.Model.Title}: {string.Join(", ", outputs)}";
        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture, $"**{CardTexts.Markdown(run.Model.Title)}** ({CardTexts.Markdown(run.Model.Id)} {CardTexts.Markdown(run.Model.Version)}): {CardTexts.Markdown(string.Join(", ", outputs))}\n\n");
        detail.Append(CultureInfo.InvariantCulture, $"{CardTexts.Markdown(run.Model.IntendedUse)}\n\n");
        if (run.Inputs.Count > 0)
        {
            detail.Append(CultureInfo.InvariantCulture, $"**{CardTexts.Evidence.For(language)}:** {CardTexts.Markdown(string.Join(", ", run.Inputs.Select(i => i.Name)))}\n\n");
        }

        var citations = run.Model.Citations.Select(c => new Citation(c.Text, c.Url ?? (c.Doi is { } doi ? "https://doi.org/" + doi : null))).ToList();
        foreach (var citation in citations)
        {
            AppendSource(detail, citation, language);
        }

        detail.Append(CardTexts.DecisionSupport.For(language));
        var links = citations.Select(CardTexts.Link).OfType<CardLink>().ToList();
        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardTexts.Summary(summary),
            Detail = detail.ToString(),
            Indicator = "info",
            Source = Source(CardTexts.RiskSource, citations.FirstOrDefault(), null, language),
            Links = links.Count > 0 ? links : null,
            Extension = Extension("risk", run.Model.Id),
        };
    }

    private static CardSource Source(LocalizedText label, Citation? citation, CdsCoding? topic, OutputLanguage language) => new()
    {
        Label = label.For(language),
        Url = CardTexts.AbsoluteUrl(citation?.Url),
        Topic = topic,
    };

    private static void AppendSource(StringBuilder detail, Citation? citation, OutputLanguage language)
    {
        if (citation is null)
        {
            return;
        }

        var text = CardTexts.AbsoluteUrl(citation.Url) is { } url ? $"[{CardTexts.Markdown(citation.Text)}]({url})" : CardTexts.Markdown(citation.Text);
        detail.Append(CultureInfo.InvariantCulture, $"**{CardTexts.SourceHeading.For(language)}:** {text}\n\n");
    }

    private static JsonObject Extension(string kind, string rule) =>
        new() { ["org.fhirai.cds"] = new JsonObject { ["rule"] = rule, ["kind"] = kind } };

    private static CdsCoding? TopicOf(ResultInterpretation result) =>
        result.Result.Loinc is { } loinc ? new CdsCoding { System = Loinc, Code = loinc, Display = result.Test?.Display ?? result.Result.Display } : null;

    private static string NameOf(ResultInterpretation result, OutputLanguage language) =>
        result.Test?.Name.For(language) ?? result.Result.Display ?? result.Result.Loinc ?? "result";

    private static string ValueOf(ResultInterpretation result) =>
        result.Result.Value is { } value
            ? $"{value.ToString(CultureInfo.InvariantCulture)} {result.Result.Unit}".Trim()
            : result.Result.ValueText ?? result.Result.CodedValue?.Display ?? result.Result.CodedValue?.Code ?? string.Empty;

    private static string DateOf(ResultInterpretation result) =>
        result.Result.Effective is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "?";

    /// <summary>A probability (unit "1" described as a fraction, as the RiskAssessment writer reads it) as a percentage; else the value and unit.</summary>
    private static string Format(double value, FhirAi.Inference.ModelOutput output) =>
        output.Unit == "1" && output.Description?.Contains("fraction", StringComparison.OrdinalIgnoreCase) == true
            ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %"
            : value.ToString("0.##", CultureInfo.InvariantCulture) + (output.Unit is "1" || output.Unit.StartsWith('{') ? string.Empty : " " + output.Unit);

    private static string FirstSentence(string text)
    {
        var stop = text.IndexOf(". ", StringComparison.Ordinal);
        var chinese = text.IndexOf('。', StringComparison.Ordinal);
        var end = stop < 0 ? chinese : chinese < 0 ? stop : Math.Min(stop, chinese);
        return end > 0 && end < CardTexts.MaxSummaryLength ? text[..(end + 1)] : text;
    }

    private static int Urgency(string indicator) => indicator switch
    {
        "critical" => 2,
        "warning" => 1,
        _ => 0,
    };

    private static string IdOf(JsonElement resource) =>
        resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "?";
}
