using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// Every DiagnosticReport of the open Synthea corpus (../shared/data/synthea) interprets through
/// <c>POST DiagnosticReport/{id}/$interpret</c> with no error: HTTP 200 and no error issue. With
/// <c>FHIRAI_INTERPRETATION_STATS=path</c> the counts behind docs/interpretation.md are written to that file.
/// </summary>
[TestClass]
public sealed class SyntheaInterpretTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public async Task Every_synthea_report_interprets_with_no_error()
    {
        await using var host = await FhirServerHost.StartAsync(StorageProvider.Sqlite);
        var client = host.Client;
        var reports = new List<string>();
        foreach (var file in Directory.GetFiles(SharedData.SyntheaBundles, "*.json").Order(StringComparer.Ordinal))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.BaseAddress!.ToString().TrimEnd('/')) { Content = FhirJson.Content(await File.ReadAllTextAsync(file)) };
            request.Headers.Add("Prefer", "return=minimal");
            using var response = await client.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Path.GetFileName(file));
            using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            reports.AddRange(result.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("response").GetProperty("location").GetString()!.Split("/_history")[0])
                .Where(l => l.StartsWith("DiagnosticReport/", StringComparison.Ordinal)));
        }

        Assert.IsGreaterThanOrEqualTo(200, reports.Count, "the corpus holds 254 DiagnosticReports");
        var stats = new CorpusStats();
        var errors = new List<string>();
        foreach (var report in reports)
        {
            using var response = await client.PostAsync($"{report}/$interpret", null);
            var body = await FhirJson.ReadObjectAsync(response);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors.Add($"{report}: {(int)response.StatusCode} {body.ToJsonString()[..Math.Min(500, body.ToJsonString().Length)]}");
                continue;
            }

            errors.AddRange(stats.Add(report, body));
        }

        if (Environment.GetEnvironmentVariable("FHIRAI_INTERPRETATION_STATS") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, stats.Markdown());
        }

        Assert.IsEmpty(errors, string.Join("\n", errors.Take(20)));
        Assert.AreEqual(reports.Count, stats.Reports);
        Assert.IsGreaterThan(0, stats.Flags.GetValueOrDefault("N"), "normal results are flagged N");
        Assert.IsGreaterThan(0, stats.Flags.Keys.Count(k => k is "H" or "L"), "the corpus has abnormal results");
    }

    /// <summary>Counts of flags, result statuses, patterns and risk models over the corpus.</summary>
    private sealed class CorpusStats
    {
        public int Reports { get; private set; }

        public int Results { get; private set; }

        public SortedDictionary<string, int> Flags { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, int> NotInterpreted { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, int> Patterns { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, int> Models { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, int> ReportCodes { get; } = new(StringComparer.Ordinal);

        public int Deltas { get; private set; }

        public int DataRequested { get; private set; }

        public IEnumerable<string> Add(string report, JsonObject parameters)
        {
            Reports++;
            var errors = new List<string>();
            foreach (var parameter in parameters["parameter"]!.AsArray())
            {
                var name = parameter!["name"]!.GetValue<string>();
                var resource = parameter["resource"] as JsonObject;
                switch (name)
                {
                    case "report":
                        var code = resource!["code"]?["coding"]?[0]?["display"]?.GetValue<string>() ?? "?";
                        Count(ReportCodes, code);
                        break;
                    case "result":
                        Results++;
                        var codes = resource!["interpretation"]?.AsArray().Select(c => c!["coding"]![0]!["code"]!.GetValue<string>()).ToList() ?? [];
                        if (codes.Count == 0)
                        {
                            var note = resource["note"]?.AsArray().LastOrDefault()?["text"]?.GetValue<string>() ?? string.Empty;
                            var start = note.IndexOf("not interpreted (", StringComparison.Ordinal);
                            var display = resource["code"]?["coding"]?[0]?["display"]?.GetValue<string>() ?? "?";
                            Count(NotInterpreted, (start < 0 ? "no note" : note[(start + 17)..note.IndexOf(')', start)]) + ": " + display);
                        }

                        foreach (var flag in codes)
                        {
                            Count(Flags, flag);
                        }

                        if (resource["note"]?.AsArray().Any(n => n!["text"]!.GetValue<string>().Contains("Change since the previous result", StringComparison.Ordinal)) == true)
                        {
                            Deltas++;
                        }

                        break;
                    case "finding":
                        Count(Patterns, parameter["part"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "rule")!["valueString"]!.GetValue<string>());
                        break;
                    case "riskAssessment":
                        Count(Models, resource!["method"]!["coding"]![0]!["code"]!.GetValue<string>());
                        break;
                    case "guidance":
                        if (resource!["status"]!.GetValue<string>() == "data-requested")
                        {
                            DataRequested++;
                        }

                        var problems = resource["contained"]?.AsArray().SelectMany(c => c!["issue"]!.AsArray()) ?? [];
                        errors.AddRange(problems.Where(i => i!["severity"]!.GetValue<string>() is "error" or "fatal").Select(i => $"{report}: {i!["diagnostics"]}"));
                        break;
                }
            }

            return errors;
        }

        public string Markdown()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Reports interpreted: {Reports} (errors: 0); results: {Results}; results with a delta against an earlier result: {Deltas}; GuidanceResponses with data-requested: {DataRequested}.");
            Table(text, "report (DiagnosticReport.code)", ReportCodes);
            Table(text, "flag (Observation.interpretation)", Flags);
            Table(text, "not interpreted because", NotInterpreted);
            Table(text, "pattern rule fired", Patterns);
            Table(text, "RiskAssessment (model)", Models);
            return text.ToString();
        }

        private static void Table(StringBuilder text, string heading, SortedDictionary<string, int> counts)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"| {heading} | count |").AppendLine("|---|---:|");
            foreach (var (key, value) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");
            }
        }

        private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
