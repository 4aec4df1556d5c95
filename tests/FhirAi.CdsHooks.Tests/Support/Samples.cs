using System.Globalization;
using System.Text.Json.Nodes;

namespace FhirAi.CdsHooks.Tests.Support;

/// <summary>Small FHIR resources and hook requests for the tests.</summary>
internal static class Samples
{
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public static string BirthDateYearsAgo(int years) =>
        DateTime.UtcNow.AddYears(-years).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonObject Patient(string id, int ageYears, string gender = "male") => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["gender"] = gender,
        ["birthDate"] = BirthDateYearsAgo(ageYears),
    };

    public static JsonObject Order(string id, string patientId, string rxcui, string name, string status) => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + patientId },
        ["medicationCodeableConcept"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = rxcui, ["display"] = name }),
            ["text"] = name,
        },
    };

    public static JsonObject Lab(string id, string patientId, string loinc, string display, decimal value, string unit, DateTimeOffset when) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = "laboratory" }),
        }),
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = loinc, ["display"] = display }) },
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + patientId },
        ["effectiveDateTime"] = when.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
    };

    public static JsonObject Bundle(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]),
    };

    /// <summary>An order-sign (or order-select) request; the draftOrders Bundle has no <c>type</c>, as the public sandbox sends it.</summary>
    public static JsonObject OrderSign(string patientId, JsonObject[] drafts, JsonObject? prefetch = null, string hook = "order-sign", string[]? selections = null)
    {
        var context = new JsonObject
        {
            ["userId"] = "Practitioner/example",
            ["patientId"] = patientId,
            ["draftOrders"] = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["entry"] = new JsonArray([.. drafts.Select(d => (JsonNode)new JsonObject { ["resource"] = d.DeepClone() })]),
            },
        };
        if (selections is not null)
        {
            context["selections"] = new JsonArray([.. selections.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        var request = new JsonObject { ["hook"] = hook, ["hookInstance"] = Guid.NewGuid().ToString(), ["context"] = context };
        if (prefetch is not null)
        {
            request["prefetch"] = prefetch;
        }

        return request;
    }

    public static JsonObject PatientView(string patientId, JsonObject? prefetch = null)
    {
        var request = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = patientId },
        };
        if (prefetch is not null)
        {
            request["prefetch"] = prefetch;
        }

        return request;
    }
}
