using System.Text.Json;
using System.Text.RegularExpressions;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Validation;
using FhirAi.Server.Http;
using FhirAi.Server.Reindex;

namespace FhirAi.Server.Rest;

/// <summary>
/// What every write checks before storage: the body is a resource of the type in the URL, its id
/// agrees with the URL, it validates against the base StructureDefinitions, and an active SearchParameter can be registered.
/// </summary>
internal sealed partial class ResourceWriteChecks(FhirDefinitions definitions, ResourceValidator validator, SearchParameterWrites searchParameters)
{
    public bool IsKnownType(string type) => definitions.IsResourceType(type);

    public static FhirError UnknownType(string type) =>
        FhirError.NotFound($"'{type}' is not a resource type this server supports (R4 names are case-sensitive).");

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Checks a body for create (<paramref name="urlId"/> null) or update; returns the validation warnings on success.</summary>
    public (IReadOnlyList<OutcomeIssue> Warnings, FhirError? Error) Check(JsonElement resource, string type, string? urlId)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return ([], FhirError.BadRequest("The body must be a JSON object holding one resource."));
        }

        if (!resource.TryGetProperty("resourceType", out var resourceType) || resourceType.ValueKind != JsonValueKind.String)
        {
            return ([], FhirError.Of(FhirErrorKind.BadRequest, IssueCodes.Required, "The resource has no resourceType.", "resourceType"));
        }

        if (resourceType.GetString() != type)
        {
            return ([], FhirError.BadRequest($"The body is a {resourceType.GetString()} but the URL names {type}.", "resourceType"));
        }

        if (urlId is not null)
        {
            if (!resource.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return ([], FhirError.Of(FhirErrorKind.BadRequest, IssueCodes.Required, $"An update must carry the id '{urlId}' of its URL.", $"{type}.id"));
            }

            if (id.GetString() != urlId)
            {
                return ([], FhirError.BadRequest($"The resource id '{id.GetString()}' differs from the id '{urlId}' in the URL.", $"{type}.id"));
            }
        }

        var issues = validator.Validate(resource);
        if (issues.Any(issue => issue.IsError))
        {
            return ([], new FhirError(FhirErrorKind.BadRequest, issues));
        }

        if (searchParameters.Check(type, resource, urlId) is { } refused)
        {
            return ([], refused);
        }

        return (issues, null);
    }

    // FHIR id: 1–64 of letters, digits, '-' and '.'.
    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
