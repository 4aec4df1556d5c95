using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.Tests.Medications;

/// <summary>The issue's named cases and the non-interaction checks: allergy, renal, dose range, duplicates, Beers, name fallback.</summary>
[TestClass]
public sealed class ReviewCheckTests
{
    [TestMethod]
    public void Warfarin_with_ibuprofen_is_a_high_severity_DRG_issue()
    {
        var finding = Meds.Review([Meds.Rx("MedicationRequest/ibu", "310965")], [Meds.Drug("MedicationRequest/warf", "warfarin")]).Findings.Single();

        Assert.AreEqual("DRG", finding.IssueCode.Code);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        CollectionAssert.AreEquivalent(new[] { "MedicationRequest/ibu", "MedicationRequest/warf" }, finding.Implicated.ToArray());
    }

    [TestMethod]
    public void Metformin_with_eGFR_25_is_a_renal_issue_with_the_eGFR_as_evidence()
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/met", "860975")], renal: new RenalFunction(25m, "Observation/egfr", false));

        var finding = review.Findings.Single();
        Assert.AreEqual(FindingKind.RenalDose, finding.Kind);
        Assert.AreEqual("LAB", finding.IssueCode.Code);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        CollectionAssert.AreEqual(new[] { "Observation/egfr" }, finding.Evidence.ToArray());
        StringAssert.Contains(finding.Detail.English, "eGFR 25");
        StringAssert.Contains(finding.Citation.Text, "metformin");
    }

    [TestMethod]
    [DataRow(40.0, 1000.0, false)]  // eGFR 30–45: at the 1000 mg/day limit, silent
    [DataRow(40.0, 1500.0, true)]   // above the reduced maximum
    [DataRow(50.0, 2000.0, false)]  // eGFR ≥ 45: no renal rule applies
    [DataRow(29.9, 500.0, true)]    // below 30: contraindicated whatever the dose
    public void Metformin_renal_limits_follow_the_thresholds(double egfr, double dailyMg, bool expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/met", "860975", new DoseInstruction((decimal)dailyMg / 500m, "{tbl}", 1m))], renal: new RenalFunction((decimal)egfr, null, true));

        Assert.AreEqual(expected, review.Findings.Any(f => f.Kind == FindingKind.RenalDose));
    }

    [TestMethod]
    public void Gabapentin_within_the_renal_maximum_is_silent_and_above_it_is_flagged()
    {
        var renal = new RenalFunction(40m, "Observation/egfr", false);
        Assert.IsEmpty(Meds.Review([Meds.Drug("MedicationRequest/g", "gabapentin", new DoseInstruction(300m, "mg", 3m))], renal: renal).Findings);

        var finding = Meds.Review([Meds.Drug("MedicationRequest/g", "gabapentin", new DoseInstruction(600m, "mg", 3m))], renal: renal).Findings.Single();
        Assert.AreEqual("renal.gabapentin.below-60", finding.RuleId);
        StringAssert.Contains(finding.Mitigation.English, "1400");
    }

    [TestMethod]
    public void Amoxicillin_for_a_patient_allergic_to_penicillin_is_ALGY()
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/amox", "308182")], allergies: [Meds.Allergy("AllergyIntolerance/pcn", Meds.Snomed, "91936005", "Allergy to penicillin")]);

        var finding = review.Findings.Single();
        Assert.AreEqual("ALGY", finding.IssueCode.Code);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        CollectionAssert.AreEqual(new[] { "AllergyIntolerance/pcn" }, finding.Evidence.ToArray());
        Assert.IsFalse(finding.LowConfidenceMatch);
    }

    [TestMethod]
    public void Allergy_to_an_ingredient_matches_a_combination_product_containing_it()
    {
        // oxycodone 7804 is a checked ingredient code (CPIC drug table); the order is acetaminophen/oxycodone
        var finding = Meds.Review([Meds.Rx("MedicationRequest/percocet", "1049221")], allergies: [Meds.Allergy("AllergyIntolerance/a", Meds.RxNorm, "7804")]).Findings.Single();

        Assert.AreEqual("allergy.same-ingredient", finding.RuleId);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
    }

    [TestMethod]
    public void Penicillin_allergy_gives_a_low_severity_cross_sensitivity_alert_for_a_cephalosporin()
    {
        var finding = Meds.Review([Meds.Rx("MedicationRequest/cef", "309097")], allergies: [Meds.Allergy("AllergyIntolerance/pcn", Meds.Snomed, "91936005")]).Findings.Single();

        Assert.AreEqual("allergy.cross.penicillins.cephalosporins", finding.RuleId);
        Assert.AreEqual(IssueSeverity.Low, finding.Severity);
    }

    [TestMethod]
    public void Allergy_recorded_as_text_only_matches_with_lower_confidence()
    {
        var allergy = new AllergyEntry { Reference = "AllergyIntolerance/t", Text = "Penicillin" };

        var finding = Meds.Review([Meds.Rx("MedicationRequest/amox", "308192")], allergies: [allergy]).Findings.Single();

        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        Assert.IsTrue(finding.LowConfidenceMatch);
    }

    [TestMethod]
    public void Food_and_environmental_allergies_do_not_alert_on_drugs() =>
        Assert.IsEmpty(Meds.Review(
            [Meds.Rx("MedicationRequest/amox", "308182"), Meds.Rx("MedicationRequest/ibu", "310965")],
            allergies: [Meds.Allergy("AllergyIntolerance/p", Meds.Snomed, "91935009", "Allergy to peanuts"), Meds.Allergy("AllergyIntolerance/l", Meds.Snomed, "300916003", "Latex allergy")]).Findings);

    [TestMethod]
    public void Simvastatin_with_clarithromycin_is_an_issue()
    {
        // Simvastatin is the corpus product 316672 ("Simvistatin 10 MG", matched by its code). Clarithromycin has no checked
        // code in the base (its ingredient RXCUI is unchecked, and 197511 turned out to be ciprofloxacin), so the order is
        // matched by name and the finding says so.
        var review = Meds.Review([Meds.Drug("MedicationRequest/c", "clarithromycin")], [Meds.Rx("MedicationStatement/s", "316672")]);

        var finding = review.Findings.Single(f => f.Kind == FindingKind.Interaction);
        Assert.AreEqual(IssueSeverity.High, finding.Severity);
        Assert.AreEqual("ddi.onc11-statin-cyp3a4-inhibitor", finding.RuleId);
        Assert.IsTrue(finding.LowConfidenceMatch);
    }

    [TestMethod]
    [DataRow(1000.0, "mg", 4.0, null)]                     // 4000 mg/day: at the limit, silent
    [DataRow(1.0, "g", 4.0, null)]                          // unit-aware: 1 g × 4
    [DataRow(3.0, "{tbl}", 4.0, null)]                      // 3 × 325 mg × 4 = 3900 mg
    [DataRow(3.0, "{tbl}", 5.0, IssueSeverity.Moderate)]    // 4875 mg
    [DataRow(1001.0, "mg", 4.0, IssueSeverity.Moderate)]    // just above
    [DataRow(2.0, "g", 3.0, IssueSeverity.High)]            // 6000 mg = 1.5 × maximum
    [DataRow(1000000.0, "ug", 5.0, IssueSeverity.Moderate)] // 5000 mg in micrograms
    [DataRow(3.0, null, 5.0, IssueSeverity.Moderate)]       // Synthea style: no unit = tablets
    [DataRow(1000000.0, "mcg", 5.0, IssueSeverity.Moderate)] // "mcg" unit text
    [DataRow(3.0, "tablet", 5.0, IssueSeverity.Moderate)]   // unit text instead of UCUM
    [DataRow(10.0, "mL", 5.0, null)]                        // a volume for a tablet product: not computable, silent
    public void Acetaminophen_dose_range_is_checked_around_the_4_g_limit(double dose, string? unit, double timesPerDay, IssueSeverity? expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/apap", "313782", new DoseInstruction((decimal)dose, unit, (decimal)timesPerDay))]);

        var finding = review.Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange);
        Assert.AreEqual(expected, finding?.Severity);
        if (finding is not null)
        {
            Assert.AreEqual("DOSEH", finding.IssueCode.Code);
        }
    }

    [TestMethod]
    [DataRow(20.0, null)]                        // 20 mL × 5 mg/mL × 4 = 400 mg/day: at the maximum
    [DataRow(25.0, IssueSeverity.Moderate)]      // 500 mg/day
    public void A_volume_dose_of_a_liquid_uses_the_strength_per_mL(double millilitres, IssueSeverity? expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/nf", "311989", new DoseInstruction((decimal)millilitres, "mL", 4m))]);

        Assert.AreEqual(expected, review.Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange)?.Severity);
    }

    [TestMethod]
    public void A_unit_less_dose_of_a_liquid_is_not_guessed() =>
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/nf", "311989", new DoseInstruction(500m, null, 4m))]).Findings);

    [TestMethod]
    public void Acetaminophen_from_a_combination_product_adds_to_the_daily_total()
    {
        // 2 × 325 mg × 4 = 2600 mg plus 2 × 325 mg (with oxycodone) × 4 = 2600 mg → 5200 mg/day
        var review = Meds.Review(
            [Meds.Rx("MedicationRequest/percocet", "1049221", new DoseInstruction(2m, "{tbl}", 4m))],
            [Meds.Rx("MedicationStatement/apap", "313782", new DoseInstruction(2m, "{tbl}", 4m))]);

        var dose = review.Findings.Single(f => f.Kind == FindingKind.DoseRange);
        StringAssert.Contains(dose.Detail.English, "5200 mg/day");
        Assert.HasCount(2, dose.Implicated);
        var duplicate = review.Findings.Single(f => f.Kind == FindingKind.DuplicateTherapy);
        Assert.AreEqual("DUPTHPGEN", duplicate.IssueCode.Code);
    }

    [TestMethod]
    public void Two_NSAIDs_of_one_ATC_subgroup_are_a_class_duplicate()
    {
        var finding = Meds.Review([Meds.Rx("MedicationRequest/nap", "198014")], [Meds.Rx("MedicationStatement/ibu", "310965")]).Findings.Single();

        Assert.AreEqual("DUPTHPCLS", finding.IssueCode.Code);
        Assert.AreEqual("duplicate.same-atc4.M01AE", finding.RuleId);
    }

    [TestMethod]
    [DataRow("ibuprofen", "celecoxib", "duplicate.same-class.nsaid")]        // ibuprofen (M01AE) + celecoxib (M01AH)
    [DataRow("diazepam", "clonazepam", "duplicate.same-class.benzodiazepine")] // diazepam (N05BA) + clonazepam (N03AE)
    public void Members_of_a_duplicate_class_in_different_ATC_subgroups_are_a_class_duplicate(string a, string b, string rule)
    {
        var finding = Meds.Review([Meds.Drug("MedicationRequest/a", a)], [Meds.Drug("MedicationStatement/b", b)]).Findings.Single();

        Assert.AreEqual("DUPTHPCLS", finding.IssueCode.Code);
        Assert.AreEqual(rule, finding.RuleId);
    }

    [TestMethod]
    [DataRow("745679", "896209")]   // albuterol with fluticasone/salmeterol: SABA + LABA is a regimen
    [DataRow("243670", "309362")]   // aspirin with clopidogrel: dual antiplatelet therapy
    public void Routinely_combined_subgroups_are_not_duplicates(string a, string b) =>
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/a", a)], [Meds.Rx("MedicationStatement/b", b)]).Findings);

    [TestMethod]
    [DataRow(64, false)]
    [DataRow(65, true)]
    [DataRow(null, false)]
    public void Beers_criteria_apply_from_65(int? age, bool expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/dph", "1049630")], age: age);

        Assert.AreEqual(expected, review.Findings.Any(f => f.Kind == FindingKind.Beers && f.IssueCode.Code == "GEALRT"));
    }

    [TestMethod]
    [DataRow(0.125, false)]
    [DataRow(0.25, true)]
    public void Beers_digoxin_flag_depends_on_the_daily_dose(double mg, bool expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/dig", "3407", new DoseInstruction((decimal)mg, "mg", 1m))], age: 80);

        Assert.AreEqual(expected, review.Findings.Any(f => f.Kind == FindingKind.Beers));
    }

    [TestMethod]
    [DataRow(70, "sertraline", true)]     // sertraline proposed with two current CNS-active drugs
    [DataRow(64, "sertraline", false)]    // under 65
    [DataRow(70, "acetaminophen", false)] // the proposed drug is not CNS-active: current pairs are not re-alerted
    public void Beers_three_or_more_CNS_active_drugs(int age, string proposed, bool expected)
    {
        // current: zolpidem and gabapentin
        var review = Meds.Review([Meds.Drug("MedicationRequest/p", proposed)], [Meds.Drug("MedicationStatement/z", "zolpidem"), Meds.Drug("MedicationStatement/g", "gabapentin")], age: age);

        var finding = review.Findings.SingleOrDefault(f => f.RuleId == "beers2023.cns-active-3");
        Assert.AreEqual(expected, finding is not null);
        if (finding is not null)
        {
            Assert.HasCount(3, finding.Implicated);
            StringAssert.Contains(finding.Citation.Text, "Table 5");
        }
    }

    [TestMethod]
    public void Two_orders_of_one_CNS_active_drug_count_once_towards_three()
    {
        // Synthea keeps renewed orders active: carbamazepine twice + clonazepam is two drugs, not three.
        var twoDrugs = Meds.Review(
            [Meds.Drug("MedicationRequest/c2", "carbamazepine")],
            [Meds.Drug("MedicationRequest/c1", "carbamazepine"), Meds.Drug("MedicationStatement/k", "clonazepam")],
            age: 88);
        Assert.IsFalse(twoDrugs.Findings.Any(f => f.RuleId == "beers2023.cns-active-3"));

        var threeDrugs = Meds.Review(
            [Meds.Drug("MedicationRequest/c2", "carbamazepine")],
            [Meds.Drug("MedicationRequest/c1", "carbamazepine"), Meds.Drug("MedicationStatement/k", "clonazepam"), Meds.Drug("MedicationStatement/d", "diazepam")],
            age: 88);
        var finding = threeDrugs.Findings.Single(f => f.RuleId == "beers2023.cns-active-3");
        StringAssert.Contains(finding.Detail.English, "3 CNS-active drugs together (carbamazepine, clonazepam, diazepam)");
        Assert.HasCount(4, finding.Implicated);
    }

    [TestMethod]
    public void Name_fallback_resolves_with_a_lower_confidence_flag()
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/w", "Warfarin Sodium 5 MG Oral Tablet")], [Meds.Rx("MedicationStatement/i", "310965")]);

        var finding = review.Findings.Single();
        Assert.AreEqual("ddi.warfarin-nsaid", finding.RuleId);
        Assert.IsTrue(finding.LowConfidenceMatch);
    }

    [TestMethod]
    public void Coded_entries_are_not_lower_confidence() =>
        Assert.IsFalse(Meds.Review([Meds.Rx("MedicationRequest/w", "11289")], [Meds.Rx("MedicationStatement/i", "310965")]).Findings.Single().LowConfidenceMatch);

    [TestMethod]
    [DataRow("Acetaminophen 325 MG / HYDROcodone Bitartrate 5 MG [Vicodin]", "acetaminophen,hydrocodone")]
    [DataRow("Klonopin 0.5 mg", "clonazepam")]
    [DataRow("metformin hydrochloride 500 MG Extended Release Oral Tablet", "metformin")]
    [DataRow("Paracetamol 500mg tablets", "acetaminophen")]
    public void Name_fallback_strips_salts_strengths_and_dose_forms(string text, string expected) =>
        CollectionAssert.AreEqual(
            expected.Split(','),
            FhirAi.Clinical.Medications.Knowledge.MedicationResolver.ResolveName(Meds.Knowledge, text).Select(i => i.Id).ToArray());

    [TestMethod]
    public void A_Medication_with_an_unknown_product_code_resolves_through_all_its_ingredient_codes()
    {
        var medication = new MedicationEntry
        {
            Reference = "MedicationRequest/m",
            Codes = [new(Meds.RxNorm, "999999999"), new(Meds.RxNorm, "161"), new(Meds.RxNorm, "7804")],
        };

        var review = Meds.Review([medication], [Meds.Rx("MedicationStatement/d", "3322")]);

        Assert.AreEqual("ddi.opioid-benzodiazepine", review.Findings.Single().RuleId);
    }

    [TestMethod]
    public void Checks_without_their_input_are_reported_as_skipped()
    {
        CollectionAssert.AreEquivalent(new[] { FindingKind.RenalDose, FindingKind.Beers }, Meds.Review([Meds.Rx("MedicationRequest/a", "161")]).SkippedChecks.ToArray());
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/a", "161")], renal: new RenalFunction(90m, null, false), age: 40).SkippedChecks);
    }

    [TestMethod]
    public void Unknown_medications_are_reported_unresolved_not_guessed()
    {
        var review = Meds.Review([Meds.Named("MedicationRequest/x", "Unobtainium 5 MG Oral Tablet"), Meds.Rx("MedicationRequest/y", "999999999")]);

        Assert.IsEmpty(review.Findings);
        CollectionAssert.AreEquivalent(new[] { "MedicationRequest/x", "MedicationRequest/y" }, review.Unresolved.Select(u => u.Reference).ToArray());
        Assert.AreEqual(Meds.Knowledge.Version, review.KnowledgeBaseVersion);
    }

    [TestMethod]
    public void An_ATC_class_code_resolves_to_its_class_for_class_based_rules()
    {
        var nsaidClass = new MedicationEntry { Reference = "MedicationRequest/n", Codes = [new(FhirAi.Clinical.Medications.DrugKnowledgeBase.AtcSystem, "M01AE")] };

        var review = Meds.Review([nsaidClass], [Meds.Rx("MedicationStatement/w", "11289")]);

        Assert.AreEqual("ddi.warfarin-nsaid", review.Findings.Single().RuleId);
    }
}
