using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Models;
using FhirAi.Fhir.Json;
using FhirAi.Fhir.Outcomes;
using FhirAi.Inference;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The GuidanceResponse summarising an interpretation: <c>note[0]</c> the clinician summary (most severe first),
/// <c>note[1]</c> the plain-language patient summary, <c>note[2]</c> the sources (rules with versions and citations, models), <c>dataRequirement</c> for every model input the record lacks
/// (status data-requested), and the problems met as a contained OperationOutcome in <c>evaluationMessage</c>.
/// </summary>
internal static class GuidanceResponseWriter
{
    public static JsonObject Write(
        string id, string? subject, string report, DateTimeOffset now, OutputLanguage language,
        string clinicianSummary, string patientSummary, string sources, IReadOnlyList<RiskRun> risks, IReadOnlyList<OutcomeIssue> issues)
    {
        var requirements = risks.Where(r => r.Status == RiskRunStatus.MissingInputs)
            .SelectMany(r => r.Missing.Select(input => DataRequirement(r.Model, input)))
            .ToArray();
        var guidance = new JsonObject
        {
            ["resourceType"] = "GuidanceResponse",
            ["id"] = id,
            ["language"] = OutputLanguages.Tag(language),
        };
        if (issues.Count > 0)
        {
            var outcome = OperationOutcomeJson.Create(issues);
            outcome["id"] = "problems";
            guidance["contained"] = new JsonArray(outcome);
            guidance["evaluationMessage"] = new JsonArray(InterpretationCodes.Reference("#problems"));
        }

        guidance["moduleUri"] = ReportConformance.InterpretOperationUrl;
        guidance["status"] = requirements.Length > 0 ? "data-requested" : "success";
        if (subject is not null)
        {
            guidance["subject"] = InterpretationCodes.Reference(subject);
        }

        guidance["occurrenceDateTime"] = ResourceStamper.FormatInstant(now);
        guidance["reasonReference"] = new JsonArray(InterpretationCodes.Reference(report));
        guidance["note"] = new JsonArray(InterpretationCodes.Note(clinicianSummary), InterpretationCodes.Note(patientSummary), InterpretationCodes.Note(sources));
        if (requirements.Length > 0)
        {
            guidance["dataRequirement"] = new JsonArray(requirements);
        }

        return guidance;
    }

    /// <summary>What the record would need for the model to run: an Observation code filter, or the Patient element.</summary>
    private static JsonObject DataRequirement(ModelDescription model, ModelInput input)
    {
        var requirement = new JsonObject
        {
            ["extension"] = new JsonArray(
                new JsonObject { ["url"] = ModelLibraryWriter.InputExtensionUrl, ["valueCode"] = input.Name },
                new JsonObject { ["url"] = ReportConformance.ModelExtensionUrl, ["valueCanonical"] = $"{ModelLibraryWriter.CanonicalUrl(model.Id)}|{model.Version}" }),
        };
        var codes = input.Name == "smoker"
            ? [$"{FhirJson.Loinc}|{RecordCodeSets.SmokingStatusLoinc}"]
            : input.Binding?.Codes ?? [];
        if (codes.Count > 0)
        {
            requirement["type"] = "Observation";
            requirement["codeFilter"] = new JsonArray(new JsonObject
            {
                ["path"] = "code",
                ["code"] = new JsonArray([.. codes.Select(c => c.Split('|')).Where(p => p.Length == 2)
                    .Select(p => (JsonNode)new JsonObject { ["system"] = p[0], ["code"] = p[1] })]),
            });
            return requirement;
        }

        requirement["type"] = "Patient";
        requirement["mustSupport"] = new JsonArray(input.Name switch
        {
            "age_y" => "birthDate",
            "sex" => "gender",
            "race" => "extension",
            "region" => "address.country",
            _ => input.Name,
        });
        return requirement;
    }
}
