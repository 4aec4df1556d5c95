using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Definitions.Custom;
using FhirAi.Fhir.Search;
using FhirAi.Server.Http;
using FhirAi.Storage;

namespace FhirAi.Server.Reindex;

/// <summary>
/// What writing a SearchParameter resource does besides storing it: an active one that cannot become a custom
/// search parameter is refused (422, nothing stored); once the write commits, the registry learns of it (or forgets
/// it, when deleted or no longer active), and from then on every write indexes it.
/// </summary>
internal sealed class SearchParameterWrites(FhirDefinitions definitions, CustomSearchParameterValidator validator)
{
    public const string ResourceType = "SearchParameter";

    /// <summary>The refusal of an invalid active SearchParameter; null for any other resource.</summary>
    public FhirError? Check(string type, JsonElement resource, string? id)
    {
        if (type != ResourceType)
        {
            return null;
        }

        var check = validator.Check(resource, id);
        return check.IsValid ? null : new FhirError(FhirErrorKind.Unprocessable, check.Errors);
    }

    /// <summary>Schedules the registry update for when <paramref name="session"/> commits.</summary>
    public void AfterWrite(StoreSession session, StoredResource? written)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (written is null || written.ResourceType != ResourceType)
        {
            return;
        }

        var registry = definitions.CustomSearchParameters;
        var id = written.Id;
        SearchParameterDefinition? definition = null;
        if (!written.IsDeleted && written.Json is not null)
        {
            using var document = JsonDocument.Parse(written.Json);
            definition = validator.Check(document.RootElement, id).Definition;
        }

        var registered = UnixMicros.From(written.LastUpdated);
        session.OnCommitted(definition is null ? () => registry.Remove(id) : () => registry.Register(id, definition, registered));
    }
}
