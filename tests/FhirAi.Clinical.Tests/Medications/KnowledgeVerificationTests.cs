using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.Tests.Medications;

/// <summary>
/// The verification pass over the drug knowledge base (docs/drug-knowledge.md, "Verification record"): codes and limits
/// checked against public sources carry that source, and what is still unverified says so in the citation that reaches
/// the output.
/// </summary>
[TestClass]
public sealed class KnowledgeVerificationTests
{
    private static readonly string[] CheckedLevels = ["public-terminology-source", "recalled-agrees-with-public-code"];

    [TestMethod]
    public void Every_recorded_RXCUI_evidence_belongs_to_a_checked_code()
    {
        var withEvidence = Meds.Knowledge.Ingredients.Where(i => i.RxcuiEvidence is not null).ToArray();

        Assert.IsNotEmpty(withEvidence);
        foreach (var ingredient in withEvidence)
        {
            CollectionAssert.Contains(CheckedLevels, ingredient.RxcuiCheck, ingredient.Id);
            Assert.IsNotNull(ingredient.Rxcui, ingredient.Id);
            StringAssert.Contains(ingredient.RxcuiEvidence, ingredient.Rxcui, ingredient.Id);
        }

        foreach (var ingredient in Meds.Knowledge.Ingredients.Where(i => i.RxcuiCheck == "public-terminology-source"))
        {
            Assert.IsNotNull(ingredient.RxcuiEvidence, $"{ingredient.Id} is marked checked against a public terminology source but names none");
        }
    }

    [TestMethod]
    // Values as printed in the sources named in each ingredient's rxcuiEvidence.
    [DataRow("candesartan", "214354")]    // VSAC 2.16.840.1.113883.3.526.3.1489
    [DataRow("olmesartan", "321064")]     // VSAC 2.16.840.1.113883.3.526.3.1489
    [DataRow("bisoprolol", "19484")]      // VSAC 2.16.840.1.113883.3.526.3.1493
    [DataRow("lovastatin", "6472")]       // VSAC 2.16.840.1.113762.1.4.1110.42
    [DataRow("tapentadol", "787390")]     // CDC MME conversion factors CodeSystem
    [DataRow("buprenorphine", "1819")]    // CDC MME conversion factors CodeSystem
    [DataRow("ticagrelor", "1116632")]    // HL7 vulcan-rwd ValueSet ExampleTicagrelorCodes
    [DataRow("meloxicam", "41493")]       // HL7 PDDI-CDS valueset-meloxicam
    [DataRow("eplerenone", "298869")]     // HL7 PDDI-CDS valueset-eplerenone
    [DataRow("amoxicillin", "723")]       // OMOP CONCEPT extract (OHDSI/Eunomia): Amoxicillin, RxNorm, Ingredient
    [DataRow("hydrocortisone", "5492")]   // OMOP CONCEPT extract (OHDSI/Eunomia)
    [DataRow("astemizole", "42328")]      // OMOP CONCEPT extract (OHDSI/Eunomia); had no code before the third pass
    [DataRow("ritonavir", "85762")]       // OMOP concept extract (PEDSnet paxlovid code set)
    [DataRow("topiramate", "38404")]      // OMOP descendants of the topiramate ingredient (PEDSnet code set)
    [DataRow("empagliflozin", "1545653")] // OMOP CONCEPT extract (PEDSnet SGLT2 code set): empagliflozin, RxNorm, Ingredient
    [DataRow("aliskiren", "325646")]      // OMOP concept extract (PEDSnet RAAS code set), no concept-class column
    public void Checked_RXCUIs_match_the_public_source(string id, string rxcui)
    {
        var ingredient = Meds.Knowledge.Ingredients.Single(i => i.Id == id);

        Assert.AreEqual(rxcui, ingredient.Rxcui);
        Assert.AreEqual("public-terminology-source", ingredient.RxcuiCheck);
    }

    [TestMethod]
    public void An_order_coded_only_with_the_amoxicillin_ingredient_code_meets_a_penicillin_allergy_with_full_confidence()
    {
        // Before the third pass 723 only agreed with other people's code and mapped nothing.
        var review = Meds.Review([Meds.Rx("MedicationRequest/amox", "723")], allergies: [Meds.Allergy("AllergyIntolerance/pcn", Meds.Snomed, "91936005", "Allergy to penicillin")]);

        var finding = review.Findings.Single(f => f.Kind == FindingKind.Allergy);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        Assert.IsFalse(finding.LowConfidenceMatch);
    }

    [TestMethod]
    [DataRow("atorvastatin", 80.0, 1.0, null)]                      // Lipitor: 10 to 80 mg once daily
    [DataRow("atorvastatin", 40.0, 3.0, IssueSeverity.High)]        // 120 mg/day, 1.5 x the maximum
    [DataRow("citalopram", 25.0, 2.0, IssueSeverity.Moderate)]      // 50 mg/day, above 40 mg (FDA 2011)
    [DataRow("atenolol", 200.0, 1.0, null)]                         // the labelled angina dose; the recalled 100 mg flagged it
    [DataRow("atenolol", 100.0, 3.0, IssueSeverity.High)]           // 300 mg/day
    [DataRow("memantine", 28.0, 1.0, null)]                         // Namenda XR once daily; the recalled 20 mg flagged it
    [DataRow("memantine", 20.0, 2.0, IssueSeverity.Moderate)]       // 40 mg/day
    [DataRow("clarithromycin", 500.0, 3.0, null)]                   // H. pylori dual therapy, 500 mg every 8 hours; the recalled 1000 mg flagged it
    [DataRow("clarithromycin", 1000.0, 2.0, IssueSeverity.Moderate)] // 2000 mg/day
    [DataRow("diclofenac", 50.0, 4.0, null)]                        // rheumatoid arthritis 150-200 mg/day; the recalled 150 mg flagged it
    [DataRow("famotidine", 160.0, 4.0, null)]                       // hypersecretory states, up to 160 mg every 6 hours; the recalled 80 mg flagged it
    [DataRow("sumatriptan", 100.0, 3.0, IssueSeverity.High)]        // 300 mg in 24 hours, above the labelled 200 mg
    public void Maximum_daily_doses_checked_in_the_third_pass_are_used(string ingredientId, double milligrams, double timesPerDay, IssueSeverity? expected)
    {
        var review = Meds.Review([Meds.Drug("MedicationRequest/d", ingredientId, new DoseInstruction((decimal)milligrams, "mg", (decimal)timesPerDay))]);

        var finding = review.Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange);
        Assert.AreEqual(expected, finding?.Severity);
        if (finding is not null)
        {
            Assert.IsFalse(finding.Citation.Text.StartsWith("UNVERIFIED", StringComparison.Ordinal), finding.Citation.Text);
        }
    }

    [TestMethod]
    [DataRow("clonidine", "first-line")]
    [DataRow("estradiol", "Do not start systemic estrogen")]
    public void Beers_flags_read_on_the_2023_drug_pages_are_used_from_age_65(string ingredientId, string wording)
    {
        var finding = Meds.Review([Meds.Drug("MedicationRequest/x", ingredientId)], age: 72).Findings.Single(f => f.Kind == FindingKind.Beers);

        StringAssert.Contains(finding.Detail.English, wording);
        StringAssert.Contains(finding.Citation.Text, "2023");
        Assert.AreEqual(IssueSeverity.Low, finding.Severity);
        Assert.IsFalse(Meds.Review([Meds.Drug("MedicationRequest/x", ingredientId)], age: 64).Findings.Any(f => f.Kind == FindingKind.Beers));
    }

    [TestMethod]
    [DataRow("Estradiol 0.1 MG/GM Vaginal Cream", false)]   // Beers 2023: low-dose vaginal estrogen is acceptable
    [DataRow("Estradiol 1 MG Oral Tablet", true)]
    [DataRow("estradiol", true)]                            // route unknown: flagged, the text names the exception
    public void The_systemic_estrogen_flag_leaves_out_vaginal_products(string text, bool flagged)
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/e2", text)], age: 70);

        Assert.AreEqual(flagged, review.Findings.Any(f => f.Kind == FindingKind.Beers && f.RuleId.Contains("estradiol", StringComparison.Ordinal)),
            string.Join("; ", review.Findings.Select(f => f.RuleId)));
    }

    [TestMethod]
    [DataRow("Diclofenac Sodium 75 MG Delayed Release Oral Tablet", true)]
    [DataRow("diclofenac sodium 10 MG/GM Topical Gel", false)]   // the 200 mg maximum is for oral use
    public void Oral_maxima_apply_only_to_orders_whose_name_does_not_state_another_route(string text, bool flagged)
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/dic", text, new DoseInstruction(100m, "mg", 3m))]);

        Assert.AreEqual(flagged, review.Findings.Any(f => f.Kind == FindingKind.DoseRange));
    }

    [TestMethod]
    [DataRow(15.0, null)]                      // 60 mg/day: the label's GERD regimen (15 mg four times daily), silent
    [DataRow(20.0, IssueSeverity.Moderate)]    // 80 mg/day: above the 60 mg label maximum
    public void Metoclopramide_allows_the_label_GERD_regimen(double milligrams, IssueSeverity? expected)
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/mcp", "metoclopramide 10 MG Oral Tablet", new DoseInstruction((decimal)milligrams, "mg", 4m))]);

        var finding = review.Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange);
        Assert.AreEqual(expected, finding?.Severity);
        if (finding is not null)
        {
            StringAssert.Contains(finding.Citation.Text, "section 2.2");
        }
    }

    [TestMethod]
    public void The_colchicine_renal_rule_cites_the_label_section_it_was_checked_against()
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/colch", "colchicine 0.6 MG Oral Tablet")], renal: new RenalFunction(25m, "Observation/egfr", false));

        var finding = review.Findings.Single(f => f.Kind == FindingKind.RenalDose);
        StringAssert.Contains(finding.Citation.Text, "Colcrys");
        StringAssert.Contains(finding.Detail.English, "0.3 mg/day");
        Assert.IsEmpty(Meds.Review([Meds.Named("MedicationRequest/colch", "colchicine 0.6 MG Oral Tablet")], renal: new RenalFunction(30m, "Observation/egfr", false)).Findings);
    }

    [TestMethod]
    [DataRow(55.0, true)]   // Beers 2023 Table 6: avoid below eGFR 60
    [DataRow(60.0, false)]
    public void Baclofen_follows_the_Beers_2023_kidney_threshold(double egfr, bool expected)
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/bac", "baclofen 10 MG Oral Tablet")], renal: new RenalFunction((decimal)egfr, "Observation/egfr", false));

        var finding = review.Findings.SingleOrDefault(f => f.Kind == FindingKind.RenalDose);
        Assert.AreEqual(expected, finding is not null);
        if (finding is not null)
        {
            StringAssert.Contains(finding.Citation.Text, "Table 6");
        }
    }

    [TestMethod]
    public void A_renal_rule_checked_against_secondary_sources_names_them()
    {
        // 100 mg three times daily = 300 mg/day against the 150 mg/day maximum at CrCl 15–30 mL/min.
        var review = Meds.Review(
            [Meds.Named("MedicationRequest/preg", "pregabalin 100 MG Oral Capsule", new DoseInstruction(100m, "mg", 3m))],
            renal: new RenalFunction(20m, "Observation/egfr", false));

        var finding = review.Findings.Single(f => f.Kind == FindingKind.RenalDose);
        StringAssert.Contains(finding.Citation.Text, "secondary summaries");
        StringAssert.Contains(finding.Detail.English, "150");
    }
}
