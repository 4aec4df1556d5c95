using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>One knowledge-base entry: a lab test, its LOINC codes, units, default ranges and limits, each with a source.</summary>
public sealed record LabTest
{
    /// <summary>Stable analyte id used by the pattern rules, for example "potassium" or "mcv".</summary>
    public required string Id { get; init; }

    /// <summary>Every LOINC code that reports this analyte; the first is the preferred one.</summary>
    public required IReadOnlyList<string> LoincCodes { get; init; }

    /// <summary>The LOINC long common name of the preferred code.</summary>
    public required string Display { get; init; }

    /// <summary>Short name in every output language, for summaries and patient texts.</summary>
    public required LocalizedText Name { get; init; }

    public required ResultScale Scale { get; init; }

    /// <summary>The UCUM unit values are normalised to (empty for qualitative tests).</summary>
    public required string CanonicalUnit { get; init; }

    /// <summary>Accepted units besides the canonical one, with their conversion factor.</summary>
    public IReadOnlyList<UnitConversion> Units { get; init; } = [];

    public IReadOnlyList<ReferenceInterval> ReferenceIntervals { get; init; } = [];

    public CriticalLimits? Critical { get; init; }

    public DeltaThreshold? Delta { get; init; }

    /// <summary>For qualitative tests: coded values that are abnormal (flag A).</summary>
    public IReadOnlyList<CodedConcept> AbnormalCodes { get; init; } = [];

    /// <summary>For qualitative tests: coded values that are critically abnormal (flag AA).</summary>
    public IReadOnlyList<CodedConcept> CriticalCodes { get; init; } = [];

    /// <summary>For qualitative tests: coded values that are normal (flag N); any other code is not interpreted.</summary>
    public IReadOnlyList<CodedConcept> NormalCodes { get; init; } = [];

    /// <summary>Where the test's identity (LOINC, units) comes from.</summary>
    public required Citation Citation { get; init; }
}
