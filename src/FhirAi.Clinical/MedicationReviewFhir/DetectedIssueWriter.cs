using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;
using FhirAi.Fhir.Json;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// One <see cref="MedicationFinding"/> → one R4 DetectedIssue: status final (preliminary when a medication was
/// matched by name only), the v3-ActCode code, severity, patient, identifiedDateTime, FhirAi as a contained Device
/// author, the implicated orders, the evidence (eGFR Observation, AllergyIntolerance), the clinician detail with
/// the rule's source, the suggested mitigation as text, and the source URL as <c>reference</c>.
/// </summary>
/// <remarks>
/// mitigation.action is text only: R4 defines mitigation as an action taken or committed to, and the
/// ActDetectedIssueManagementCode codes (e.g. 13 "stopped concurrent therapy") each record such an action, so
/// coding a mere suggestion with one would misstate what happened.
/// </remarks>
internal static class DetectedIssueWriter
{
    public static JsonObject Write(MedicationFinding finding, string id, string patientReference, string knowledgeBaseVersion, ReviewOutputSettings settings)
    {
        var language = settings.Language;
        var title = ReviewTexts.Title(finding.Kind).For(language);
        var detail = Detail(finding, knowledgeBaseVersion, language);
        var mitigation = $"{ReviewTexts.Suggested.For(language)}: {finding.Mitigation.For(language)}";
        var issue = new JsonObject
        {
            ["resourceType"] = "DetectedIssue",
            ["id"] = id,
            ["language"] = OutputLanguages.Tag(language),
            ["text"] = ReviewDevice.Narrative([$"{title} ({ReviewTexts.SeverityName(finding.Severity).For(language)})", detail, mitigation]),
            ["contained"] = new JsonArray(ReviewDevice.Create(language, settings.SoftwareVersion, knowledgeBaseVersion)),
            ["status"] = finding.LowConfidenceMatch ? "preliminary" : "final",
            ["code"] = new JsonObject
            {
                ["coding"] = new JsonArray(Coding(finding.IssueCode)),
                ["text"] = title,
            },
            ["severity"] = finding.Severity switch
            {
                IssueSeverity.High => "high",
                IssueSeverity.Moderate => "moderate",
                _ => "low",
            },
            ["patient"] = ReviewReferences.ToJson(patientReference),
            ["identifiedDateTime"] = ResourceStamper.FormatInstant(settings.Now),
            ["author"] = new JsonObject { ["reference"] = ReviewDevice.Reference },
        };
        if (finding.Implicated.Count > 0)
        {
            issue["implicated"] = new JsonArray([.. finding.Implicated.Distinct(StringComparer.Ordinal).Select(r => (JsonNode)ReviewReferences.ToJson(r))]);
        }

        if (finding.Evidence.Count > 0)
        {
            issue["evidence"] = new JsonArray(new JsonObject
            {
                ["detail"] = new JsonArray([.. finding.Evidence.Distinct(StringComparer.Ordinal).Select(r => (JsonNode)ReviewReferences.ToJson(r))]),
            });
        }

        issue["detail"] = detail;
        if (finding.Citation.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            issue["reference"] = url;
        }

        issue["mitigation"] = new JsonArray(new JsonObject { ["action"] = new JsonObject { ["text"] = mitigation } });
        return issue;
    }

    private static string Detail(MedicationFinding finding, string knowledgeBaseVersion, OutputLanguage language)
    {
        var parts = new List<string> { finding.Detail.For(language).Trim() };
        if (finding.LowConfidenceMatch)
        {
            parts.Add(ReviewTexts.LowConfidence.For(language));
        }

        parts.Add($"{ReviewTexts.Source.For(language)}: {finding.Citation.Text} ({ReviewTexts.Rule.For(language)} {finding.RuleId}, {ReviewTexts.KnowledgeBase.For(language)} {knowledgeBaseVersion}).");
        parts.Add(ReviewTexts.DecisionSupport.For(language));
        return string.Join(" ", parts);
    }

    private static JsonObject Coding(CodedConcept concept)
    {
        var coding = new JsonObject { ["system"] = concept.System, ["code"] = concept.Code };
        if (concept.Display is { } display)
        {
            coding["display"] = display;
        }

        return coding;
    }
}
