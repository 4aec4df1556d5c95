using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;

namespace FhirAi.Clinical.Tests.MedicationReviewFhir;

[TestClass]
public sealed class ExtractionTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [TestMethod]
    public void Codeable_concept_order_gives_codes_text_and_dose_per_day()
    {
        var order = Parse("""
            {"resourceType":"MedicationRequest","status":"active","intent":"order",
             "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"861004","display":"metformin hydrochloride 500 MG Oral Tablet"}]},
             "subject":{"reference":"Patient/p1"},
             "dosageInstruction":[{"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}},
               "doseAndRate":[{"doseQuantity":{"value":500,"unit":"milligram","system":"http://unitsofmeasure.org","code":"mg"}}]}]}
            """);

        var entry = MedicationEntryReader.Read(order, "MedicationRequest/1");

        Assert.AreEqual("MedicationRequest/1", entry.Reference);
        Assert.AreEqual(new CodedConcept(RxNorm, "861004", "metformin hydrochloride 500 MG Oral Tablet"), entry.Codes.Single());
        Assert.AreEqual("metformin hydrochloride 500 MG Oral Tablet", entry.Text, "the display stands in for a missing text");
        Assert.AreEqual(500m, entry.Dose!.DoseValue);
        Assert.AreEqual("mg", entry.Dose.DoseUnit, "the UCUM code, not the unit text");
        Assert.AreEqual(2m, entry.Dose.TimesPerDay);
        Assert.AreEqual("Patient/p1", MedicationEntryReader.SubjectReference(order));
        Assert.IsTrue(MedicationEntryReader.IsCurrent(order));
    }

    [TestMethod]
    public void Synthea_unitless_dose_every_four_hours_is_six_a_day()
    {
        // The shape Synthea writes: doseQuantity without a unit, frequency 1 per 4 h.
        var order = Parse("""
            {"resourceType":"MedicationRequest","status":"stopped","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"313782"}],"text":"Acetaminophen 325 MG Oral Tablet"},
             "dosageInstruction":[{"sequence":1,"timing":{"repeat":{"frequency":1,"period":4,"periodUnit":"h"}},"asNeededBoolean":false,
               "doseAndRate":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/dose-rate-type","code":"ordered"}]},"doseQuantity":{"value":1}}]}]}
            """);

        var entry = MedicationEntryReader.Read(order, "MedicationRequest/2");

        Assert.AreEqual(1m, entry.Dose!.DoseValue);
        Assert.IsNull(entry.Dose.DoseUnit);
        Assert.AreEqual(6m, entry.Dose.TimesPerDay);
        Assert.AreEqual("Acetaminophen 325 MG Oral Tablet", entry.Text);
        Assert.IsFalse(MedicationEntryReader.IsCurrent(order), "a stopped order is not a current medication");
    }

    [TestMethod]
    [DataRow("""{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"TID"}]}}""", 3.0)]
    [DataRow("""{"repeat":{"frequency":1,"frequencyMax":2,"period":1,"periodUnit":"d"}}""", 2.0)]
    [DataRow("""{"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}}""", 1.0 / 7.0)]
    [DataRow("""{"repeat":{"when":["MORN","EVE"]}}""", 2.0)]
    public void Timing_forms_give_times_per_day(string timing, double expected)
    {
        var order = Parse("""{"resourceType":"MedicationRequest","dosageInstruction":[{"timing":""" + timing + "}]}");

        var dose = MedicationEntryReader.Read(order, "MedicationRequest/3").Dose;

        Assert.AreEqual(expected, (double)dose!.TimesPerDay!.Value, 1e-9);
    }

    [TestMethod]
    public void As_needed_without_timing_or_dose_has_no_dose()
    {
        var order = Parse("""{"resourceType":"MedicationRequest","status":"active","dosageInstruction":[{"sequence":1,"asNeededBoolean":true}]}""");

        Assert.IsNull(MedicationEntryReader.Read(order, "MedicationRequest/4").Dose);
    }

    [TestMethod]
    public void Contained_medication_gives_its_code_and_ingredients()
    {
        var order = Parse("""
            {"resourceType":"MedicationRequest","status":"active",
             "contained":[{"resourceType":"Medication","id":"med",
               "code":{"text":"compounded analgesic"},
               "ingredient":[{"itemCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"5640","display":"ibuprofen"}]}}]}],
             "medicationReference":{"reference":"#med"}}
            """);

        var entry = MedicationEntryReader.Read(order, "MedicationRequest/5");

        Assert.AreEqual("5640", entry.Codes.Single().Code);
        Assert.AreEqual("compounded analgesic", entry.Text);
        Assert.IsNull(MedicationEntryReader.ExternalMedicationReference(order), "a contained Medication needs no look-up");
    }

    [TestMethod]
    public void Stored_medication_reference_is_resolved_by_the_caller()
    {
        var order = Parse("""{"resourceType":"MedicationStatement","status":"active","medicationReference":{"reference":"Medication/m1","display":"warfarin"}}""");
        var medication = Parse("""{"resourceType":"Medication","id":"m1","code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"855332","display":"warfarin sodium 5 MG Oral Tablet"}]}}""");

        var unresolved = MedicationEntryReader.Read(order, "MedicationStatement/6");
        var resolved = MedicationEntryReader.Read(order, "MedicationStatement/6", reference => reference == "Medication/m1" ? medication : null);

        Assert.AreEqual("Medication/m1", MedicationEntryReader.ExternalMedicationReference(order));
        Assert.AreEqual(0, unresolved.Codes.Count);
        Assert.AreEqual("warfarin", unresolved.Text, "without the Medication the reference's display is kept for the name fallback");
        Assert.AreEqual("855332", resolved.Codes.Single().Code);
        Assert.IsTrue(MedicationEntryReader.IsCurrent(order));
    }

    [TestMethod]
    [DataRow("active", "confirmed", true)]
    [DataRow("active", "unconfirmed", true)]
    [DataRow(null, null, true)]
    [DataRow("inactive", "confirmed", false)]
    [DataRow("resolved", "confirmed", false)]
    [DataRow("active", "refuted", false)]
    [DataRow(null, "entered-in-error", false)]
    public void Only_allergies_that_still_count_are_read(string? clinical, string? verification, bool counts)
    {
        var clinicalJson = clinical is null ? string.Empty
            : "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"" + clinical + "\"}]},";
        var verificationJson = verification is null ? string.Empty
            : "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification\",\"code\":\"" + verification + "\"}]},";
        var allergy = Parse("{\"resourceType\":\"AllergyIntolerance\"," + clinicalJson + verificationJson + """
            "criticality":"high","code":{"coding":[{"system":"http://snomed.info/sct","code":"91936005","display":"Allergy to penicillin"}]},"patient":{"reference":"Patient/p"}}
            """);

        var entry = AllergyEntryReader.Read(allergy, "AllergyIntolerance/a");

        Assert.AreEqual(counts, entry is not null);
        if (entry is not null)
        {
            Assert.AreEqual("91936005", entry.Codes.Single().Code);
            Assert.AreEqual("high", entry.Criticality);
            Assert.AreEqual("Allergy to penicillin", entry.Text);
        }
    }

    [TestMethod]
    [DataRow("1960-06-15", "2025-06-14T23:00:00Z", 64)]
    [DataRow("1960-06-15", "2025-06-15T00:00:00Z", 65)]
    [DataRow("1960", "2025-01-01T00:00:00Z", 65)]
    public void Age_is_whole_years_at_the_review_instant(string birthDate, string now, int expected)
    {
        var patient = Parse($$$"""{"resourceType":"Patient","gender":"female","birthDate":"{{{birthDate}}}"}""");

        var read = ReviewPatient.Read(patient, "Patient/p", DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.AreEqual(expected, read.AgeYears);
        Assert.AreEqual(AdministrativeSex.Female, read.Sex);
    }
}
