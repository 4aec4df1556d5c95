using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;

namespace FhirAi.Clinical.Tests.Labs;

/// <summary>The embedded knowledge base, loaded once for the lab tests (it is immutable), and small result builders.</summary>
internal static class LabFixtures
{
    public static LabKnowledgeBase Knowledge { get; } = LabKnowledgeBase.LoadEmbedded();

    public static LabInterpreter Interpreter { get; } = new(Knowledge);

    public static PatientFacts Female40 { get; } = new(AdministrativeSex.Female, 40);

    public static PatientFacts Male40 { get; } = new(AdministrativeSex.Male, 40);

    public static LabResult Result(string loinc, decimal? value, string? unit, string? reference = null) => new()
    {
        Reference = reference ?? $"Observation/{loinc}",
        Loinc = loinc,
        Value = value,
        Unit = unit,
    };

    public static LabTest Test(string id) => Knowledge.FindById(id) ?? throw new InvalidOperationException(id);
}
