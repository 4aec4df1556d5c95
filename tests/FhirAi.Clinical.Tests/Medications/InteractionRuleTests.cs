using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.Tests.Medications;

/// <summary>A hand-written case for every interaction rule, in both orders of the pair, plus negative cases.</summary>
[TestClass]
public sealed class InteractionRuleTests
{
    // rule id, RXCUI of a drug on one side, RXCUI of a drug on the other side, patient age (rules from Beers Table 5 need ≥ 65)
    private static readonly (string Rule, string A, string B, int? Age)[] Cases =
    [
        ("ddi.onc01-amphetamine-maoi", "6901", "10734", null),          // methylphenidate + tranylcypromine
        ("ddi.onc02-atazanavir-ppi", "343047", "7646", null),           // atazanavir + omeprazole
        ("ddi.onc03-febuxostat-thiopurine", "73689", "1256", null),     // febuxostat + azathioprine
        ("ddi.onc04-serotonergic-maoi", "36437", "9639", null),         // sertraline + selegiline
        ("ddi.onc05-irinotecan-cyp3a4", "51499", "6135", null),         // irinotecan + ketoconazole
        ("ddi.onc06-opioid-maoi", "10689", "10734", null),              // tramadol + tranylcypromine
        ("ddi.onc07-tca-maoi", "704", "8123", null),                    // amitriptyline + phenelzine
        ("ddi.onc08-qt-high-risk", "8331", "21212", null),              // pimozide + clarithromycin
        ("ddi.onc09-ramelteon-cyp1a2", "596205", "42355", null),        // ramelteon + fluvoxamine
        ("ddi.onc10-inducer-protease-inhibitor", "9384", "460132", null), // rifampin + darunavir
        ("ddi.onc11-statin-cyp3a4-inhibitor", "36567", "21212", null),  // simvastatin + clarithromycin
        ("ddi.onc11b-atorvastatin-cyp3a4-inhibitor", "83367", "28031", null), // atorvastatin + itraconazole
        ("ddi.onc12-cyp3a4-inhibitor-ergot", "85762", "4025", null),    // ritonavir + ergotamine
        ("ddi.onc13-tizanidine-cyp1a2", "57258", "2551", null),         // tizanidine + ciprofloxacin
        ("ddi.onc14-tranylcypromine-procarbazine", "10734", "8702", null),
        ("ddi.onc15-triptan-maoi", "37418", "8123", null),              // sumatriptan + phenelzine
        ("ddi.warfarin-nsaid", "11289", "5640", null),                  // warfarin + ibuprofen
        ("ddi.warfarin-antiplatelet", "11289", "32968", null),          // warfarin + clopidogrel
        ("ddi.warfarin-amiodarone", "11289", "703", null),
        ("ddi.warfarin-cyp2c9-inhibitor", "11289", "4450", null),       // warfarin + fluconazole
        ("ddi.warfarin-beers-t5", "11289", "36437", 70),                // warfarin + sertraline, age 70
        ("ddi.simvastatin-gemfibrozil-cyclosporine", "36567", "4719", null),
        ("ddi.simvastatin-dose-limit", "36567", "17767", null),         // simvastatin + amlodipine
        ("ddi.serotonergic-linezolid-methylene-blue", "36437", "190376", null), // sertraline + linezolid
        ("ddi.pde5-nitrate", "136411", "4917", null),                   // sildenafil + nitroglycerin
        ("ddi.methotrexate-trimethoprim", "6851", "10829", null),
        ("ddi.ras-potassium", "29046", "9997", null),                   // lisinopril + spironolactone
        ("ddi.dual-ras-blockade", "29046", "52175", null),              // lisinopril + losartan
        ("ddi.arb-aliskiren", "52175", "325646", null),                 // losartan + aliskiren
        ("ddi.clopidogrel-ppi", "32968", "7646", null),                 // clopidogrel + omeprazole
        ("ddi.opioid-benzodiazepine", "7804", "3322", null),            // oxycodone + diazepam
        ("ddi.opioid-gabapentinoid", "7804", "25480", null),            // oxycodone + gabapentin
        ("ddi.colchicine-pgp-cyp3a4", "2683", "21212", null),           // colchicine + clarithromycin
        ("ddi.allopurinol-thiopurine", "519", "103", null),             // allopurinol + mercaptopurine
        ("ddi.digoxin-pgp", "3407", "11170", null),                     // digoxin + verapamil
        ("ddi.lithium-clearance", "42351", "29046", null),              // lithium + lisinopril
        ("ddi.dofetilide-contraindicated", "49247", "5487", null),      // dofetilide + hydrochlorothiazide
        ("ddi.theophylline-cyp1a2", "10438", "2551", null),             // theophylline + ciprofloxacin
        ("ddi.phenytoin-tmp-smx", "8183", "10829", 70),                 // phenytoin + trimethoprim, age 70
        ("ddi.corticosteroid-nsaid", "8640", "7258", 70),               // prednisone + naproxen, age 70
    ];

    public static IEnumerable<object?[]> AllCases => Cases.Select(c => new object?[] { c.Rule, c.A, c.B, c.Age });

    [TestMethod]
    public void Every_rule_of_the_knowledge_base_has_a_case() =>
        CollectionAssert.AreEquivalent(
            Meds.Knowledge.InteractionRules.Select(r => r.Id).ToArray(),
            Cases.Select(c => c.Rule).ToArray());

    [TestMethod]
    [DynamicData(nameof(AllCases))]
    public void Proposed_first_drug_against_current_second_fires_the_rule_once(string rule, string a, string b, int? age) =>
        AssertOne(Meds.Review([Meds.Rx("MedicationRequest/a", a)], [Meds.Rx("MedicationStatement/b", b)], age: age), rule);

    [TestMethod]
    [DynamicData(nameof(AllCases))]
    public void Proposed_second_drug_against_current_first_fires_the_rule_once(string rule, string a, string b, int? age) =>
        AssertOne(Meds.Review([Meds.Rx("MedicationRequest/b", b)], [Meds.Rx("MedicationStatement/a", a)], age: age), rule);

    [TestMethod]
    [DynamicData(nameof(AllCases))]
    public void Both_proposed_together_give_one_finding_not_two(string rule, string a, string b, int? age) =>
        AssertOne(Meds.Review([Meds.Rx("MedicationRequest/a", a), Meds.Rx("MedicationRequest/b", b)], age: age), rule);

    [TestMethod]
    [DataRow("29046", "83367")]   // lisinopril + atorvastatin
    [DataRow("6809", "17767")]    // metformin + amlodipine
    [DataRow("28889", "161")]     // loratadine + acetaminophen
    [DataRow("10582", "40790")]   // levothyroxine + pantoprazole
    [DataRow("723", "5640")]      // amoxicillin + ibuprofen
    [DataRow("11289", "161")]     // warfarin + acetaminophen
    [DataRow("36567", "42463")]   // simvastatin + pravastatin: duplicate class, not an interaction
    [DataRow("32968", "40790")]   // clopidogrel + pantoprazole (the recommended PPI)
    [DataRow("36567", "18631")]   // simvastatin + azithromycin (not a CYP3A4 inhibitor)
    public void Unrelated_drugs_give_no_interaction(string a, string b)
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/a", a)], [Meds.Rx("MedicationStatement/b", b)]);

        Assert.IsFalse(review.Findings.Any(f => f.Kind == FindingKind.Interaction), string.Join("; ", review.Findings.Select(f => f.RuleId)));
    }

    [TestMethod]
    [DataRow("29046", "83367")]
    [DataRow("6809", "17767")]
    [DataRow("28889", "161")]
    [DataRow("723", "5640")]
    public void Unrelated_drugs_give_no_issue_at_all(string a, string b) =>
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/a", a)], [Meds.Rx("MedicationStatement/b", b)]).Findings);

    [TestMethod]
    public void Beers_table_5_rules_are_silent_below_65()
    {
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/a", "8183")], [Meds.Rx("MedicationStatement/b", "10829")], age: 64).Findings);
        Assert.IsEmpty(Meds.Review([Meds.Rx("MedicationRequest/a", "8640")], [Meds.Rx("MedicationStatement/b", "7258")], age: null).Findings
            .Where(f => f.Kind == FindingKind.Interaction));
    }

    [TestMethod]
    public void Current_medications_are_not_re_alerted_against_each_other()
    {
        var review = Meds.Review([Meds.Rx("MedicationRequest/new", "28889")], [Meds.Rx("MedicationStatement/w", "11289"), Meds.Rx("MedicationStatement/i", "5640")]);

        Assert.IsEmpty(review.Findings);
    }

    [TestMethod]
    public void A_finding_names_both_orders_and_carries_the_rule_citation()
    {
        var finding = Meds.Review([Meds.Rx("MedicationRequest/1", "36567")], [Meds.Rx("MedicationRequest/2", "21212")]).Findings
            .Single(f => f.RuleId == "ddi.onc11-statin-cyp3a4-inhibitor");

        CollectionAssert.AreEquivalent(new[] { "MedicationRequest/1", "MedicationRequest/2" }, finding.Implicated.ToArray());
        StringAssert.Contains(finding.Citation.Text, "simvastatin");
        StringAssert.Contains(finding.Detail.English, "simvastatin and clarithromycin");
        StringAssert.Contains(finding.Detail.SimplifiedChinese, "辛伐他汀与克拉霉素");
        Assert.AreEqual("DRG", finding.IssueCode.Code);
    }

    private static void AssertOne(MedicationReview review, string rule)
    {
        var matching = review.Findings.Where(f => f.RuleId == rule).ToArray();
        Assert.HasCount(1, matching, $"{rule}: {string.Join("; ", review.Findings.Select(f => f.RuleId))}; unresolved {review.Unresolved.Count}");
        Assert.AreEqual("DRG", matching[0].IssueCode.Code);
        Assert.AreEqual(FindingKind.Interaction, matching[0].Kind);
        Assert.HasCount(2, matching[0].Implicated);
        Assert.IsFalse(string.IsNullOrWhiteSpace(matching[0].Mitigation.SimplifiedChinese));
    }
}
