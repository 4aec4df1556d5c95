using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FhirAi.CdsHooks.Tests.Support;

/// <summary>
/// A local reader over resources held in memory, for protocol tests: reads by type and id; searches by type and
/// <c>patient</c> (subject or patient reference), <c>status</c> and <c>code</c> (system|code lists). Counts its calls.
/// </summary>
internal sealed class InMemoryFhirReader : ICdsLocalFhirReader
{
    private readonly ConcurrentBag<JsonElement> _resources = [];
    private int _calls;

    public int Calls => _calls;

    public void Add(params JsonObject[] resources)
    {
        foreach (var resource in resources)
        {
            _resources.Add(JsonSerializer.SerializeToElement(resource));
        }
    }

    public Task<JsonElement?> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var found = _resources.Where(r => Str(r, "resourceType") == type && Str(r, "id") == id).Select(r => (JsonElement?)r).FirstOrDefault();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<JsonElement>> SearchAsync(string type, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        IEnumerable<JsonElement> matches = _resources.Where(r => Str(r, "resourceType") == type);
        foreach (var (name, value) in parameters)
        {
            matches = name switch
            {
                "patient" => matches.Where(r => Subject(r) is { } s && (s == "Patient/" + value || s == value)),
                "status" => matches.Where(r => value.Split(',').Contains(Str(r, "status"))),
                "code" => matches.Where(r => value.Split(',').Any(c => Codes(r).Contains(c))),
                _ => matches,
            };
        }

        return Task.FromResult<IReadOnlyList<JsonElement>>([.. matches]);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Subject(JsonElement e) =>
        (e.TryGetProperty("subject", out var s) || e.TryGetProperty("patient", out s)) && s.ValueKind == JsonValueKind.Object ? Str(s, "reference") : null;

    private static IEnumerable<string> Codes(JsonElement e) =>
        e.TryGetProperty("code", out var code) && code.TryGetProperty("coding", out var codings)
            ? codings.EnumerateArray().Select(c => $"{Str(c, "system")}|{Str(c, "code")}")
            : [];
}
