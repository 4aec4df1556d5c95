using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.CdsHooks.Data;
using FhirAi.CdsHooks.Discovery;
using FhirAi.CdsHooks.Protocol;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Clinical.Medications;
using Keys = FhirAi.CdsHooks.Discovery.CdsServiceCatalog.Keys;

namespace FhirAi.CdsHooks.Services;

/// <summary>
/// <c>fhirai-medication-review</c> on order-select and order-sign: runs the medication reviewer over the draft orders
/// against the patient's current medications, allergies, latest renal function and age, and turns every finding that
/// involves a draft order into a card (delete suggestion for the draft, override reasons, the rule's citation).
/// </summary>
internal sealed class MedicationReviewService(MedicationReviewer reviewer, TimeProvider time)
{
    public IReadOnlyList<Card> Review(DraftOrders drafts, PatientDataGatherer.Gathered data, OutputLanguage language)
    {
        var patientReference = "Patient/" + drafts.PatientId;
        var patientResource = data.Resources(Keys.Patient, "Patient")
            .Select(p => (JsonElement?)p)
            .FirstOrDefault(p => p!.Value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == drafts.PatientId)
            ?? data.Resources(Keys.Patient, "Patient").Select(p => (JsonElement?)p).FirstOrDefault();
        var patient = patientResource is { } found
            ? ReviewPatient.Read(found, patientReference, time.GetUtcNow())
            : new ReviewPatient(patientReference, null, null, AdministrativeSex.Unknown);

        var medications = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var medication in data.Resources(Keys.Medications, "Medication").Concat(data.Resources(Keys.Statements, "Medication")).Concat(drafts.Medications))
        {
            if (medication.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                medications["Medication/" + id.GetString()] = medication;
            }
        }

        JsonElement? Resolve(string reference) => medications.TryGetValue(reference, out var m) ? m : null;

        var draftReferences = drafts.Orders.Select(d => d.Reference).ToHashSet(StringComparer.Ordinal);
        var current = data.Resources(Keys.Medications, "MedicationRequest").Select(r => (Resource: r, Type: "MedicationRequest"))
            .Concat(data.Resources(Keys.Statements, "MedicationStatement").Select(r => (Resource: r, Type: "MedicationStatement")))
            .Select(item => (item.Resource, Reference: $"{item.Type}/{IdOf(item.Resource)}"))
            .Where(item => !draftReferences.Contains(item.Reference) && MedicationEntryReader.IsCurrent(item.Resource))
            .DistinctBy(item => item.Reference, StringComparer.Ordinal)
            .Select(item => MedicationEntryReader.Read(item.Resource, item.Reference, Resolve))
            .ToList();
        var allergies = data.Resources(Keys.Allergies, "AllergyIntolerance")
            .Select(a => AllergyEntryReader.Read(a, "AllergyIntolerance/" + IdOf(a)))
            .OfType<AllergyEntry>()
            .ToList();
        var renal = RenalLabReader.Latest(
            data.Resources(Keys.RenalLabs, "Observation").Select(o => new RenalLabReader.Candidate(o, "Observation/" + IdOf(o))), patient);
        var proposed = drafts.Orders.Select(d => MedicationEntryReader.Read(d.Resource, d.Reference, Resolve)).ToList();
        var review = reviewer.Review(new MedicationReviewInput
        {
            Proposed = proposed,
            Current = current,
            Allergies = allergies,
            Renal = renal,
            AgeYears = patient.AgeYears,
        });

        var names = proposed.Concat(current).GroupBy(e => e.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => NameOf(g.First()), StringComparer.Ordinal);
        var draftsByReference = drafts.Orders.ToDictionary(d => d.Reference, StringComparer.Ordinal);
        return [.. review.Findings
            .Where(f => f.Implicated.Any(draftReferences.Contains))
            .OrderBy(f => f.Severity)
            .Select(f => Card(f, names, draftsByReference, review.KnowledgeBaseVersion, language))];
    }

    private static Card Card(
        MedicationFinding finding, Dictionary<string, string> names, Dictionary<string, DraftOrders.Draft> drafts, string knowledgeBaseVersion, OutputLanguage language)
    {
        var severity = CardTexts.SeverityOf(finding.Severity);
        var title = CardTexts.KindTitle(finding.Kind).For(language);
        var severityName = SeverityName(finding.Severity).For(language);
        var involved = finding.Implicated.Select(r => names.GetValueOrDefault(r, "?")).Distinct(StringComparer.Ordinal).ToList();
        var summary = language == OutputLanguage.SimplifiedChinese
            ? $"{title}：{string.Join(" + ", involved)}（{severityName}）"
            : $"{title}: {string.Join(" + ", involved)} ({severityName})";

        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture, $"**{title}** ({severityName}): {CardTexts.Markdown(string.Join(" + ", involved))}\n\n");
        detail.Append(finding.Detail.For(language)).Append("\n\n");
        detail.Append(CultureInfo.InvariantCulture, $"**{CardTexts.Management.For(language)}:** {finding.Mitigation.For(language)}\n\n");
        var citation = CardTexts.AbsoluteUrl(finding.Citation.Url) is { } url
            ? $"[{CardTexts.Markdown(finding.Citation.Text)}]({url})"
            : CardTexts.Markdown(finding.Citation.Text);
        detail.Append(CultureInfo.InvariantCulture, $"**{CardTexts.SourceHeading.For(language)}:** {citation} (rule `{finding.RuleId}`, knowledge base {CardTexts.Markdown(knowledgeBaseVersion)})\n\n");
        detail.Append(CardTexts.DecisionSupport.For(language));

        var suggestions = finding.Implicated
            .Where(drafts.ContainsKey)
            .Select(r => drafts[r])
            .Where(d => d.Id is not null)
            .Select(d => new Suggestion
            {
                Label = CardTexts.DeleteLabel(names.GetValueOrDefault(d.Reference, "?")).For(language),
                Uuid = Guid.NewGuid().ToString(),
                IsRecommended = finding.Severity == IssueSeverity.High,
                Actions =
                [
                    new CardAction
                    {
                        Type = "delete",
                        Description = CardTexts.DeleteDescription(names.GetValueOrDefault(d.Reference, "?")).For(language),
                        ResourceId = d.Reference,
                    },
                ],
            })
            .ToList();

        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardTexts.Summary(summary),
            Detail = detail.ToString(),
            Indicator = CardTexts.Indicator(severity),
            Source = new CardSource
            {
                Label = CardTexts.MedicationSource.For(language),
                Url = CardTexts.AbsoluteUrl(finding.Citation.Url),
                Topic = new CdsCoding { System = finding.IssueCode.System, Code = finding.IssueCode.Code, Display = finding.IssueCode.Display },
            },
            Suggestions = suggestions.Count > 0 ? suggestions : null,
            SelectionBehavior = suggestions.Count > 0 ? "at-most-one" : null,
            OverrideReasons = [.. CardTexts.OverrideReasons.Select(r => new CdsCoding { System = CardTexts.OverrideReasonSystem, Code = r.Code, Display = r.Display.For(language) })],
            Links = CardTexts.Link(finding.Citation) is { } link ? [link] : null,
            Extension = new JsonObject
            {
                ["org.fhirai.cds"] = new JsonObject { ["rule"] = finding.RuleId, ["kind"] = finding.Kind.ToString() },
            },
        };
    }

    private static LocalizedText SeverityName(IssueSeverity severity) => severity switch
    {
        IssueSeverity.High => new("high severity", "高严重度"),
        IssueSeverity.Moderate => new("moderate severity", "中等严重度"),
        _ => new("low severity", "低严重度"),
    };

    private static string NameOf(MedicationEntry entry) =>
        entry.Text ?? entry.Codes.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? entry.Codes.FirstOrDefault()?.Code ?? "medication";

    private static string IdOf(JsonElement resource) =>
        resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "?";
}
