namespace FhirAi.Storage;

/// <summary>
/// Restricts a search to one compartment (e.g. Patient/123): a resource is in it when one of the
/// linking reference parameters of its type (from the CompartmentDefinition) points at the
/// compartment resource, or when it is that resource (<c>{def}</c>).
/// </summary>
public sealed record CompartmentFilter(string CompartmentType, string Id, IReadOnlyDictionary<string, IReadOnlyList<string>> ParametersByType)
{
    /// <summary>
    /// Every compartment of the type at once (type-level <c>Patient/$everything</c>): each live resource of the type and
    /// whatever links to one of them; <see cref="Id"/> is then not used. Only <c>$everything</c> reads it.
    /// </summary>
    public bool EveryId { get; init; }
}
