using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// Every MedicationRequest of the open Synthea corpus (../shared/data/synthea), loaded the way
/// <see cref="SyntheaLoadTests"/> loads it, is reviewed through <c>MedicationRequest/[id]/$interpret</c> with no
/// error; the alert burden (issues per 100 orders by kind) and a sample of the alerts are written to the test
/// output, which docs/medication-review.md reports.
/// </summary>
[TestClass]
public sealed class SyntheaMedicationReviewTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Integration")]
    public async Task Every_synthea_medication_request_is_reviewed_without_error()
    {
        var started = Stopwatch.StartNew();
        await using var host = await FhirServerHost.StartAsync(StorageProvider.Sqlite);
        var client = host.Client;
        var orders = new List<string>();
        foreach (var file in Directory.GetFiles(SharedData.SyntheaBundles, "*.json").Order(StringComparer.Ordinal))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.BaseAddress!.ToString().TrimEnd('/'))
            {
                Content = FhirJson.Content(ReviewInputsOnly(await File.ReadAllTextAsync(file))),
            };
            request.Headers.Add("Prefer", "return=minimal");
            using var response = await client.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Path.GetFileName(file));
            using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            orders.AddRange(result.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("response").GetProperty("location").GetString()!.Split("/_history")[0])
                .Where(location => location.StartsWith("MedicationRequest/", StringComparison.Ordinal)));
        }

        var loaded = started.Elapsed;
        Assert.AreEqual(292, orders.Count, "the corpus holds 292 MedicationRequests");
        var failures = new List<string>();
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var bySeverity = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        var samples = new List<string>();
        var ordersWithIssues = 0;
        foreach (var order in orders)
        {
            using var response = await client.PostAsync($"{order}/$interpret", null);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{order}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                continue;
            }

            var parameters = JsonNode.Parse(body)!["parameter"]!.AsArray();
            var issues = parameters.Where(p => p!["name"]!.GetValue<string>() == "issue").Select(p => p!["resource"]!).ToList();
            ordersWithIssues += issues.Count > 0 ? 1 : 0;
            foreach (var issue in issues)
            {
                var kind = $"{issue["code"]!["coding"]![0]!["code"]!.GetValue<string>()} ({issue["code"]!["text"]!.GetValue<string>()})";
                byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                var severity = issue["severity"]!.GetValue<string>();
                bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
                var detail = issue["detail"]!.GetValue<string>();
                var rule = RuleOf(detail);
                byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
                if (samples.Count < 10 && samples.Count(s => s.StartsWith(kind, StringComparison.Ordinal)) < 4)
                {
                    samples.Add($"{kind}, {severity}: {issue["detail"]!.GetValue<string>()} | Suggested action: {issue["mitigation"]![0]!["action"]!["text"]!.GetValue<string>()}");
                }
            }

            unresolved.AddRange(parameters.Where(p => p!["name"]!.GetValue<string>() == "unresolved").Select(p => p!["valueString"]!.GetValue<string>()));
        }

        var total = byKind.Values.Sum();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"orders reviewed: {orders.Count}, errors: {failures.Count}, orders with ≥1 issue: {ordersWithIssues}, issues: {total} ({Per100(total, orders.Count)} per 100 orders)");
        foreach (var (kind, count) in byKind)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {count} | {Per100(count, orders.Count)} |");
        }

        foreach (var (rule, count) in byRule)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"rule {rule}: {count}");
        }

        foreach (var (severity, count) in bySeverity)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"severity {severity}: {count}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"unresolved medications (distinct): {string.Join("; ", unresolved.Distinct().Take(20))}");
        samples.ForEach(s => report.AppendLine("sample: " + s));
        report.AppendLine(CultureInfo.InvariantCulture, $"load {loaded.TotalSeconds:F1} s, review {(started.Elapsed - loaded).TotalSeconds:F1} s");
        TestContext.WriteLine(report.ToString());
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(10)));
    }

    /// <summary>
    /// The bundle with only what a review reads (Patient, MedicationRequest, AllergyIntolerance, renal lab Observations), and
    /// without references to the entries left out (encounter, requester, reasons), so the load takes seconds.
    /// </summary>
    private static readonly HashSet<string> RenalCodes = ["33914-3", "62238-1", "98979-8", "48642-3", "48643-1", "50044-7", "69405-9", "2160-0", "38483-4"];

    private static string ReviewInputsOnly(string bundleJson)
    {
        var bundle = JsonNode.Parse(bundleJson)!.AsObject();
        var entries = bundle["entry"]!.AsArray();
        var kept = entries.Where(e => e!["resource"]!["resourceType"]!.GetValue<string>() switch
            {
                "Patient" or "MedicationRequest" or "AllergyIntolerance" => true,
                "Observation" => e!["resource"]!["code"]!["coding"]!.AsArray().Any(c => RenalCodes.Contains(c!["code"]!.GetValue<string>())),
                _ => false,
            }).Select(e => e!.DeepClone()).ToList();
        var keptUrls = kept.Select(e => e!["fullUrl"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in kept)
        {
            DropDanglingReferences(entry!["resource"]!.AsObject(), keptUrls);
        }

        bundle["entry"] = new JsonArray([.. kept]);
        return bundle.ToJsonString();
    }

    private static void DropDanglingReferences(JsonNode node, HashSet<string> kept)
    {
        static bool Dangling(JsonNode? value, HashSet<string> kept) =>
            value is JsonObject reference && reference["reference"]?.GetValue<string>() is { } target
            && target.StartsWith("urn:uuid:", StringComparison.Ordinal) && !kept.Contains(target);

        if (node is JsonObject obj)
        {
            foreach (var name in obj.Where(p => Dangling(p.Value, kept) || (p.Value is JsonArray a && a.Count > 0 && a.All(v => Dangling(v, kept))))
                .Select(p => p.Key).ToList())
            {
                obj.Remove(name);
            }

            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList())
            {
                DropDanglingReferences(child, kept);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>().ToList())
            {
                DropDanglingReferences(item, kept);
            }
        }
    }

    /// <summary>The rule id the detail text names ("… (rule duplicate.same-ingredient.naproxen, drug knowledge base …").</summary>
    private static string RuleOf(string detail)
    {
        var start = detail.LastIndexOf("(rule ", StringComparison.Ordinal);
        var end = start < 0 ? -1 : detail.IndexOf(',', start);
        return start < 0 || end < 0 ? "?" : detail[(start + 6)..end];
    }

    private static string Per100(int count, int orders) => (100.0 * count / orders).ToString("F1", CultureInfo.InvariantCulture);
}
