using System.Globalization;
using FhirAi.Fhir.Definitions.Custom;

namespace FhirAi.Server.Reindex;

/// <summary>
/// Which custom SearchParameters a reindex job makes searchable: those registered when it was created, recorded
/// with the job as <c>id@registeredMicros</c> (comma-separated; FHIR ids hold neither character).
/// </summary>
internal static class ReindexCoverage
{
    public static string? Format(CustomSearchParameterSet registered) =>
        registered.Entries.Count == 0
            ? null
            : string.Join(',', registered.Entries.Select(e => e.ResourceId + "@" + e.RegisteredMicros.ToString(CultureInfo.InvariantCulture)));

    public static Dictionary<string, long> Parse(string? recorded)
    {
        var covered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in (recorded ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = item.LastIndexOf('@');
            if (at > 0 && long.TryParse(item.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros))
            {
                covered[item[..at]] = micros;
            }
        }

        return covered;
    }
}
