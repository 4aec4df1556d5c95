using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// Writes the interpretation into a copy of each result Observation: <c>interpretation</c> with the normality flag
/// (N, L, H, LL, HH, A, AA) and, for a significant delta, the change code (U or D); a <c>note</c> with the clinician
/// line, the delta, which range was used, and the decision-support notice. A result that could not be interpreted
/// keeps its own interpretation and gets a note saying why.
/// </summary>
internal static class ResultAnnotator
{
    public static JsonObject Annotate(JsonElement observation, ResultInterpretation? interpretation, OutputLanguage language)
    {
        var copy = JsonSerializer.SerializeToNode(observation)!.AsObject();
        if (interpretation is null)
        {
            return copy;
        }

        var lines = new List<LocalizedText>();
        if (interpretation.Status == ResultStatus.Interpreted && interpretation.Flag is { } flag)
        {
            var codes = new JsonArray(InterpretationCodes.Concept(InterpretationCodes.InterpretationSystem, flag, InterpretationCodes.Display(flag)));
            if (interpretation.Delta is { Significant: true, Direction: not DeltaDirection.Unchanged } delta)
            {
                var change = delta.Direction == DeltaDirection.Up ? "U" : "D";
                codes.Add(InterpretationCodes.Concept(InterpretationCodes.InterpretationSystem, change, InterpretationCodes.Display(change)));
            }

            copy["interpretation"] = codes;
            lines.Add(interpretation.Summary);
            if (interpretation.Range is { } range)
            {
                lines.Add(InterpretationTexts.Range(range));
            }
        }
        else
        {
            lines.Add(InterpretationTexts.NotInterpreted(interpretation));
        }

        if (interpretation.Delta is { } d)
        {
            lines.Add(InterpretationTexts.Delta(d, interpretation.CanonicalUnit));
        }

        lines.Add(InterpretationTexts.DecisionSupport);
        var notes = copy["note"] as JsonArray ?? [];
        notes.Add(InterpretationCodes.Note(string.Join(" ", lines.Select(l => l.For(language)))));
        copy["note"] = notes;
        return copy;
    }

    /// <summary>
    /// The report with <c>conclusion</c> (the clinician summary, after the laboratory's own conclusion if it had one) and
    /// <c>conclusionCode</c> (the laboratory's codes, then the findings' verified codes).
    /// </summary>
    public static JsonObject Conclude(JsonElement report, string conclusion, IEnumerable<CodedConcept> codes)
    {
        var copy = JsonSerializer.SerializeToNode(report)!.AsObject();
        copy["conclusion"] = copy["conclusion"] is JsonValue own && own.TryGetValue<string>(out var text) && text.Length > 0
            ? text + "\n\n" + conclusion
            : conclusion;
        var concepts = copy["conclusionCode"] as JsonArray ?? [];
        foreach (var code in codes.DistinctBy(c => (c.System, c.Code)))
        {
            concepts.Add(InterpretationCodes.Concept(code));
        }

        if (concepts.Count > 0)
        {
            copy["conclusionCode"] = concepts;
        }

        return copy;
    }
}
