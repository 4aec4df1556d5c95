using System.Text;

namespace FhirAi.Fhir.Definitions;

/// <summary>Splits a shared search expression on its top-level <c>|</c> and keeps the branches for one base.</summary>
internal static class SearchExpressionSplitter
{
    public static string? FilterForBase(string? expression, string resourceType)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var branches = SplitTopLevelUnion(expression);
        if (branches.Count == 1)
        {
            return expression;
        }

        var kept = branches.Where(branch => AppliesTo(branch, resourceType)).ToList();
        return kept.Count == 0 ? null : string.Join(" | ", kept);
    }

    /// <summary>True when some branch of the union starts with <paramref name="resourceType"/> (or Resource/DomainResource, or no type).</summary>
    internal static bool HasBranchFor(string expression, string resourceType) =>
        SplitTopLevelUnion(expression).Any(branch => AppliesTo(branch, resourceType));

    internal static List<string> SplitTopLevelUnion(string expression)
    {
        var branches = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var character in expression)
        {
            if (quote is not null)
            {
                quote = character == quote ? null : quote;
            }
            else if (character is '\'' or '`')
            {
                quote = character;
            }
            else if (character is '(' or '[' or '{')
            {
                depth++;
            }
            else if (character is ')' or ']' or '}')
            {
                depth--;
            }
            else if (character == '|' && depth == 0)
            {
                branches.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(character);
        }

        branches.Add(current.ToString().Trim());
        return branches;
    }

    private static bool AppliesTo(string branch, string resourceType)
    {
        // A branch such as "(ActivityDefinition.useContext.value as CodeableConcept)" starts after the parenthesis.
        var start = branch.TrimStart('(', ' ');
        var end = 0;
        while (end < start.Length && (char.IsLetterOrDigit(start[end]) || start[end] == '_'))
        {
            end++;
        }

        var head = start[..end];
        if (head.Length == 0 || !char.IsUpper(head[0]))
        {
            return true;
        }

        return head == resourceType || head is "Resource" or "DomainResource";
    }
}
