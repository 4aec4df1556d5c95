using System.Text.Json;
using FhirAi.Fhir.Outcomes;
using FhirAi.Server.Http;
using FhirAi.Server.Writes;
using FhirAi.Storage;

namespace FhirAi.Server.Bundles;

/// <summary>
/// A transaction Bundle, all or nothing in one store session: (1) resolve the id every POST and PUT
/// will get (conditional creates and updates are matched under their advisory locks), (2) rewrite
/// references to other entries' fullUrls and resolve conditional references, (3) validate and index
/// every resource in parallel, (4) write in the spec's order (DELETE, POST, PUT/PATCH, GET). The first
/// failure rolls everything back and is answered as one OperationOutcome naming its entry.
/// </summary>
internal sealed class TransactionProcessor(ResourceStore store, ResourceWriter writer, ConditionalCriteria conditions, EntryExecutor executor)
{
    public async Task<(EntryResult[]? Results, FhirError? Error)> ProcessAsync(List<BundleEntry> entries, string baseUrl, CancellationToken cancellationToken)
    {
        var ordered = entries.OrderBy(e => e.ProcessingRank).ThenBy(e => e.Index).ToList();
        JsonDocument?[]? resources = null;
        PreparedWrite?[]? prepared = null;

        // A Bundle with nothing conditional (a typical export or Synthea load) resolves, rewrites and
        // validates before it takes the store's write lock, so concurrent loaders overlap that work.
        var early = !ordered.Any(NeedsDatabaseToResolve);
        if (early)
        {
            var failure = await ResolveAndPrepareAsync(null, ordered, entries, cancellationToken).ConfigureAwait(false);
            if (failure.Error is not null)
            {
                return (null, failure.Error);
            }

            (resources, prepared) = (failure.Resources, failure.Prepared);
        }

        await using var session = await store.BeginSessionAsync(cancellationToken).ConfigureAwait(false);
        if (!early)
        {
            var late = await ResolveAndPrepareAsync(session, ordered, entries, cancellationToken).ConfigureAwait(false);
            if (late.Error is not null)
            {
                return (null, late.Error);
            }

            (resources, prepared) = (late.Resources, late.Prepared);
        }

        // Lock every existing resource this transaction will change, in one global order, so that two
        // transactions touching the same resources queue instead of deadlocking.
        foreach (var target in ordered.Where(e => e.Method is "PUT" or "DELETE" or "PATCH")
                     .Select(e => $"{e.Type}/{e.ResolvedId ?? e.Id}").Where(t => !t.EndsWith('/')).Distinct().Order(StringComparer.Ordinal))
        {
            await session.LockAsync("resource:" + target, cancellationToken).ConfigureAwait(false);
        }

        var results = new EntryResult[entries.Count];
        foreach (var entry in ordered)
        {
            var result = entry switch
            {
                { MatchedExisting: true } => await MatchedAsync(session, entry, cancellationToken).ConfigureAwait(false),
                { Method: "GET" or "HEAD" } => await executor.ReadAsync(session, entry, baseUrl, cancellationToken).ConfigureAwait(false),
                _ => await executor.WriteAsync(session, entry, resources![entry.Index]?.RootElement, prepared![entry.Index], cancellationToken).ConfigureAwait(false),
            };
            if (result.Error is not null)
            {
                DisposeAll(resources!);
                return (null, Named(result.Error, entry));
            }

            results[entry.Index] = result;
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        DisposeAll(resources!);
        return (results, null);
    }

    /// <summary>Conditional creates, conditional updates and conditional references can only be resolved against the store.</summary>
    private static bool NeedsDatabaseToResolve(BundleEntry entry) =>
        !string.IsNullOrWhiteSpace(entry.IfNoneExist) ||
        (entry.Method == "PUT" && entry.Id is null) ||
        (entry.Resource is not null && ReferenceRewriter.ConditionalReferences(entry.Resource).Count > 0);

    private async Task<(JsonDocument?[]? Resources, PreparedWrite?[]? Prepared, FhirError? Error)> ResolveAndPrepareAsync(
        StoreSession? session, List<BundleEntry> ordered, List<BundleEntry> entries, CancellationToken cancellationToken)
    {
        if (await ResolveIdsAsync(session, ordered, cancellationToken).ConfigureAwait(false) is { } idError)
        {
            return (null, null, idError);
        }

        if (await RewriteReferencesAsync(session, ordered, cancellationToken).ConfigureAwait(false) is { } referenceError)
        {
            return (null, null, referenceError);
        }

        var (resources, prepared, prepareError) = Prepare(entries);
        return prepareError is null ? (resources, prepared, null) : (null, null, prepareError);
    }

    private async Task<FhirError?> ResolveIdsAsync(StoreSession? session, List<BundleEntry> ordered, CancellationToken cancellationToken)
    {
        foreach (var entry in ordered)
        {
            if (entry.Method == "POST")
            {
                entry.ResolvedId = ResourceWriter.NewId();
                if (!string.IsNullOrWhiteSpace(entry.IfNoneExist))
                {
                    var match = await MatchOneAsync(session, entry, entry.IfNoneExist, "ifNoneExist", cancellationToken).ConfigureAwait(false);
                    if (match.Error is not null)
                    {
                        return match.Error;
                    }

                    if (match.Id is not null)
                    {
                        entry.ResolvedId = match.Id;
                        entry.MatchedExisting = true;
                    }
                }
            }
            else if (entry.Method == "PUT")
            {
                if (entry.Id is not null)
                {
                    entry.ResolvedId = entry.Id;
                    continue;
                }

                var match = await MatchOneAsync(session, entry, entry.Query ?? string.Empty, "request.url", cancellationToken).ConfigureAwait(false);
                if (match.Error is not null)
                {
                    return match.Error;
                }

                entry.ResolvedId = match.Id ?? entry.Resource?["id"]?.GetValue<string>() ?? ResourceWriter.NewId();
            }
        }

        return null;
    }

    private async Task<(string? Id, FhirError? Error)> MatchOneAsync(StoreSession? session, BundleEntry entry, string query, string where, CancellationToken cancellationToken)
    {
        var (criteria, lockKey, error) = conditions.Parse(entry.Type, query, where);
        if (error is not null)
        {
            return (null, Named(error, entry));
        }

        var matches = await ConditionalCriteria.MatchAsync(
            session ?? throw new InvalidOperationException("Conditional matching needs the store session."), entry.Type, criteria, lockKey, cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => (null, null),
            1 => (matches[0].Id, null),
            _ => (null, Named(FhirError.Of(FhirErrorKind.PreconditionFailed, IssueCodes.MultipleMatches, $"The {where} criteria match more than one {entry.Type}."), entry)),
        };
    }

    private async Task<FhirError?> RewriteReferencesAsync(StoreSession? session, List<BundleEntry> ordered, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ordered.Where(e => e.ResolvedId is not null && e.FullUrl is not null))
        {
            targets[entry.FullUrl!] = $"{entry.Type}/{entry.ResolvedId}";
        }

        // Conditional references are resolved once each, under the same rules as conditional creates.
        // Without a session this is the early path, taken only when no entry has one: no second scan.
        var conditional = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ordered.Where(e => session is not null && e.Resource is not null && e.Method is "POST" or "PUT"))
        {
            foreach (var reference in ReferenceRewriter.ConditionalReferences(entry.Resource!).Distinct().ToList())
            {
                if (conditional.ContainsKey(reference))
                {
                    continue;
                }

                var question = reference.IndexOf('?', StringComparison.Ordinal);
                var type = reference[..question];
                var probe = new BundleEntry { Index = entry.Index, Method = "GET", Url = reference, Type = type };
                var match = await MatchOneAsync(session, probe, reference[(question + 1)..], "reference", cancellationToken).ConfigureAwait(false);
                if (match.Error is not null)
                {
                    return match.Error;
                }

                if (match.Id is null)
                {
                    return Named(FhirError.Of(FhirErrorKind.NotFound, IssueCodes.NotFound, $"The conditional reference '{reference}' matches no resource."), entry);
                }

                conditional[reference] = $"{type}/{match.Id}";
            }
        }

        foreach (var entry in ordered.Where(e => e.Resource is not null && e.Method is "POST" or "PUT"))
        {
            ReferenceRewriter.Rewrite(entry.Resource!, targets, reference => conditional.GetValueOrDefault(reference));
            if (entry.Method == "PUT" && entry.Id is null && entry.ResolvedId is not null && entry.Resource is System.Text.Json.Nodes.JsonObject body && body["id"] is null)
            {
                body.Insert(1, "id", entry.ResolvedId);
            }
        }

        return null;
    }

    /// <summary>Validation and indexing of every POST and PUT resource, in parallel: they need no database.</summary>
    private (JsonDocument?[] Resources, PreparedWrite?[] Prepared, FhirError? Error) Prepare(List<BundleEntry> entries)
    {
        var resources = new JsonDocument?[entries.Count];
        var prepared = new PreparedWrite?[entries.Count];
        var errors = new FhirError?[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            var entry = entries[i];
            if (entry.Resource is null || entry.MatchedExisting || entry.Method is not ("POST" or "PUT" or "PATCH"))
            {
                return;
            }

            resources[i] = JsonSerializer.SerializeToDocument(entry.Resource);
            if (entry.Method == "PATCH")
            {
                return;
            }

            var (ready, error) = writer.Prepare(entry.Type, entry.Method == "PUT" ? entry.ResolvedId : null, resources[i]!.RootElement);
            prepared[i] = ready;
            errors[i] = error is null ? null : Named(error, entry);
        });

        var first = errors.FirstOrDefault(e => e is not null);
        if (first is not null)
        {
            DisposeAll(resources);
        }

        return (resources, prepared, first);
    }

    private static async Task<EntryResult> MatchedAsync(StoreSession session, BundleEntry entry, CancellationToken cancellationToken)
    {
        var existing = await session.ReadAsync(entry.Type, entry.ResolvedId!, cancellationToken).ConfigureAwait(false);
        return new EntryResult(StatusCodes.Status200OK, existing.Resource, null,
            [OutcomeIssue.Information(IssueCodes.Duplicate, $"{entry.Type}/{entry.ResolvedId} already matches ifNoneExist; nothing was created.")], null);
    }

    /// <summary>The same error, with every issue located at the failing entry.</summary>
    private static FhirError Named(FhirError error, BundleEntry entry) =>
        new(error.Kind, error.Issues.Select(issue => issue with
        {
            Diagnostics = $"Entry {entry.Index} ({entry.Method} {entry.Url}): {issue.Diagnostics}",
            Expression = issue.Expression switch
            {
                null => entry.Where,
                var e when e.StartsWith("Bundle.", StringComparison.Ordinal) => e,
                var e when e == entry.Type => $"{entry.Where}.resource",
                var e => $"{entry.Where}.resource.{TrimType(e, entry.Type)}",
            },
        }).ToList());

    private static string TrimType(string expression, string type) =>
        expression.StartsWith(type + ".", StringComparison.Ordinal) ? expression[(type.Length + 1)..] : expression;

    private static void DisposeAll(JsonDocument?[] documents)
    {
        foreach (var document in documents)
        {
            document?.Dispose();
        }
    }
}
