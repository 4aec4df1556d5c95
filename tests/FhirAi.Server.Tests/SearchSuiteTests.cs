using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// The search query suite: every query of tests/search-suite/queries.json runs over the open Synthea corpus
/// (plus a few hand-made resources) and must return exactly the resources that tests/search-suite/expected.json
/// lists. Those were computed without FhirAi's code, by HL7's fhirpath.js evaluating the official SearchParameter
/// expressions (tests/search-suite/compute-expected.mjs). Same answers required on SQLite and PostgreSQL.
/// </summary>
public abstract partial class SearchSuiteTests
{
    protected abstract StorageProvider Provider { get; }

    [TestMethod]
    [TestCategory("Integration")]
    public async Task Every_query_returns_exactly_the_independently_computed_matches()
    {
        await using var host = await FhirServerHost.StartAsync(Provider);
        var client = host.Client;
        var suite = Path.Combine(AppContext.BaseDirectory, "SearchSuite");
        var bundles = Directory.GetFiles(SharedData.SyntheaBundles, "*.json").Order(StringComparer.Ordinal)
            .Append(Path.Combine(suite, "extra-resources.json"));
        var idOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in bundles)
        {
            await LoadAsync(client, file, idOf);
        }

        var fullUrlOf = idOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var queries = JsonSerializer.Deserialize<List<string>>(await File.ReadAllTextAsync(Path.Combine(suite, "queries.json")))!;
        var expected = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(await File.ReadAllTextAsync(Path.Combine(suite, "expected.json")))!;
        Assert.IsTrue(queries.Count >= 50, "the suite");
        var failures = new List<string>();
        foreach (var query in queries)
        {
            var url = Placeholder().Replace(query, m => idOf[m.Groups[1].Value].Split('/')[1]);
            var found = await SearchAllAsync(client, url, failures);
            var got = found.Select(reference => fullUrlOf.GetValueOrDefault(reference, reference)).Order(StringComparer.Ordinal).ToList();
            var want = expected[query];
            if (!got.SequenceEqual(want))
            {
                failures.Add($"{query}: expected {want.Count}, got {got.Count}; missing {string.Join(' ', want.Except(got).Take(3))}; extra {string.Join(' ', got.Except(want).Take(3))}");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join('\n', failures));
    }

    private static async Task LoadAsync(HttpClient client, string file, Dictionary<string, string> idOf)
    {
        var json = await File.ReadAllTextAsync(file);
        var fullUrls = JsonNode.Parse(json)!["entry"]!.AsArray().Select(e => e!["fullUrl"]!.GetValue<string>()).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, client.BaseAddress!.ToString().TrimEnd('/')) { Content = FhirJson.Content(json) };
        request.Headers.Add("Prefer", "return=minimal");
        using var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Path.GetFileName(file));
        var entries = (await FhirJson.ReadObjectAsync(response))["entry"]!.AsArray();
        for (var i = 0; i < entries.Count; i++)
        {
            // Response entries answer request entries in order (R4 transaction rules).
            idOf[fullUrls[i]] = entries[i]!["response"]!["location"]!.GetValue<string>().Split("/_history")[0];
        }
    }

    private static async Task<List<string>> SearchAllAsync(HttpClient client, string query, List<string> failures)
    {
        var found = new List<string>();
        string? next = $"{query}&_count=1000";
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{query}: HTTP {(int)response.StatusCode}");
                return found;
            }

            var bundle = await FhirJson.ReadObjectAsync(response);
            foreach (var entry in bundle["entry"]?.AsArray() ?? [])
            {
                var resource = entry!["resource"]!;
                if (entry["search"]?["mode"]?.GetValue<string>() == "outcome")
                {
                    failures.Add($"{query}: the server reported {resource.ToJsonString()}");
                    continue;
                }

                found.Add($"{resource["resourceType"]!.GetValue<string>()}/{resource["id"]!.GetValue<string>()}");
            }

            next = bundle["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]?.GetValue<string>();
        }

        return found;
    }

    [GeneratedRegex(@"\{\{(urn:uuid:[^}]+)\}\}")]
    private static partial Regex Placeholder();
}

[TestClass]
public sealed class SqliteSearchSuiteTests : SearchSuiteTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[TestClass]
public sealed class PostgresSearchSuiteTests : SearchSuiteTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
