namespace FhirAi.Server.Search;

/// <summary>The R4 <c>_summary</c> values.</summary>
internal enum SummaryMode
{
    False,
    True,
    Text,
    Data,
    Count,
}
