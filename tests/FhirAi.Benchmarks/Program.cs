using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FhirAi.Benchmarks;

// "quick": a single timed pass without BenchmarkDotNet (sanity check and rough numbers).
if (args.Length > 0 && args[0] == "quick")
{
    var extraction = new SearchValueExtraction();
    extraction.Setup();
    extraction.ExtractAllSearchValues();
    var stopwatch = Stopwatch.StartNew();
    long allocated = GC.GetAllocatedBytesForCurrentThread();
    int values = 0;
    const int passes = 5;
    for (int i = 0; i < passes; i++)
    {
        values = extraction.ExtractAllSearchValues();
    }

    stopwatch.Stop();
    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
    double perSecond = extraction.ResourceCount * passes / stopwatch.Elapsed.TotalSeconds;
    Console.WriteLine($"{extraction.ResourceCount} resources, {extraction.ExpressionCount} evaluations per pass, {values} values");
    Console.WriteLine($"{perSecond:N0} resources/s, {allocated / (extraction.ResourceCount * passes):N0} bytes allocated per resource");
    extraction.Cleanup();
    return;
}

// "medreview-calls [n]": per-call Stopwatch percentiles of the medication review benchmark's two cases.
if (args.Length > 0 && args[0] == "medreview-calls")
{
    MedicationReviewBenchmark.PerCall(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000);
    return;
}

// In-process: no generated project to restore (this NuGet copy needs NoWarn NU1603 for BenchmarkDotNet).
// "dump <file>": every (resource, expression, values) as JSON lines, to cross-check against another engine.
if (args.Length > 1 && args[0] == "dump")
{
    var extraction = new SearchValueExtraction();
    extraction.Setup();
    extraction.Dump(args[1]);
    extraction.Cleanup();
    return;
}

// "profile": the most expensive search expressions over the corpus.
if (args.Length > 0 && args[0] == "profile")
{
    var extraction = new SearchValueExtraction();
    extraction.Setup();
    extraction.Profile();
    foreach (var (expression, time, evaluations) in extraction.Profile().Take(25))
    {
        Console.WriteLine($"{time.TotalMilliseconds,8:F1} ms {evaluations,7} x  {expression}");
    }

    extraction.Cleanup();
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short-InProcess"))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(SearchValueExtraction).Assembly).Run(args, config);
