using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Fhir.Indexing;
using FhirAi.Fhir.Json;
using FhirAi.Fhir.Outcomes;
using FhirAi.Server.Http;
using FhirAi.Server.Reindex;
using FhirAi.Server.Rest;
using FhirAi.Storage;

namespace FhirAi.Server.Writes;

/// <summary>
/// Every kind of write (plain and conditional create, update, delete, patch) performed inside a
/// caller's store session: the REST endpoints give each write its own session, a transaction Bundle
/// gives all its entries one. Each write validates, indexes and answers with a <see cref="WriteOutcome"/>.
/// </summary>
internal sealed class ResourceWriter(
    ResourceWriteChecks checks, SearchIndexer indexer, ConditionalCriteria conditions, ReservedIds reserved, SearchParameterWrites searchParameters)
{
    public async Task<WriteOutcome> CreateAsync(StoreSession session, string type, JsonElement resource, string? ifNoneExist, CancellationToken cancellationToken)
    {
        var (warnings, error) = checks.Check(resource, type, urlId: null);
        if (error is not null)
        {
            return WriteOutcome.Fail(error);
        }

        if (!string.IsNullOrWhiteSpace(ifNoneExist))
        {
            var (matches, matchError) = await MatchAsync(session, type, ifNoneExist, "If-None-Exist", cancellationToken).ConfigureAwait(false);
            if (matchError is not null)
            {
                return WriteOutcome.Fail(matchError);
            }

            if (matches.Count == 1)
            {
                return WriteOutcome.Unchanged(StatusCodes.Status200OK, matches[0],
                    OutcomeIssue.Information(IssueCodes.Duplicate, $"{type}/{matches[0].Id} already matches If-None-Exist; nothing was created."));
            }
        }

        // The server chooses the id of a create (the body's id, if any, is ignored, as the spec says).
        return await CreatePreparedAsync(session, type, NewId(), resource, new PreparedWrite(warnings, indexer.Extract(type, resource)), cancellationToken)
            .ConfigureAwait(false);
    }

    public static string NewId() => Guid.CreateVersion7().ToString();

    /// <summary>
    /// Validation and index extraction, which need no database: a transaction runs them for all its
    /// entries in parallel before it writes. <paramref name="id"/> is null for a create.
    /// </summary>
    public (PreparedWrite? Prepared, FhirError? Error) Prepare(string type, string? id, JsonElement resource)
    {
        var (warnings, error) = checks.Check(resource, type, id);
        return error is not null ? (null, error) : (new PreparedWrite(warnings, indexer.Extract(type, resource)), null);
    }

    public async Task<WriteOutcome> CreatePreparedAsync(
        StoreSession session, string type, string id, JsonElement resource, PreparedWrite prepared, CancellationToken cancellationToken)
    {
        var result = await session.CreateAsync(type, id, resource, prepared.Index, cancellationToken).ConfigureAwait(false);
        searchParameters.AfterWrite(session, result.Resource);
        return WriteOutcome.Wrote(StatusCodes.Status201Created, result.Resource!, prepared.Warnings);
    }

    public async Task<WriteOutcome> UpdatePreparedAsync(
        StoreSession session, string type, string id, JsonElement resource, PreparedWrite prepared, int? ifMatch, CancellationToken cancellationToken)
    {
        if (reserved.Check(type, id) is { } refused)
        {
            return WriteOutcome.Fail(refused);
        }

        var result = await session.UpdateAsync(type, id, resource, prepared.Index, ifMatch, cancellationToken).ConfigureAwait(false);
        searchParameters.AfterWrite(session, result.Resource);
        return FromStore(result, type, id, ifMatch, prepared.Warnings);
    }

    public async Task<WriteOutcome> UpdateAsync(
        StoreSession session, string type, string id, JsonElement resource, int? ifMatch, CancellationToken cancellationToken)
    {
        if (!ResourceWriteChecks.IsValidId(id))
        {
            return WriteOutcome.Fail(FhirError.BadRequest($"'{id}' is not a valid FHIR id (1–64 letters, digits, '-' or '.').", $"{type}.id"));
        }

        var (prepared, error) = Prepare(type, id, resource);
        return error is not null
            ? WriteOutcome.Fail(error)
            : await UpdatePreparedAsync(session, type, id, resource, prepared!, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteOutcome> ConditionalUpdateAsync(
        StoreSession session, string type, string query, JsonElement resource, int? ifMatch, CancellationToken cancellationToken)
    {
        var (matches, matchError) = await MatchAsync(session, type, query, "update", cancellationToken).ConfigureAwait(false);
        if (matchError is not null)
        {
            return WriteOutcome.Fail(matchError);
        }

        var bodyId = resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        if (matches.Count == 1)
        {
            if (bodyId is not null && bodyId != matches[0].Id)
            {
                return WriteOutcome.Fail(FhirError.BadRequest($"The body's id '{bodyId}' is not the id '{matches[0].Id}' of the matching resource.", $"{type}.id"));
            }

            return await UpdateAsync(session, type, matches[0].Id, WithId(resource, matches[0].Id), ifMatch, cancellationToken).ConfigureAwait(false);
        }

        // No match: a create, under the body's id when it gives one.
        return bodyId is null
            ? await CreateAsync(session, type, resource, ifNoneExist: null, cancellationToken).ConfigureAwait(false)
            : await UpdateAsync(session, type, bodyId, resource, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteOutcome> DeleteAsync(StoreSession session, string type, string id, int? ifMatch, CancellationToken cancellationToken)
    {
        if (reserved.Check(type, id) is { } refused)
        {
            return WriteOutcome.Fail(refused);
        }

        var result = await session.DeleteAsync(type, id, ifMatch, cancellationToken).ConfigureAwait(false);
        searchParameters.AfterWrite(session, result.Resource);
        if (result.Status == WriteStatus.AlreadyDeleted)
        {
            return WriteOutcome.Unchanged(StatusCodes.Status200OK, null,
                OutcomeIssue.Information(IssueCodes.Informational, $"{type}/{id} was already deleted; nothing changed."));
        }

        return FromStore(result, type, id, ifMatch, []);
    }

    public async Task<WriteOutcome> ConditionalDeleteAsync(
        StoreSession session, string type, string query, bool allowMultiple, CancellationToken cancellationToken)
    {
        var (criteria, lockKey, criteriaError) = conditions.Parse(type, query, "delete");
        if (criteriaError is not null)
        {
            return WriteOutcome.Fail(criteriaError);
        }

        await session.LockAsync(lockKey, cancellationToken).ConfigureAwait(false);
        var limit = allowMultiple ? 1000 : 2;
        var page = await session.SearchAsync(new ResourceSearch { ResourceType = type, Criteria = criteria, Count = limit }, cancellationToken).ConfigureAwait(false);
        if (page.Matches.Count == 0)
        {
            return WriteOutcome.Unchanged(StatusCodes.Status200OK, null,
                OutcomeIssue.Information(IssueCodes.NotFound, $"No {type} matched; nothing was deleted."));
        }

        if (page.Matches.Count > 1 && !allowMultiple)
        {
            return WriteOutcome.Fail(MultipleMatches("delete"));
        }

        if (page.NextCursor is not null)
        {
            return WriteOutcome.Fail(FhirError.Of(FhirErrorKind.PreconditionFailed, IssueCodes.TooCostly,
                $"More than {limit} {type} resources match; narrow the criteria."));
        }

        WriteOutcome last = WriteOutcome.Fail(FhirError.NotFound("nothing deleted"));
        foreach (var match in page.Matches)
        {
            last = await DeleteAsync(session, type, match.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return page.Matches.Count == 1
            ? last
            : WriteOutcome.Unchanged(StatusCodes.Status200OK, null,
                OutcomeIssue.Information(IssueCodes.Informational, $"Deleted {page.Matches.Count} {type} resources.")) with { WroteSomething = true };
    }

    public async Task<WriteOutcome> PatchAsync(
        StoreSession session, string type, string id, JsonElement patch, int? ifMatch, CancellationToken cancellationToken)
    {
        if (reserved.Check(type, id) is { } refused)
        {
            return WriteOutcome.Fail(refused);
        }

        var current = await session.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
        if (current.Status != ReadStatus.Found)
        {
            return WriteOutcome.Fail(current.Status == ReadStatus.Gone
                ? FhirError.Of(FhirErrorKind.Gone, IssueCodes.Deleted, $"{type}/{id} has been deleted.")
                : FhirError.NotFound($"{type}/{id} does not exist."));
        }

        var stored = current.Resource!;
        if (ifMatch is { } expected && expected != stored.VersionId)
        {
            return WriteOutcome.Fail(VersionConflict(type, id, expected, stored.VersionId));
        }

        JsonNode patched;
        try
        {
            patched = JsonPatch.Apply(JsonNode.Parse(stored.Json!)!, patch);
        }
        catch (JsonPatchException ex)
        {
            return WriteOutcome.Fail(FhirError.Of(ex.Malformed ? FhirErrorKind.BadRequest : FhirErrorKind.Unprocessable,
                ex.Malformed ? IssueCodes.Structure : IssueCodes.Processing,
                ex.OperationIndex >= 0 ? $"Patch operation {ex.OperationIndex}: {ex.Message}" : ex.Message));
        }

        using var document = JsonSerializer.SerializeToDocument(patched);
        // Conditional on the version patched: a concurrent writer in between makes this a 412, never a lost update.
        return await UpdateAsync(session, type, id, document.RootElement, stored.VersionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteOutcome> ConditionalPatchAsync(
        StoreSession session, string type, string query, JsonElement patch, int? ifMatch, CancellationToken cancellationToken)
    {
        var (matches, matchError) = await MatchAsync(session, type, query, "patch", cancellationToken).ConfigureAwait(false);
        return matchError is not null ? WriteOutcome.Fail(matchError)
            : matches.Count == 0 ? WriteOutcome.Fail(FhirError.NotFound($"No {type} matches the patch criteria."))
            : await PatchAsync(session, type, matches[0].Id, patch, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>None or one match of a conditional interaction's criteria; several, or criteria we cannot evaluate, are errors.</summary>
    private async Task<(IReadOnlyList<StoredResource> Matches, FhirError? Error)> MatchAsync(
        StoreSession session, string type, string query, string where, CancellationToken cancellationToken)
    {
        var (criteria, lockKey, criteriaError) = conditions.Parse(type, query, where);
        if (criteriaError is not null)
        {
            return ([], criteriaError);
        }

        var matches = await ConditionalCriteria.MatchAsync(session, type, criteria, lockKey, cancellationToken).ConfigureAwait(false);
        return matches.Count > 1 ? ([], MultipleMatches(where)) : (matches, null);
    }

    private static WriteOutcome FromStore(WriteResult result, string type, string id, int? ifMatch, IReadOnlyList<OutcomeIssue> warnings) => result.Status switch
    {
        WriteStatus.Created => WriteOutcome.Wrote(StatusCodes.Status201Created, result.Resource!, warnings),
        WriteStatus.Updated or WriteStatus.Deleted => WriteOutcome.Wrote(StatusCodes.Status200OK, result.Resource!, warnings),
        WriteStatus.NotFound when ifMatch is null => WriteOutcome.Fail(FhirError.NotFound($"{type}/{id} does not exist.")),
        WriteStatus.NotFound => WriteOutcome.Fail(FhirError.Of(FhirErrorKind.PreconditionFailed, IssueCodes.Conflict,
            $"If-Match names version {ifMatch} but {type}/{id} does not exist.")),
        _ => WriteOutcome.Fail(VersionConflict(type, id, ifMatch, result.CurrentVersionId)),
    };

    private static FhirError VersionConflict(string type, string id, int? expected, int? current) =>
        FhirError.Of(FhirErrorKind.PreconditionFailed, IssueCodes.Conflict,
            $"If-Match names version {expected} but the current version of {type}/{id} is {current}.");

    private static FhirError MultipleMatches(string where) =>
        FhirError.Of(FhirErrorKind.PreconditionFailed, IssueCodes.MultipleMatches, $"The conditional {where} criteria match more than one resource.");

    private static JsonElement WithId(JsonElement resource, string id)
    {
        if (resource.TryGetProperty("id", out _))
        {
            return resource;
        }

        var node = JsonNode.Parse(resource.GetRawText())!.AsObject();
        node.Insert(1, "id", id);
        return JsonSerializer.SerializeToElement(node);
    }
}
