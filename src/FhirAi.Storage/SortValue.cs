namespace FhirAi.Storage;

/// <summary>
/// A resource's value for one sort key, as a paging cursor carries it: text (string, token, uri,
/// reference, _id), a number (number, quantity) or an integer (date, _lastUpdated, as microseconds).
/// All null means the resource has no value for the key.
/// </summary>
public sealed record SortValue(string? Text = null, double? Number = null, long? Integer = null)
{
    public static SortValue Missing { get; } = new();

    public bool IsMissing => Text is null && Number is null && Integer is null;
}
