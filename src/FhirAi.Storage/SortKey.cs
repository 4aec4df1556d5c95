using FhirAi.Fhir.Definitions;

namespace FhirAi.Storage;

/// <summary>
/// One <c>_sort</c> key: a search parameter (or <c>_id</c>, <c>_lastUpdated</c>) and its direction.
/// A resource's value for the key is the lowest of its index values when ascending and the highest
/// when descending; resources without a value come last in both directions.
/// </summary>
public sealed record SortKey(string Parameter, SearchParamType Type, bool Descending);
