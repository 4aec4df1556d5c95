using System.Text;
using System.Text.RegularExpressions;

namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>
/// Normalises free-text medication names for the lower-confidence name fallback: lower case, bracketed brand
/// names kept as separate candidates, strengths and units, dose forms, release words and salt names removed.
/// </summary>
internal static partial class MedicationNames
{
    private static readonly HashSet<string> Noise =
    [
        // salts and esters
        "hydrochloride", "hcl", "hydrobromide", "sodium", "potassium", "calcium", "magnesium", "sulfate", "sulphate",
        "maleate", "succinate", "tartrate", "citrate", "acetate", "besylate", "mesylate", "fumarate", "phosphate",
        "bitartrate", "hyclate", "monohydrate", "dihydrate", "trihydrate", "propionate", "valerate", "bromide",
        "dipropionate", "disodium", "chloride", "hydrocholoride",
        // dose forms and routes
        "oral", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "solution", "suspension", "syrup",
        "injection", "injectable", "prefilled", "syringe", "auto-injector", "cream", "ointment", "gel", "lotion", "patch",
        "transdermal", "topical", "inhaler", "inhalation", "metered", "dose", "powder", "dry", "spray", "nasal", "mucosal",
        "chewable", "disintegrating", "drops", "ophthalmic", "otic", "vaginal", "rectal", "suppository", "film", "coated",
        "delayed", "extended", "release", "er", "xr", "sr", "cr", "dr", "ir", "hr", "day", "pack", "system", "intrauterine",
        "implant", "drug", "ring", "kit", "actuat", "per", "and", "with",
        // units
        "mg", "g", "mcg", "ug", "ml", "unt", "units", "unit", "meq", "%",
    ];

    /// <summary>Lower-case words of the name with noise removed, joined by single spaces ("" when nothing is left).</summary>
    public static string Normalise(string text)
    {
        var words = WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => !Noise.Contains(w) && !NumberPattern().IsMatch(w));
        return string.Join(' ', words);
    }

    /// <summary>
    /// Candidate names to look up, best first: each "/"-separated component, then each bracketed brand, normalised,
    /// then every single word and adjacent word pair of them (so "Acetaminophen 325 MG Oral Tablet" gives "acetaminophen").
    /// </summary>
    public static IReadOnlyList<string> Candidates(string text)
    {
        var parts = BracketPattern().Replace(text, " ").Split(['/', '+', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (Match bracket in BracketPattern().Matches(text))
        {
            parts.Add(bracket.Groups[1].Value);
        }

        var candidates = new List<string>();
        foreach (var part in parts.Select(Normalise).Where(p => p.Length > 0))
        {
            candidates.Add(part);
        }

        foreach (var part in candidates.ToArray())
        {
            var words = part.Split(' ');
            for (var i = 0; i < words.Length - 1; i++)
            {
                candidates.Add(new StringBuilder(words[i]).Append(' ').Append(words[i + 1]).ToString());
            }

            candidates.AddRange(words.Where(w => w.Length >= 4));
        }

        return candidates.Distinct(StringComparer.Ordinal).ToArray();
    }

    [GeneratedRegex(@"[\p{L}][\p{L}\-\.']*|\d+(?:[.,]\d+)?%?", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\d", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\[([^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketPattern();
}
