using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Medications.Knowledge;

// The shapes of the embedded data files (Data/*.json), deserialised as they are after the schema check.

/// <summary>A text in English and Simplified Chinese as the data files write it.</summary>
internal sealed record BilingualText(string En, string Zh)
{
    public LocalizedText ToLocalized() => new(En, Zh);
}

/// <summary>A cited source; <c>Status</c> "unverified" marks content not checked against the source, which is kept in the data but never used to raise an alert.</summary>
internal sealed record SourceEntry(string Id, string Text, string? Url, string Status, string? Check = null)
{
    public const string Checked = "checked";

    public bool IsChecked => Status == Checked;
}

/// <summary>A drug class; <c>DuplicateTherapy</c> marks classes whose members duplicate each other across ATC subgroups.</summary>
internal sealed record ClassEntry(string Id, BilingualText Name, bool DuplicateTherapy = false);

/// <summary>An amount of drug substance (mg, g or ug), optionally for one route.</summary>
internal sealed record MassAmount(decimal Value, string Unit, string? Route = null, string? Source = null)
{
    public decimal Milligrams => DoseUnits.ToMilligrams(Value, Unit) ?? throw new InvalidOperationException($"Unit '{Unit}' is not a mass unit.");
}

internal sealed record RenalRule(decimal EgfrBelow, string Action, string Severity, MassAmount? MaxDailyDose, string Measure, string Source, BilingualText Text);

/// <summary>An AGS Beers flag. <see cref="ExceptRoutes"/>: product routes the criterion does not cover (low-dose vaginal estrogen is
/// acceptable under "systemic estrogen"); an order whose route is unknown is still flagged.</summary>
internal sealed record BeersFlag(
    string Criterion,
    string Recommendation,
    string Severity,
    BilingualText Text,
    BilingualText Rationale,
    MassAmount? OnlyAboveDailyDose,
    string Source,
    IReadOnlyList<string>? ExceptRoutes = null);

internal sealed record IngredientEntry(
    string Id,
    string Name,
    string NameZh,
    string? Rxcui,
    string RxcuiCheck,
    IReadOnlyList<string> Atc,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Synonyms,
    MassAmount? MaxDailyDose,
    IReadOnlyList<RenalRule>? Renal,
    IReadOnlyList<BeersFlag>? Beers,
    string? RxcuiEvidence = null);

internal sealed record IngredientsFile(string Version, string? Description, IReadOnlyList<SourceEntry> Sources, IReadOnlyList<ClassEntry> Classes, IReadOnlyList<IngredientEntry> Ingredients);

/// <summary>Strength of one ingredient: <c>Value Unit</c> per <c>PerValue PerUnit</c> (per tablet, per mL, per actuation …).</summary>
internal sealed record Strength(decimal Value, string Unit, decimal PerValue, string PerUnit);

internal sealed record ProductComponent(string Ingredient, Strength? Strength);

/// <summary>
/// An RxNorm product. <c>Atc</c>, when given, is the product's own ATC classification (a combined hormonal contraceptive
/// is G03AA/G03AB, not the estrogen G03CA of one of its components) and replaces the components' codes.
/// </summary>
internal sealed record ProductEntry(
    string Rxcui,
    string Display,
    string DoseForm,
    string Route,
    string Derivation,
    bool Corpus,
    string? Note,
    IReadOnlyList<ProductComponent> Components,
    IReadOnlyList<string>? Atc = null);

internal sealed record ProductsFile(string Version, string? Description, IReadOnlyList<ProductEntry> Products);

internal sealed record InteractionSide(IReadOnlyList<string>? Classes, IReadOnlyList<string>? Ingredients, IReadOnlyList<string>? ExcludeIngredients);

internal sealed record InteractionRule(
    string Id,
    string Severity,
    InteractionSide A,
    InteractionSide B,
    BilingualText Mechanism,
    BilingualText Management,
    string Source,
    string Tier,
    int? OncPair,
    int? MinAgeYears);

internal sealed record InteractionsFile(string Version, string? Description, IReadOnlyList<InteractionRule> Rules);

internal sealed record AllergyGroupCode(string System, string Code, string Display, string Check);

internal sealed record CrossReactivity(string Group, string Severity, BilingualText Text);

internal sealed record AllergyGroup(
    string Id,
    BilingualText Name,
    IReadOnlyList<string> MemberClasses,
    IReadOnlyList<AllergyGroupCode> Codes,
    IReadOnlyList<string> Names,
    string WithinGroupSeverity,
    IReadOnlyList<CrossReactivity> CrossReactive,
    string Source);

internal sealed record AllergyGroupsFile(string Version, string? Description, IReadOnlyList<AllergyGroup> Groups);
