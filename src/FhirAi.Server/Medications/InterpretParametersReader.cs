using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Server.Medications;

/// <summary>
/// Reads the Parameters of <c>MedicationRequest/$interpret</c>. Every problem (not a Parameters, an unknown,
/// repeated or wrongly typed parameter, a resource of the wrong type) is an error issue whose expression is the
/// parameter's location <c>Parameters.parameter[n]</c>; the caller answers them with a 400.
/// </summary>
internal static class InterpretParametersReader
{
    /// <summary>At most this many resources of each kind in one request.</summary>
    public const int MaxResourcesPerKind = 200;

    public static (InterpretRequest Request, List<OutcomeIssue> Issues) Read(JsonElement body, bool instanceForm)
    {
        var request = new InterpretRequest();
        var issues = new List<OutcomeIssue>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("resourceType", out var type) || !type.ValueEquals("Parameters"))
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Structure, "The body of $interpret must be a Parameters resource.", "Parameters"));
            return (request, issues);
        }

        if (body.TryGetProperty("parameter", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Structure, "Parameters.parameter must be an array.", "Parameters.parameter"));
                return (request, issues);
            }

            var index = 0;
            foreach (var parameter in list.EnumerateArray())
            {
                ReadParameter(parameter, $"Parameters.parameter[{index}]", instanceForm, request, issues);
                index++;
            }
        }

        if (!instanceForm)
        {
            if (request.Proposed.Count == 0)
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Required, "Give at least one medicationRequest parameter holding the proposed MedicationRequest.", "Parameters.parameter"));
            }

            if (request.PatientReference is null && request.PatientResource is null)
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Required, "Give the patient parameter, as valueReference (Patient/[id]) or as a Patient resource.", "Parameters.parameter"));
            }
        }

        return (request, issues);
    }

    private static void ReadParameter(JsonElement parameter, string location, bool instanceForm, InterpretRequest request, List<OutcomeIssue> issues)
    {
        if (parameter.ValueKind != JsonValueKind.Object || !parameter.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Required, "Every parameter needs a name.", location));
            return;
        }

        var name = nameElement.GetString()!;
        switch (name)
        {
            case "language":
                ReadLanguage(parameter, location, request, issues);
                return;
            case "persist":
                if (!parameter.TryGetProperty("valueBoolean", out var persist) || persist.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, "persist takes valueBoolean.", location));
                    return;
                }

                request.Persist = persist.GetBoolean();
                return;
            case "patient" when !instanceForm:
                ReadPatient(parameter, location, request, issues);
                return;
            case "medicationRequest" when !instanceForm:
                AddResource(parameter, location, ["MedicationRequest"], request.Proposed, issues);
                return;
            case "medication" when !instanceForm:
                AddResource(parameter, location, ["Medication"], request.Medications, issues);
                return;
            case "currentMedication" when !instanceForm:
                AddResource(parameter, location, ["MedicationRequest", "MedicationStatement"], request.CurrentMedications, issues);
                return;
            case "allergyIntolerance" when !instanceForm:
                AddResource(parameter, location, ["AllergyIntolerance"], request.Allergies, issues);
                return;
            case "observation" when !instanceForm:
                AddResource(parameter, location, ["Observation"], request.Observations, issues);
                return;
            default:
                issues.Add(OutcomeIssue.Error(IssueCodes.NotSupported, instanceForm
                    ? $"'{name}' is not a parameter of MedicationRequest/[id]/$interpret; it takes language and persist (the order and its context come from the server)."
                    : $"'{name}' is not a parameter of MedicationRequest/$interpret; it takes medicationRequest, patient, medication, currentMedication, allergyIntolerance, observation, language and persist.",
                    location));
                return;
        }
    }

    private static void ReadLanguage(JsonElement parameter, string location, InterpretRequest request, List<OutcomeIssue> issues)
    {
        if (request.Language is not null)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Duplicate, "language is given more than once.", location));
            return;
        }

        var value = parameter.TryGetProperty("valueCode", out var code) ? code : parameter.TryGetProperty("valueString", out var text) ? text : default;
        var tag = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (tag is null || !(tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase)))
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Value, "language takes valueCode en or zh-Hans (also zh, zh-CN).", location));
            return;
        }

        if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && OutputLanguages.Parse(tag) != OutputLanguage.SimplifiedChinese)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Value, $"language '{tag}': only Simplified Chinese (zh, zh-CN, zh-Hans) and English are written.", location));
            return;
        }

        request.Language = OutputLanguages.Parse(tag);
    }

    private static void ReadPatient(JsonElement parameter, string location, InterpretRequest request, List<OutcomeIssue> issues)
    {
        if (request.PatientReference is not null || request.PatientResource is not null)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Duplicate, "patient is given more than once.", location));
            return;
        }

        if (parameter.TryGetProperty("valueReference", out var reference))
        {
            var target = reference.ValueKind == JsonValueKind.Object && reference.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            if (target is null || !target.StartsWith("Patient/", StringComparison.Ordinal) || !Rest.ResourceWriteChecks.IsValidId(target["Patient/".Length..]))
            {
                issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, "patient.valueReference must reference a Patient as Patient/[id].", location + ".valueReference"));
                return;
            }

            request.PatientReference = target;
            return;
        }

        var found = new List<InterpretRequest.Given>();
        AddResource(parameter, location, ["Patient"], found, issues);
        request.PatientResource = found.FirstOrDefault();
    }

    private static void AddResource(JsonElement parameter, string location, string[] types, List<InterpretRequest.Given> into, List<OutcomeIssue> issues)
    {
        if (!parameter.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Required, $"This parameter takes a resource ({string.Join(" or ", types)}).", location));
            return;
        }

        var type = resource.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null || !types.Contains(type, StringComparer.Ordinal))
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, $"The resource is a {type ?? "resource without resourceType"}; expected {string.Join(" or ", types)}.", location + ".resource"));
            return;
        }

        if (into.Count >= MaxResourcesPerKind)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.TooCostly, $"At most {MaxResourcesPerKind} resources of one kind per request.", location));
            return;
        }

        into.Add(new InterpretRequest.Given(resource, location + ".resource"));
    }
}
