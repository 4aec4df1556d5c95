using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.Tests.Medications;

/// <summary>
/// The rule of docs/drug-knowledge.md: content not checked against its source stays in the data (with a status, to be
/// checked later) but never raises an alert, and an unchecked code never maps an order or an allergy to a drug.
/// </summary>
[TestClass]
public sealed class UnverifiedContentTests
{
    [TestMethod]
    public void Every_unverified_source_says_so_and_everything_in_use_cites_a_checked_source()
    {
        var knowledge = Meds.Knowledge;
        foreach (var ingredient in knowledge.Ingredients)
        {
            var sources = new[] { ingredient.MaxDailyDose?.Source }
                .Concat(ingredient.Renal?.Select(r => r.Source) ?? [])
                .Concat(ingredient.Beers?.Select(b => b.Source) ?? [])
                .OfType<string>();
            foreach (var source in sources)
            {
                Assert.IsTrue(knowledge.IsChecked(source), $"{ingredient.Id} uses unverified source {source}");
            }
        }

        Assert.IsTrue(knowledge.InteractionRules.All(r => knowledge.IsChecked(r.Source)));
        Assert.IsFalse(knowledge.IsChecked("label-max-dose"));
        StringAssert.StartsWith(knowledge.Cite("label-max-dose").Text, "UNVERIFIED");
        StringAssert.StartsWith(knowledge.Cite("beers2023-unverified").Text, "UNVERIFIED");
        StringAssert.StartsWith(knowledge.Cite("beers2023-table5-unverified").Text, "UNVERIFIED");
    }

    [TestMethod]
    public void Unverified_content_is_kept_in_the_data()
    {
        var all = Meds.Knowledge.AllIngredients;
        var captopril = all.Single(i => i.Id == "captopril");

        Assert.AreEqual("label-max-dose", captopril.MaxDailyDose?.Source);
        Assert.IsNull(Meds.Knowledge.IngredientById("captopril")!.MaxDailyDose);
        Assert.IsTrue(all.Single(i => i.Id == "ibuprofen").Beers!.Any(b => b.Source == "beers2023-unverified"));
        Assert.AreEqual(3, Meds.Knowledge.AllInteractionRules.Count - Meds.Knowledge.InteractionRules.Count);
    }

    [TestMethod]
    public void A_maximum_dose_citing_an_unverified_source_raises_nothing()
    {
        // captopril 200 mg three times daily = 600 mg/day, above the recalled 450 mg maximum that was not checked against the label
        var review = Meds.Review([Meds.Drug("MedicationRequest/c", "captopril", new DoseInstruction(200m, "mg", 3m))]);

        Assert.IsFalse(review.Findings.Any(f => f.Kind == FindingKind.DoseRange));
    }

    [TestMethod]
    [DataRow(40.0, 2.0, null)]                   // 80 mg/day: the highest dose the label mentions, silent
    [DataRow(50.0, 2.0, IssueSeverity.Moderate)] // 100 mg/day
    [DataRow(60.0, 2.0, IssueSeverity.High)]     // 120 mg/day = 1.5 × the maximum
    public void The_checked_lisinopril_maximum_is_used(double milligrams, double timesPerDay, IssueSeverity? expected) =>
        Assert.AreEqual(expected, Meds.Review([Meds.Rx("MedicationRequest/l", "29046", new DoseInstruction((decimal)milligrams, "mg", (decimal)timesPerDay))])
            .Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange)?.Severity);

    [TestMethod]
    [DataRow(800.0, 4.0, null)]                      // 3200 mg/day: the label maximum, silent
    [DataRow(800.0, 5.0, IssueSeverity.Moderate)]    // 4000 mg/day
    public void The_checked_ibuprofen_maximum_is_used(double milligrams, double timesPerDay, IssueSeverity? expected)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/i", "5640", new DoseInstruction((decimal)milligrams, "mg", (decimal)timesPerDay))]);

        var finding = review.Findings.SingleOrDefault(f => f.Kind == FindingKind.DoseRange);
        Assert.AreEqual(expected, finding?.Severity);
        if (finding is not null)
        {
            StringAssert.Contains(finding.Citation.Text, "3200 mg");
        }
    }

    [TestMethod]
    public void A_Beers_flag_citing_an_unverified_source_raises_nothing_and_a_checked_one_does()
    {
        // ibuprofen: "non-COX-selective NSAIDs, chronic use" was not read in any Beers table; diazepam (benzodiazepines) was.
        Assert.IsFalse(Meds.Review([Meds.Drug("MedicationRequest/i", "ibuprofen")], age: 80).Findings.Any(f => f.Kind == FindingKind.Beers));

        var diazepam = Meds.Review([Meds.Drug("MedicationRequest/d", "diazepam")], age: 80).Findings.Single(f => f.Kind == FindingKind.Beers);
        StringAssert.Contains(diazepam.Citation.Text, "2023");
    }

    [TestMethod]
    public void The_nitrofurantoin_Beers_flag_does_not_claim_the_order_is_long_term()
    {
        var finding = Meds.Review([Meds.Named("MedicationRequest/n", "nitrofurantoin 100 MG Oral Capsule")], age: 70).Findings.Single(f => f.Kind == FindingKind.Beers);

        StringAssert.Contains(finding.Detail.English, "If nitrofurantoin is meant for long-term suppression");
        StringAssert.Contains(finding.Detail.English, "CrCl is below 30");
        Assert.AreEqual(IssueSeverity.Low, finding.Severity);
    }

    [TestMethod]
    public void An_unchecked_ingredient_RXCUI_maps_nothing_but_the_name_beside_it_matches_with_low_confidence()
    {
        // 21212 (clarithromycin) is recalled and only agrees with other people's code: it is not used.
        Assert.IsFalse(Meds.Knowledge.KnowsIngredient("21212"));
        var codeOnly = Meds.Review([Meds.Rx("MedicationRequest/c", "21212")]);
        CollectionAssert.AreEqual(new[] { "MedicationRequest/c" }, codeOnly.Unresolved.Select(u => u.Reference).ToArray());

        var withDisplay = new MedicationEntry { Reference = "MedicationRequest/c", Codes = [new(Meds.RxNorm, "21212", "clarithromycin")] };
        var finding = Meds.Review([withDisplay], [Meds.Drug("MedicationStatement/s", "simvastatin")]).Findings.Single(f => f.Kind == FindingKind.Interaction);
        Assert.IsTrue(finding.LowConfidenceMatch);
    }

    [TestMethod]
    public void A_checked_ingredient_RXCUI_maps_with_full_confidence()
    {
        Assert.IsTrue(Meds.Knowledge.KnowsIngredient("9947"));   // sotalol, VSAC Beta Blocker Therapy Ingredient
        Assert.IsTrue(Meds.Knowledge.KnowsIngredient("29046"));  // lisinopril, VSAC ACE Inhibitor or ARB or ARNI Ingredient
        var finding = Meds.Review([Meds.Rx("MedicationRequest/l", "29046")], [Meds.Drug("MedicationStatement/k", "spironolactone")]).Findings
            .Single(f => f.RuleId == "ddi.ras-potassium");
        Assert.IsFalse(finding.LowConfidenceMatch);
    }

    [TestMethod]
    public void Products_outside_the_corpus_are_not_used_and_the_wrong_clarithromycin_code_is_gone()
    {
        // 855332 (warfarin 5 mg) was recalled, not seen in the corpus; 197511 is ciprofloxacin 500 MG Oral Tablet in public listings.
        Assert.IsFalse(Meds.Knowledge.KnowsProduct("855332"));
        Assert.IsFalse(Meds.Knowledge.KnowsProduct("197511"));
        Assert.IsFalse(Meds.Knowledge.Products.Any(p => p.Rxcui == "197511"));
        Assert.IsTrue(Meds.Knowledge.Products.Any(p => p.Rxcui == "855332" && !p.Corpus));
        Assert.HasCount(1, Meds.Review([Meds.Rx("MedicationRequest/w", "855332")]).Unresolved);
    }

    [TestMethod]
    public void A_recalled_allergy_group_code_maps_no_allergy_and_a_checked_one_does()
    {
        var amoxicillin = Meds.Rx("MedicationRequest/amox", "308182");

        // RxNorm 70618 "penicillin" in the penicillin group is recalled-unchecked.
        Assert.IsEmpty(Meds.Review([amoxicillin], allergies: [Meds.Allergy("AllergyIntolerance/r", Meds.RxNorm, "70618")]).Findings);
        Assert.AreEqual("ALGY", Meds.Review([amoxicillin], allergies: [Meds.Allergy("AllergyIntolerance/s", Meds.Snomed, "91936005")]).Findings.Single().IssueCode.Code);
    }

    [TestMethod]
    public void Two_combined_contraceptives_are_not_an_estrogen_class_duplicate()
    {
        // Natazia (estradiol valerate/dienogest, G03AB) and Yaz (drospirenone/ethinyl estradiol, G03AA): combined hormonal
        // contraceptives are ATC G03A, not the G03CA (estrogens) of one component.
        var review = Meds.Review([Meds.Rx("MedicationRequest/n", "978950")], [Meds.Rx("MedicationStatement/y", "748856")]);

        Assert.IsFalse(review.Findings.Any(f => f.RuleId.Contains("G03CA", StringComparison.Ordinal)), string.Join("; ", review.Findings.Select(f => f.RuleId)));
    }

    [TestMethod]
    public void Synthea_Simvistatin_is_matched_by_its_code_not_by_the_misspelt_name()
    {
        var byCode = Meds.Review([Meds.Rx("MedicationRequest/s", "316672", new DoseInstruction(1m, null, 1m))], [Meds.Drug("MedicationStatement/c", "clarithromycin")]);
        Assert.IsTrue(byCode.Findings.Any(f => f.RuleId == "ddi.onc11-statin-cyp3a4-inhibitor"));

        var byName = Meds.Review([Meds.Named("MedicationRequest/s", "Simvistatin 10 MG")]);
        Assert.HasCount(1, byName.Unresolved);
    }
}
