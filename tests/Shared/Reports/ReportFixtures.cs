using System.Globalization;
using System.Text.Json.Nodes;

namespace FhirAi.Tests.Shared;

/// <summary>
/// FHIR R4 resources for report-interpretation tests, shared by the Clinical (in-process) and Server (HTTP) tests:
/// a patient, lab results, a blood-pressure panel, smoking status, conditions, medications and the report.
/// </summary>
public static class ReportFixtures
{
    public const string Loinc = "http://loinc.org";

    /// <summary>The date of the reports in these tests.</summary>
    public const string ReportDate = "2026-06-01T09:00:00Z";

    public static JsonObject Patient(string id, string gender, string birthDate, string? ombRace = "2106-3") => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["extension"] = ombRace is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["url"] = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
            ["extension"] = new JsonArray(new JsonObject
            {
                ["url"] = "ombCategory",
                ["valueCoding"] = new JsonObject { ["system"] = "urn:oid:2.16.840.1.113883.6.238", ["code"] = ombRace },
            }),
        }),
        ["gender"] = gender,
        ["birthDate"] = birthDate,
        ["address"] = new JsonArray(new JsonObject { ["country"] = "US" }),
    };

    public static JsonObject Lab(string id, string patientId, string loinc, string display, double value, string unit, string effective = ReportDate) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = Category("laboratory"),
        ["code"] = Code(Loinc, loinc, display),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["effectiveDateTime"] = effective,
        ["valueQuantity"] = new JsonObject
        {
            ["value"] = value,
            ["unit"] = unit,
            ["system"] = "http://unitsofmeasure.org",
            ["code"] = unit,
        },
    };

    public static JsonObject BloodPressure(string id, string patientId, double systolic, double diastolic, string effective = ReportDate) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = Category("vital-signs"),
        ["code"] = Code(Loinc, "85354-9", "Blood pressure panel with all children optional"),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["effectiveDateTime"] = effective,
        ["component"] = new JsonArray(Component("8480-6", "Systolic blood pressure", systolic), Component("8462-4", "Diastolic blood pressure", diastolic)),
    };

    public static JsonObject Smoking(string id, string patientId, string snomed, string display, string effective = ReportDate) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = Category("social-history"),
        ["code"] = Code(Loinc, "72166-2", "Tobacco smoking status"),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["effectiveDateTime"] = effective,
        ["valueCodeableConcept"] = Code("http://snomed.info/sct", snomed, display),
    };

    public static JsonObject Condition(string id, string patientId, string snomed, string display) => new()
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["clinicalStatus"] = Code("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null),
        ["code"] = Code("http://snomed.info/sct", snomed, display),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["onsetDateTime"] = "2020-01-01",
    };

    public static JsonObject Medication(string id, string patientId, string rxnorm, string display, string status = "active") => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["medicationCodeableConcept"] = Code("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, display),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["authoredOn"] = "2025-01-01",
    };

    public static JsonObject Report(string id, string patientId, string loinc, string display, IEnumerable<string> resultIds, string effective = ReportDate) => new()
    {
        ["resourceType"] = "DiagnosticReport",
        ["id"] = id,
        ["status"] = "final",
        ["code"] = Code(Loinc, loinc, display),
        ["subject"] = Ref($"Patient/{patientId}"),
        ["effectiveDateTime"] = effective,
        ["result"] = new JsonArray([.. resultIds.Select(r => (JsonNode)Ref($"Observation/{r}"))]),
    };

    /// <summary>The type-level $interpret input: report, results, patient, history, optional language.</summary>
    public static JsonObject Parameters(JsonObject report, IEnumerable<JsonObject> results, JsonObject? patient, IEnumerable<JsonObject>? history = null, string? language = null)
    {
        var parameters = new JsonArray { new JsonObject { ["name"] = "report", ["resource"] = report.DeepClone() } };
        foreach (var result in results)
        {
            parameters.Add(new JsonObject { ["name"] = "result", ["resource"] = result.DeepClone() });
        }

        if (patient is not null)
        {
            parameters.Add(new JsonObject { ["name"] = "patient", ["resource"] = patient.DeepClone() });
        }

        foreach (var entry in history ?? [])
        {
            parameters.Add(new JsonObject { ["name"] = "history", ["resource"] = entry.DeepClone() });
        }

        if (language is not null)
        {
            parameters.Add(new JsonObject { ["name"] = "language", ["valueCode"] = language });
        }

        return new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = parameters };
    }

    /// <summary>
    /// Goff 2013 Appendix 7 Table A profile: 55 years at the report date, TC 213 mg/dL, HDL 50 mg/dL, untreated SBP 120,
    /// non-smoker, no diabetes. Returns the patient, the lipid report, its two results and the record (BP, smoking).
    /// </summary>
    public static (JsonObject Patient, JsonObject Report, JsonObject[] Results, JsonObject[] History) GoffTableA(string prefix, string sex, string race)
    {
        var patientId = prefix + "-patient";
        var omb = race == "african-american" ? "2054-5" : "2106-3";
        var patient = Patient(patientId, sex, "1971-01-15", omb);
        JsonObject[] results =
        [
            Lab(prefix + "-tc", patientId, "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 213, "mg/dL"),
            Lab(prefix + "-hdl", patientId, "2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", 50, "mg/dL"),
        ];
        var report = Report(prefix + "-report", patientId, "57698-3", "Lipid panel with direct LDL - Serum or Plasma", results.Select(r => r["id"]!.GetValue<string>()));
        JsonObject[] history =
        [
            BloodPressure(prefix + "-bp", patientId, 120, 78, "2026-05-20T09:00:00Z"),
            Smoking(prefix + "-smoking", patientId, "266919005", "Never smoker", "2026-05-20T09:00:00Z"),
        ];
        return (patient, report, results, history);
    }

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static JsonArray Category(string code) =>
        new(Code("http://terminology.hl7.org/CodeSystem/observation-category", code, null));

    private static JsonObject Component(string loinc, string display, double value) => new()
    {
        ["code"] = Code(Loinc, loinc, display),
        ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = "mm[Hg]", ["system"] = "http://unitsofmeasure.org", ["code"] = "mm[Hg]" },
    };

    private static JsonObject Code(string system, string code, string? display)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        return new JsonObject { ["coding"] = new JsonArray(coding) };
    }

    private static JsonObject Ref(string reference) => new() { ["reference"] = reference };
}
