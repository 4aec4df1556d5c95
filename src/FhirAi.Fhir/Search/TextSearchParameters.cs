using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Search;

/// <summary>
/// <c>_text</c> (the narrative) and <c>_content</c> (the whole resource): R4 gives them no expression, so they are read
/// here rather than as string parameters. A value is a list of words, all required, each matching the start of a word of
/// the text (<see cref="TextWords"/>); commas separate alternatives as for every parameter. Only <c>:missing</c> is accepted.
/// </summary>
public static class TextSearchParameters
{
    public const string Text = "_text";
    public const string Content = "_content";

    public static IReadOnlyList<string> Modifiers { get; } = ["missing"];

    public static bool Handles(string code) => code is Text or Content;

    internal static void Parse(string name, string code, string? modifier, string value, List<SearchCriterion> criteria, List<OutcomeIssue> issues)
    {
        if (modifier is not null && modifier != "missing")
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported, $"The modifier ':{modifier}' is not supported on '{code}'.", name));
            return;
        }

        var values = SearchCriteriaParser.SplitValues(value);
        if (values.Count == 0)
        {
            return;
        }

        if (modifier is null && values.FirstOrDefault(v => TextWords.Of(v).Count == 0) is { } empty)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.Invalid, $"'{empty}' has no letter or digit to search for in '{code}'.", name));
            return;
        }

        criteria.Add(new SearchCriterion(code, SearchParamType.String, modifier, values));
    }
}
