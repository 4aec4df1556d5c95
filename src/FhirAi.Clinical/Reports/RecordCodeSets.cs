using System.Collections.Frozen;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// The codes that turn record entries into risk-model facts, each set with the source it was checked against
/// (docs/interpretation.md, "What was checked"). Anything not listed is not counted: no subsumption, no guessing.
/// </summary>
internal static class RecordCodeSets
{
    public const string SmokingStatusLoinc = "72166-2";
    public const string OmbRaceBlack = "2054-5";
    public const string AtcSystem = "http://www.whocc.no/atc";
    public const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Icd10CmSystem = "http://hl7.org/fhir/sid/icd-10-cm";

    public static readonly Citation SmokingSource = new(
        "HL7 US Core 3.1.1, ValueSet us-core-observation-smokingstatus (SNOMED CT codes for LOINC 72166-2 Tobacco smoking status NHIS).",
        "https://hl7.org/fhir/us/core/STU3.1.1/ValueSet-us-core-observation-smokingstatus.html");

    public static readonly Citation RaceSource = new(
        "HL7 US Core, Extension us-core-race and ValueSet omb-race-category (OMB 1997 race categories, urn:oid:2.16.840.1.113883.6.238).",
        "https://hl7.org/fhir/us/core/STU6.1/ValueSet-omb-race-category.html");

    public static readonly Citation DiabetesSource = new(
        "SNOMED CT International: 73211009 Diabetes mellitus (disorder), 44054006 Diabetes mellitus type 2 (disorder), 46635009 Diabetes mellitus type 1 (disorder); ICD-10-CM E10 (type 1), E11 (type 2), E13 (other specified).",
        "https://browser.ihtsdotools.org/");

    public static readonly Citation AtcSource = new(
        "WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index: C02 antihypertensives, C03 diuretics, C07 beta blocking agents, C08 calcium channel blockers, C09 agents acting on the renin-angiotensin system; C10AA HMG CoA reductase inhibitors (statins).",
        "https://atcddd.fhi.no/atc_ddd_index/");

    /// <summary>US Core smoking status codes that mean a current smoker.</summary>
    public static readonly FrozenSet<string> CurrentSmoker = FrozenSet.Create(StringComparer.Ordinal,
        "449868002", "428041000124106", "77176002", "428071000124103", "428061000124105");

    /// <summary>US Core smoking status codes that mean not a current smoker (former or never).</summary>
    public static readonly FrozenSet<string> NotCurrentSmoker = FrozenSet.Create(StringComparer.Ordinal, "8517006", "266919005");

    /// <summary>The OMB race categories (and "other race", 2131-1) for which the PCE use their white coefficients.</summary>
    public static readonly FrozenSet<string> OmbRaceOther = FrozenSet.Create(StringComparer.Ordinal, "1002-5", "2028-9", "2076-8", "2106-3", "2131-1");

    public static readonly FrozenSet<string> DiabetesSnomed = FrozenSet.Create(StringComparer.Ordinal, "73211009", "44054006", "46635009");

    public static readonly string[] DiabetesIcd10Prefixes = ["E10", "E11", "E13"];

    /// <summary>ATC code prefixes of blood-pressure-lowering drug classes.</summary>
    public static readonly string[] AntihypertensiveAtcPrefixes = ["C02", "C03", "C07", "C08", "C09"];

    /// <summary>Ingredients of those ATC classes as they appear in medication names (matched as whole words).</summary>
    public static readonly FrozenSet<string> AntihypertensiveIngredients = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "hydrochlorothiazide", "chlorthalidone", "chlortalidone", "indapamide", "spironolactone", "eplerenone", "amiloride", "triamterene",
        "lisinopril", "enalapril", "ramipril", "captopril", "benazepril", "perindopril", "quinapril", "fosinopril", "trandolapril",
        "losartan", "valsartan", "irbesartan", "candesartan", "olmesartan", "telmisartan", "azilsartan",
        "amlodipine", "nifedipine", "felodipine", "diltiazem", "verapamil", "lercanidipine",
        "metoprolol", "atenolol", "bisoprolol", "carvedilol", "propranolol", "nebivolol", "labetalol",
        "clonidine", "methyldopa", "hydralazine", "doxazosin", "prazosin", "terazosin", "minoxidil");

    public static readonly string[] StatinAtcPrefixes = ["C10AA"];

    public static readonly FrozenSet<string> StatinIngredients = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin", "fluvastatin", "pitavastatin");
}
