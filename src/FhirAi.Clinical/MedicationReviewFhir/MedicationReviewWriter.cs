using System.Text.Json.Nodes;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// A review as the output Parameters of <c>MedicationRequest/$interpret</c>: one <c>issue</c> DetectedIssue per
/// finding (most severe first), one <c>provenance</c>, an <c>unresolved</c> string per medication the knowledge
/// base could not resolve, and a <c>note</c> saying what was checked and that it is decision support.
/// </summary>
public static class MedicationReviewWriter
{
    /// <summary>The output resources, separately, for callers that store them.</summary>
    public sealed record Outputs(IReadOnlyList<JsonObject> Issues, JsonObject Provenance, IReadOnlyList<string> Unresolved, string Note);

    public static Outputs Build(MedicationReview review, MedicationReviewContext context, ReviewOutputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var patient = context.Patient.Reference;
        var issues = review.Findings
            .OrderBy(f => f.Severity)
            .Select(f => DetectedIssueWriter.Write(f, settings.NewId(), patient, review.KnowledgeBaseVersion, settings))
            .ToList();
        var input = context.Input;
        var targets = issues.Count > 0
            ? issues.Select(i => "DetectedIssue/" + i["id"]!.GetValue<string>()).ToList()
            : input.Proposed.Select(p => p.Reference).ToList();
        var inputs = new List<string> { patient };
        inputs.AddRange(input.Proposed.Select(p => p.Reference));
        inputs.AddRange(input.Current.Select(c => c.Reference));
        inputs.AddRange(input.Allergies.Select(a => a.Reference));
        if (input.Renal?.EvidenceReference is { } renal)
        {
            inputs.Add(renal);
        }

        var language = settings.Language;
        var unresolved = review.Unresolved
            .Select(u => $"{u.Reference}{(u.Text is { Length: > 0 } text ? $" ({text})" : string.Empty)}: {ReviewTexts.NotChecked.For(language)}")
            .ToList();
        var note = ReviewTexts.Summary(language, issues.Count, input.Proposed.Count, context, unresolved.Count);
        var provenance = ReviewProvenanceWriter.Write(settings.NewId(), targets, inputs, review.KnowledgeBaseVersion, settings, note);
        return new Outputs(issues, provenance, unresolved, note);
    }

    public static JsonObject ToParameters(Outputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var parameters = new JsonArray();
        foreach (var issue in outputs.Issues)
        {
            parameters.Add(new JsonObject { ["name"] = "issue", ["resource"] = issue });
        }

        parameters.Add(new JsonObject { ["name"] = "provenance", ["resource"] = outputs.Provenance });
        foreach (var unresolved in outputs.Unresolved)
        {
            parameters.Add(new JsonObject { ["name"] = "unresolved", ["valueString"] = unresolved });
        }

        parameters.Add(new JsonObject { ["name"] = "note", ["valueString"] = outputs.Note });
        return new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = parameters };
    }
}
