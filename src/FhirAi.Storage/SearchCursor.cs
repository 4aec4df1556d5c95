namespace FhirAi.Storage;

/// <summary>
/// A keyset position in a sorted result: the sort values and resource key of one row. A forward
/// cursor asks for the rows after it, a backward one for the rows before it (a previous page).
/// Rows that existed when the first page was read keep their place under concurrent writes.
/// </summary>
public sealed record SearchCursor(IReadOnlyList<SortValue> Values, long Key, bool Backward);
