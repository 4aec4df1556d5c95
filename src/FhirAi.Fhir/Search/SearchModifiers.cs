using FhirAi.Fhir.Definitions;

namespace FhirAi.Fhir.Search;

/// <summary>
/// Modifiers accepted on top of each type's value modifiers: <c>:missing</c> on every parameter,
/// <c>:of-type</c> on token parameters (identifiers), and on references <c>:identifier</c> and a
/// resource type the parameter may target (<c>subject:Patient</c>).
/// </summary>
public static class SearchModifiers
{
    public static bool Accepts(SearchParameterDefinition definition, string modifier)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return modifier == "missing"
            || (modifier == "of-type" && IsIdentifier(definition))
            || (definition.Type == SearchParamType.Reference && (modifier == "identifier" || definition.Targets.Contains(modifier)));
    }

    /// <summary>Token parameters over Identifier elements (their expressions end in <c>identifier</c>), where :of-type has rows to match.</summary>
    private static bool IsIdentifier(SearchParameterDefinition definition) =>
        definition.Type == SearchParamType.Token && definition.Expression?.Contains("identifier", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The extra modifiers of a parameter, for the CapabilityStatement (a type modifier is listed as <c>[type]</c>).</summary>
    public static IEnumerable<string> Listed(SearchParameterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        yield return "missing";
        if (IsIdentifier(definition))
        {
            yield return "of-type";
        }

        if (definition.Type == SearchParamType.Reference)
        {
            yield return "identifier";
            if (definition.Targets.Count > 0)
            {
                yield return "[type]";
            }
        }
    }
}
