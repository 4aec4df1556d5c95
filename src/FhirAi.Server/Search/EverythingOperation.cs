using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Json;
using FhirAi.Fhir.Outcomes;
using FhirAi.Fhir.Search;
using FhirAi.Server.Http;
using FhirAi.Storage;

namespace FhirAi.Server.Search;

/// <summary>
/// <c>GET|POST Patient/{id}/$everything</c> (http://hl7.org/fhir/OperationDefinition/Patient-everything):
/// the patient, every resource in its compartment, and the resources those reference, as a paged searchset; at type
/// level (<c>Patient/$everything</c>) the same for every patient at once, as one
/// searchset. Supports <c>_since</c> (lastUpdated at or after the instant), <c>_type</c>, <c>_count</c> and
/// <c>start</c>/<c>end</c> (care dates, <see cref="CareDates"/>).
/// </summary>
internal sealed class EverythingOperation(FhirDefinitions definitions, ResourceStore store, SearchRunner runner)
{
    private static readonly HashSet<string> Known = ["start", "end", "_since", "_type", "_count", "_cursor", "_format", "_pretty", "_total", "_summary", "_elements", "_sort"];

    /// <summary>One patient's record, or with a null <paramref name="id"/> every patient's (type-level <c>Patient/$everything</c>).</summary>
    public async Task<IResult> RunAsync(string? id, HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = Rest.SearchHandler.Flatten(request.Query);
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0)
        {
            var (fromBody, error) = await ReadParametersAsync(request, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            pairs.AddRange(fromBody);
        }

        if (id is not null && (await store.ReadAsync("Patient", id, cancellationToken).ConfigureAwait(false)).Status != ReadStatus.Found)
        {
            return FhirError.NotFound($"Patient/{id} does not exist.");
        }

        var criteria = new List<SearchCriterion>();
        var issues = new List<OutcomeIssue>();
        if (pairs.LastOrDefault(p => p.Key == "_since").Value is { } since)
        {
            if (!FhirInstant.TryParse(since, out _))
            {
                return FhirError.BadRequest($"_since must be a FHIR instant such as 2026-01-01T00:00:00Z; got '{since}'.", "_since");
            }

            criteria.Add(new SearchCriterion("_lastUpdated", SearchParamType.Date, null, ["ge" + since]));
        }

        var (careRange, careError) = CareRange(pairs);
        if (careError is not null)
        {
            return careError;
        }

        var types = pairs.Where(p => p.Key == "_type").SelectMany(p => SearchCriteriaParser.SplitValues(p.Value)).Distinct(StringComparer.Ordinal).ToList();
        if (types.FirstOrDefault(t => !definitions.IsResourceType(t)) is { } unknown)
        {
            return FhirError.BadRequest($"'{unknown}' in _type is not an R4 resource type.", "_type");
        }

        foreach (var key in pairs.Select(p => p.Key).Where(k => !Known.Contains(k)).Distinct())
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.NotSupported, $"'{key}' is not supported by $everything here and was ignored.", key));
        }

        definitions.TryGetCompartment("Patient", out var compartment);
        var plan = new SearchPlan(types.Count > 0 ? types : ["Patient"], id is null ? "Patient/$everything" : $"Patient/{id}/$everything", criteria, issues)
        {
            Compartment = new CompartmentFilter("Patient", id ?? string.Empty, compartment!.ParametersByResourceType) { EveryId = id is null },
            Everything = true,
            CareDates = careRange is { } range
                ? new CareDateFilter(range.From, range.Before, CareDates.ParameterByType(definitions, compartment!.ParametersByResourceType.Keys))
                : null,
            MultiType = types.Count > 0,
        };
        return await runner.RunAsync(plan, pairs, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>start</c> and <c>end</c> as dates (any precision): from the first instant of <c>start</c> to the last of <c>end</c>
    /// (<c>end=2020</c> keeps care dates in 2020). Null when neither is given.
    /// </summary>
    private static ((DateTimeOffset? From, DateTimeOffset? Before)? Range, FhirError? Error) CareRange(List<KeyValuePair<string, string>> pairs)
    {
        DateTimeOffset? from = null;
        DateTimeOffset? before = null;
        foreach (var name in new[] { "start", "end" })
        {
            var values = pairs.Where(p => p.Key == name).Select(p => p.Value).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            if (values.Count > 1 || !DateRange.TryParse(values[0], out var range))
            {
                return (null, FhirError.BadRequest(
                    $"{name} must be one FHIR date such as 2020, 2020-05 or 2020-05-17; got '{string.Join("', '", values)}'.", name));
            }

            if (name == "start")
            {
                from = range.Low;
            }
            else
            {
                before = range.High;
            }
        }

        if (from >= before)
        {
            return (null, FhirError.BadRequest("start must not be after end.", "start"));
        }

        return from is null && before is null ? (null, null) : ((from, before), null);
    }

    /// <summary>The operation's parameters from a Parameters body (valueInstant, valueCode, valueString, valueInteger…).</summary>
    private static async Task<(List<KeyValuePair<string, string>> Pairs, FhirError? Error)> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var rt) || rt.GetString() != "Parameters")
            {
                return (pairs, FhirError.BadRequest("POST $everything takes a Parameters resource (or no body).", "Parameters"));
            }

            if (root.TryGetProperty("parameter", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
            {
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var name = parameter.TryGetProperty("name", out var n) ? n.GetString() : null;
                    var value = parameter.EnumerateObject().FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal)).Value;
                    if (name is not null && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    {
                        pairs.Add(new(name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
                    }
                }
            }
        }
        catch (JsonException)
        {
            return (pairs, FhirError.BadRequest("The body is not valid JSON.", "Parameters"));
        }

        return (pairs, null);
    }
}
