using FhirAi.Fhir.Definitions;

namespace FhirAi.Storage;

/// <summary>Which search-parameter types <c>_sort</c> can order by (those with a scalar index value).</summary>
public static class SortTypes
{
    public static bool IsSortable(SearchParamType type) =>
        type is SearchParamType.String or SearchParamType.Token or SearchParamType.Uri or SearchParamType.Reference
            or SearchParamType.Date or SearchParamType.Number or SearchParamType.Quantity;
}
