using System.Net;
using System.Text.Json;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// Chains, <c>_has</c>, <c>_include</c> and <c>_revinclude</c> over Synthea Bundles, against expectations
/// computed independently by SyntheaQueries/joins_expected.py (hand-written Python over the Bundle JSON,
/// sharing no code with the server). Resources are named "bundle index|fullUrl" there (a few Organizations
/// and Practitioners recur across Bundles); the transaction responses map each to the id the server assigned.
/// </summary>
public abstract class SyntheaJoinQueryTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    [TestCategory("Integration")]
    public async Task Join_queries_match_the_independently_computed_expectations()
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "SyntheaQueries", "joins.expected.json")));
        await using var host = await FhirServerHost.StartAsync(Provider);
        var client = host.Client;
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = expected.RootElement.GetProperty("bundles").EnumerateArray().Select(f => f.GetString()!).ToList();
        for (var index = 0; index < files.Count; index++)
        {
            await LoadAsync(client, Path.Combine(SharedData.SyntheaBundles, files[index]), index, locations);
        }

        var failures = new List<string>();
        foreach (var query in expected.RootElement.GetProperty("queries").EnumerateArray())
        {
            var name = query.GetProperty("name").GetString()!;
            var text = query.GetProperty("query").GetString()!;
            var wantMatches = query.GetProperty("matches").EnumerateArray().Select(u => locations[u.GetString()!]).Order(StringComparer.Ordinal).ToList();
            var wantIncluded = query.GetProperty("included").EnumerateArray().Select(u => locations[u.GetString()!]).Order(StringComparer.Ordinal).ToList();
            var (matches, included, total) = await RunAsync(client, text);
            if (!matches.SequenceEqual(wantMatches) || !included.SequenceEqual(wantIncluded) || total != wantMatches.Count)
            {
                failures.Add($"{name}: {text}\n  matches {matches.Count} (want {wantMatches.Count}), included {included.Count} (want {wantIncluded.Count}), total {total}" +
                    $"\n  missing {string.Join(' ', wantMatches.Except(matches).Concat(wantIncluded.Except(included)).Take(5))}" +
                    $"\n  extra {string.Join(' ', matches.Except(wantMatches).Concat(included.Except(wantIncluded)).Take(5))}");
            }
        }

        Assert.IsTrue(expected.RootElement.GetProperty("queries").GetArrayLength() >= 18);
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    /// <summary>Posts one Bundle and records each entry's server location under "bundle index|fullUrl", as the script names resources.</summary>
    private static async Task LoadAsync(HttpClient client, string file, int index, Dictionary<string, string> locations)
    {
        var json = await File.ReadAllTextAsync(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, client.BaseAddress!.ToString().TrimEnd('/')) { Content = FhirJson.Content(json) };
        request.Headers.Add("Prefer", "return=minimal");
        using var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, file);
        using var bundle = JsonDocument.Parse(json);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sent = bundle.RootElement.GetProperty("entry").EnumerateArray().ToList();
        var answered = result.RootElement.GetProperty("entry").EnumerateArray().ToList();
        Assert.AreEqual(sent.Count, answered.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var location = answered[i].GetProperty("response").GetProperty("location").GetString()!;
            locations[$"{index}|{sent[i].GetProperty("fullUrl").GetString()}"] = location.Split("/_history")[0];
        }
    }

    /// <summary>Runs the query strictly, following next links; returns matches and includes as "Type/id", sorted, and Bundle.total.</summary>
    private static async Task<(List<string> Matches, List<string> Included, int? Total)> RunAsync(HttpClient client, string query)
    {
        var question = query.IndexOf('?', StringComparison.Ordinal);
        var escaped = string.Join('&', query[(question + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return $"{Uri.EscapeDataString(p[..eq])}={Uri.EscapeDataString(p[(eq + 1)..])}";
        }));
        var url = $"{query[..question]}?{escaped}&_count=200";
        var matches = new List<string>();
        var included = new HashSet<string>(StringComparer.Ordinal);
        int? total = null;
        for (var page = 0; url is not null && page < 50; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Prefer", "handling=strict");
            using var response = await client.SendAsync(request);
            var body = await FhirJson.ReadObjectAsync(response);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{query}: {body.ToJsonString()}");
            total ??= body["total"]?.GetValue<int>();
            foreach (var entry in body["entry"]?.AsArray() ?? [])
            {
                var resource = entry!["resource"]!;
                var name = $"{resource["resourceType"]!.GetValue<string>()}/{resource["id"]!.GetValue<string>()}";
                var mode = entry["search"]!["mode"]!.GetValue<string>();
                Assert.AreNotEqual("outcome", mode, $"{query}: {resource.ToJsonString()}");
                (mode == "match" ? (ICollection<string>)matches : included).Add(name);
            }

            url = body["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]?.GetValue<string>();
        }

        Assert.AreEqual(matches.Count, matches.Distinct().Count(), $"{query}: a match repeated across pages");
        return (matches.Order(StringComparer.Ordinal).ToList(), included.Except(matches).Order(StringComparer.Ordinal).ToList(), total);
    }
}

[TestClass]
public sealed class SqliteSyntheaJoinQueryTests : SyntheaJoinQueryTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSyntheaJoinQueryTests : SyntheaJoinQueryTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
