using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace FhirAi.Server.Tests;

/// <summary>Builds a patient's record on the server and calls <c>MedicationRequest/$interpret</c>, for the medication review tests.</summary>
internal sealed class MedicationReviewClient(HttpClient client)
{
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public HttpClient Http => client;

    public async Task<string> CreateAsync(JsonObject resource)
    {
        var type = resource["resourceType"]!.GetValue<string>();
        using var response = await client.PostAsync(type, FhirJson.Content(resource));
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, body);
        return $"{type}/{JsonNode.Parse(body)!["id"]!.GetValue<string>()}";
    }

    public Task<string> PatientAsync(string birthDate, string gender = "male") =>
        CreateAsync(new JsonObject { ["resourceType"] = "Patient", ["gender"] = gender, ["birthDate"] = birthDate });

    /// <summary>A MedicationRequest of an RxNorm code; <paramref name="doseMg"/> and <paramref name="timesPerDay"/> add a dosage instruction.</summary>
    public static JsonObject Order(string? patient, string rxcui, string display, string status = "active", decimal? doseMg = null, int? timesPerDay = null)
    {
        var order = new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["status"] = status,
            ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = rxcui, ["display"] = display }),
                ["text"] = display,
            },
            ["subject"] = new JsonObject { ["reference"] = patient ?? "Patient/unused" },
        };
        if (patient is null)
        {
            order.Remove("subject");
        }

        if (doseMg is not null || timesPerDay is not null)
        {
            var dosage = new JsonObject();
            if (timesPerDay is not null)
            {
                dosage["timing"] = new JsonObject { ["repeat"] = new JsonObject { ["frequency"] = timesPerDay, ["period"] = 1, ["periodUnit"] = "d" } };
            }

            if (doseMg is not null)
            {
                dosage["doseAndRate"] = new JsonArray(new JsonObject
                {
                    ["doseQuantity"] = new JsonObject { ["value"] = doseMg, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" },
                });
            }

            order["dosageInstruction"] = new JsonArray(dosage);
        }

        return order;
    }

    public static JsonObject Egfr(string patient, decimal value, string when) => new()
    {
        ["resourceType"] = "Observation",
        ["status"] = "final",
        ["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = "laboratory" }),
        }),
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "33914-3", ["display"] = "Estimated Glomerular Filtration Rate" }) },
        ["subject"] = new JsonObject { ["reference"] = patient },
        ["effectiveDateTime"] = when,
        ["valueQuantity"] = new JsonObject
        {
            ["value"] = value, ["unit"] = "mL/min/{1.73_m2}", ["system"] = "http://unitsofmeasure.org", ["code"] = "mL/min/{1.73_m2}",
        },
    };

    public static JsonObject PenicillinAllergy(string patient) => new()
    {
        ["resourceType"] = "AllergyIntolerance",
        ["clinicalStatus"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", ["code"] = "active" }),
        },
        ["verificationStatus"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", ["code"] = "confirmed" }),
        },
        ["type"] = "allergy",
        ["category"] = new JsonArray("medication"),
        ["criticality"] = "high",
        ["code"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "91936005", ["display"] = "Allergy to penicillin" }),
            ["text"] = "Allergy to penicillin",
        },
        ["patient"] = new JsonObject { ["reference"] = patient },
    };

    public async Task<JsonObject> InterpretStoredAsync(string order, JsonObject? parameters = null, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{order}/$interpret");
        if (parameters is not null)
        {
            request.Content = FhirJson.Content(parameters);
        }

        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.Add(StringWithQualityHeaderValue.Parse(acceptLanguage));
        }

        return await SendOkAsync(request);
    }

    public async Task<JsonObject> InterpretAsync(JsonObject parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "MedicationRequest/$interpret") { Content = FhirJson.Content(parameters) };
        return await SendOkAsync(request);
    }

    public async Task<HttpResponseMessage> PostRawAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = FhirJson.Content(body) };
        return await client.SendAsync(request);
    }

    private async Task<JsonObject> SendOkAsync(HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        var parameters = JsonNode.Parse(body)!.AsObject();
        Assert.AreEqual("Parameters", parameters["resourceType"]!.GetValue<string>());
        return parameters;
    }

    public static JsonObject Parameters(params (string Name, JsonNode Value)[] parameters) => new()
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray([.. parameters.Select(p => (JsonNode)(p.Value is JsonObject resource && resource.ContainsKey("resourceType")
            ? new JsonObject { ["name"] = p.Name, ["resource"] = resource }
            : p.Value is JsonObject reference && reference.ContainsKey("reference")
                ? new JsonObject { ["name"] = p.Name, ["valueReference"] = reference }
                : p.Value.GetValueKind() == System.Text.Json.JsonValueKind.True || p.Value.GetValueKind() == System.Text.Json.JsonValueKind.False
                    ? new JsonObject { ["name"] = p.Name, ["valueBoolean"] = p.Value }
                    : new JsonObject { ["name"] = p.Name, ["valueCode"] = p.Value }))]),
    };

    public static JsonObject Ref(string reference) => new() { ["reference"] = reference };

    public static List<JsonObject> Issues(JsonObject parameters) =>
        [.. parameters["parameter"]!.AsArray().Where(p => p!["name"]!.GetValue<string>() == "issue").Select(p => p!["resource"]!.AsObject())];

    public static JsonObject Provenance(JsonObject parameters) =>
        parameters["parameter"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "provenance")!["resource"]!.AsObject();

    public static string Code(JsonObject issue) => issue["code"]!["coding"]![0]!["code"]!.GetValue<string>();

    public static string[] References(JsonNode? array) =>
        array is null ? [] : [.. array.AsArray().Select(r => r!["reference"]?.GetValue<string>() ?? r!["display"]!.GetValue<string>())];

    public static string Today(int yearsAgo, int days = 0) =>
        DateTime.UtcNow.Date.AddYears(-yearsAgo).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
