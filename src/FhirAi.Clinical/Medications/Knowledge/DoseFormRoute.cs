namespace FhirAi.Clinical.Medications.Knowledge;

/// <summary>
/// The route an RxNorm-style name states through its dose form ("Estradiol 0.1 MG/GM Vaginal Cream" → vaginal), for an
/// entry whose product code is not in the knowledge base. Only words that name one route unambiguously are read;
/// anything else leaves the route unknown, and route-restricted rules then treat the entry conservatively.
/// </summary>
internal static class DoseFormRoute
{
    private static readonly (string Word, string Route)[] Words =
    [
        ("vaginal", "vaginal"),
        ("transdermal", "transdermal"),
        ("ophthalmic", "ophthalmic"),
        ("otic", "otic"),
        ("topical", "topical"),
    ];

    public static string? FromNames(MedicationEntry entry)
    {
        foreach (var name in entry.Codes.Select(c => c.Display).Prepend(entry.Text))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            foreach (var (word, route) in Words)
            {
                if (ContainsWord(name, word))
                {
                    return route;
                }
            }
        }

        return null;
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
