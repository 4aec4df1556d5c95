namespace FhirAi.CdsHooks.Data;

/// <summary>A filled prefetch template: a read (<c>Patient/123</c>) or a type search (<c>Observation?patient=123&amp;code=…</c>).</summary>
internal sealed record FhirQuery(string Type, string? Id, IReadOnlyList<KeyValuePair<string, string>> Parameters, string Relative)
{
    public bool IsRead => Id is not null;

    public static FhirQuery? Parse(string relative)
    {
        var question = relative.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? relative : relative[..question];
        var parts = path.Split('/');
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetter))
        {
            return null;
        }

        if (parts.Length == 2)
        {
            return question < 0 && parts[1].Length > 0 ? new FhirQuery(parts[0], Uri.UnescapeDataString(parts[1]), [], relative) : null;
        }

        var parameters = new List<KeyValuePair<string, string>>();
        if (question >= 0)
        {
            foreach (var pair in relative[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                parameters.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
            }
        }

        return new FhirQuery(parts[0], null, parameters, relative);
    }
}
