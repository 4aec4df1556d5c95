using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Reports;
using FhirAi.Inference;
using Perfolizer.Mathematics.OutlierDetection;

namespace FhirAi.Benchmarks;

/// <summary>
/// <c>DiagnosticReport/$interpret</c> in-process on the 20-result panel of tests/load/interpret-panel.json (CBC, BMP,
/// lipids; a patient with 20 earlier results, a blood pressure, smoking status and an antihypertensive): extraction,
/// the lab rules, every applicable risk model through ONNX Runtime, the output resources, and their UTF-8 JSON.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
[Outliers(OutlierMode.DontRemove)]
[WarmupCount(3)]
[IterationCount(30)]
[IterationTime(200)]
public class ReportInterpretation
{
    private ReportInterpreter _interpreter = null!;
    private InterpretationRequest _request = null!;
    private OnnxRuntime _runtime = null!;
    private ModelRegistry _registry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = OnnxRuntime.Create();
        if (!_runtime.IsAvailable)
        {
            throw new InvalidOperationException($"ONNX Runtime is unavailable: {_runtime.Availability.Reason}");
        }

        _registry = ModelRegistry.Create(_runtime);
        var knowledge = LabKnowledgeBase.LoadEmbedded();
        _interpreter = new ReportInterpreter(new LabInterpreter(knowledge), knowledge, _registry, TimeProvider.System);
        _request = LoadPanel(Path.Combine(AppContext.BaseDirectory, "interpret-panel.json"));
        var result = _interpreter.Interpret(_request);
        if (result.Labs.Results.Count != 20 || !result.Risks.Any(r => r.Model.Id == "pce2013" && r.Status == RiskRunStatus.Ran))
        {
            throw new InvalidOperationException("The panel did not interpret as expected (20 results, pce2013 run).");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registry.Dispose();
        _runtime.Dispose();
    }

    /// <summary>One $interpret without HTTP and storage: the output Parameters serialised to UTF-8.</summary>
    [Benchmark]
    public byte[] Interpret20ResultPanel() => JsonSerializer.SerializeToUtf8Bytes(_interpreter.Interpret(_request).Parameters);

    /// <summary>Per-call percentiles over <paramref name="calls"/> single calls (BenchmarkDotNet's are over iteration means).</summary>
    public static void PerCall(int calls)
    {
        var benchmark = new ReportInterpretation();
        benchmark.Setup();
        for (var i = 0; i < 200; i++)
        {
            benchmark.Interpret20ResultPanel();
        }

        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            benchmark.Interpret20ResultPanel();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        double At(double p) => times[Math.Min(calls - 1, (int)Math.Ceiling(p / 100 * calls) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"$interpret in-process, 20-result panel, {calls} calls: p50 {At(50):F3} ms, p95 {At(95):F3} ms, p99 {At(99):F3} ms, max {times[^1]:F3} ms, mean {times.Average():F3} ms"));
        benchmark.Cleanup();
    }

    private static InterpretationRequest LoadPanel(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var parameters = document.RootElement.GetProperty("parameter").EnumerateArray().ToList();
        RecordResource Record(JsonElement p)
        {
            var resource = p.GetProperty("resource").Clone();
            return new RecordResource($"{resource.GetProperty("resourceType").GetString()}/{resource.GetProperty("id").GetString()}", resource);
        }

        return new InterpretationRequest
        {
            Report = Record(parameters.Single(p => p.GetProperty("name").GetString() == "report")),
            Results = [.. parameters.Where(p => p.GetProperty("name").GetString() == "result").Select(Record)],
            Patient = Record(parameters.Single(p => p.GetProperty("name").GetString() == "patient")),
            History = [.. parameters.Where(p => p.GetProperty("name").GetString() == "history").Select(Record)],
            Language = OutputLanguage.English,
        };
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.P100, StatisticColumn.OperationsPerSecond);
    }
}
