using System.Globalization;
using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;

namespace FhirAi.Clinical.Tests.MedicationReviewFhir;

[TestClass]
public sealed class RenalLabReaderTests
{
    private static readonly ReviewPatient Male81 = new("Patient/p", new DateOnly(1944, 1, 1), 81, AdministrativeSex.Male);

    private static RenalLabReader.Candidate Observation(string reference, string loinc, string when, decimal value, string unit, string status = "final") =>
        new(JsonDocument.Parse($$$"""
            {"resourceType":"Observation","status":"{{{status}}}","code":{"coding":[{"system":"http://loinc.org","code":"{{{loinc}}}"}]},
             "effectiveDateTime":"{{{when}}}","valueQuantity":{"value":{{{value.ToString(CultureInfo.InvariantCulture)}}},"system":"http://unitsofmeasure.org","code":"{{{unit}}}"}}
            """).RootElement, reference);

    [TestMethod]
    public void Latest_egfr_observation_wins()
    {
        var renal = RenalLabReader.Latest(
        [
            Observation("Observation/old", "33914-3", "2024-01-01", 80m, "mL/min/{1.73_m2}"),
            Observation("Observation/new", "98979-8", "2025-03-01", 25m, "mL/min/{1.73_m2}"),
            Observation("Observation/mid", "62238-1", "2024-06-01T10:00:00Z", 40m, "mL/min/{1.73_m2}"),
        ], Male81);

        Assert.IsNotNull(renal);
        Assert.AreEqual(25m, renal.Egfr);
        Assert.AreEqual("Observation/new", renal.EvidenceReference);
        Assert.IsFalse(renal.Computed);
    }

    [TestMethod]
    public void Entered_in_error_and_bare_clearance_units_are_skipped()
    {
        var renal = RenalLabReader.Latest(
        [
            Observation("Observation/ok", "33914-3", "2024-01-01", 55m, "mL/min/{1.73_m2}"),
            Observation("Observation/err", "33914-3", "2025-01-01", 10m, "mL/min/{1.73_m2}", status: "entered-in-error"),
            Observation("Observation/crcl", "33914-3", "2025-02-01", 12m, "mL/min"),
        ], Male81);

        Assert.AreEqual("Observation/ok", renal!.EvidenceReference);
        Assert.AreEqual(55m, renal.Egfr);
    }

    [TestMethod]
    public void More_recent_creatinine_is_turned_into_ckd_epi_2021_egfr()
    {
        // Published example (PublishedWorkedExamples.CkdEpi2021Creatinine): male, 81 years, 1.7 mg/dL → 39.99991.
        var renal = RenalLabReader.Latest(
        [
            Observation("Observation/egfr", "33914-3", "2024-01-01", 70m, "mL/min/{1.73_m2}"),
            Observation("Observation/scr", "2160-0", "2025-06-01", 1.7m * 88.42m, "umol/L"),
        ], Male81);

        Assert.IsTrue(renal!.Computed);
        Assert.AreEqual("Observation/scr", renal.EvidenceReference);
        Assert.AreEqual(40.0m, renal.Egfr, "39.99991 rounded to one decimal");
    }

    [TestMethod]
    public void Creatinine_without_sex_gives_no_egfr()
    {
        var unknown = Male81 with { Sex = AdministrativeSex.Unknown };

        Assert.IsNull(RenalLabReader.Latest([Observation("Observation/scr", "38483-4", "2025-06-01", 1.7m, "mg/dL")], unknown));
    }
}
