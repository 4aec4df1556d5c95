using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.MedicationReviewFhir;
using FhirAi.Clinical.Medications;
using Perfolizer.Mathematics.OutlierDetection;

namespace FhirAi.Benchmarks;

/// <summary>
/// Medication review of one proposed order (ibuprofen 400 mg three times a day) against a 10-drug current list,
/// a penicillin allergy and an eGFR, for a 72-year-old: <see cref="Review"/> is the rule engine alone on
/// extracted input; <see cref="ExtractReviewWrite"/> is what <c>$interpret</c> does in process besides HTTP and the
/// store: FHIR JSON → entries, the review, DetectedIssue/Provenance output and its serialised bytes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[Outliers(OutlierMode.DontRemove)]
[WarmupCount(3)]
[IterationCount(30)]
[IterationTime(100)]
public class MedicationReviewBenchmark
{
    // RxNorm ingredient RXCUIs of a common 10-drug list (lisinopril, metformin, atorvastatin, amlodipine, omeprazole,
    // sertraline, levothyroxine, hydrochlorothiazide, aspirin, warfarin).
    private static readonly (string Code, string Name)[] CurrentList =
    [
        ("29046", "lisinopril"), ("6809", "metformin"), ("83367", "atorvastatin"), ("17767", "amlodipine"), ("7646", "omeprazole"),
        ("36437", "sertraline"), ("10582", "levothyroxine"), ("5487", "hydrochlorothiazide"), ("1191", "aspirin"), ("11289", "warfarin"),
    ];

    private MedicationReviewer _reviewer = null!;
    private MedicationReviewInput _input = null!;
    private JsonDocument _record = null!;
    private readonly DateTimeOffset _now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _reviewer = new MedicationReviewer(DrugKnowledgeBase.LoadEmbedded());
        _record = JsonDocument.Parse(RecordJson());
        _input = Extract().Input;
        var findings = _reviewer.Review(_input).Findings.Count;
        if (findings == 0)
        {
            throw new InvalidOperationException("The benchmark case should produce findings (ibuprofen with warfarin, aspirin, SSRI; age 72).");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _record.Dispose();

    [Benchmark]
    public int Review() => _reviewer.Review(_input).Findings.Count;

    [Benchmark]
    public int ExtractReviewWrite()
    {
        var context = Extract();
        var review = _reviewer.Review(context.Input);
        var ids = 0;
        var outputs = MedicationReviewWriter.Build(review, context, new ReviewOutputSettings(OutputLanguage.English, _now, "bench", () => "id" + (++ids).ToString(CultureInfo.InvariantCulture)));
        return JsonSerializer.SerializeToUtf8Bytes(MedicationReviewWriter.ToParameters(outputs)).Length;
    }

    /// <summary>Per-call percentiles with a Stopwatch (BenchmarkDotNet's are over iteration means).</summary>
    public static void PerCall(int calls)
    {
        var bench = new MedicationReviewBenchmark();
        bench.Setup();
        foreach (var (name, run) in new (string, Func<int>)[] { ("Review", bench.Review), ("ExtractReviewWrite", bench.ExtractReviewWrite) })
        {
            for (var i = 0; i < 500; i++)
            {
                run();
            }

            var times = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                run();
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            double P(double q) => times[(int)Math.Min(times.Length - 1, Math.Ceiling(q * times.Length) - 1)];
            Console.WriteLine(FormattableString.Invariant($"{name}: {calls} calls, p50 {P(0.50):F4} ms, p95 {P(0.95):F4} ms, p99 {P(0.99):F4} ms, max {times[^1]:F3} ms"));
        }

        bench.Cleanup();
    }

    private MedicationReviewContext Extract()
    {
        var root = _record.RootElement;
        var patient = ReviewPatient.Read(root.GetProperty("patient"), "Patient/p", _now);
        var current = root.GetProperty("current").EnumerateArray()
            .Select((order, i) => MedicationEntryReader.Read(order, "MedicationRequest/c" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var input = new MedicationReviewInput
        {
            Proposed = [MedicationEntryReader.Read(root.GetProperty("proposed"), "MedicationRequest/new")],
            Current = current,
            Allergies = [AllergyEntryReader.Read(root.GetProperty("allergy"), "AllergyIntolerance/a")!],
            Renal = RenalLabReader.Latest([new RenalLabReader.Candidate(root.GetProperty("egfr"), "Observation/egfr")], patient),
            AgeYears = patient.AgeYears,
        };
        return new MedicationReviewContext(patient, input);
    }

    private static string RecordJson()
    {
        static JsonObject Order(string code, string name, decimal mg, int perDay) => new()
        {
            ["resourceType"] = "MedicationRequest",
            ["status"] = "active",
            ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = code, ["display"] = name }),
            },
            ["subject"] = new JsonObject { ["reference"] = "Patient/p" },
            ["dosageInstruction"] = new JsonArray(new JsonObject
            {
                ["timing"] = new JsonObject { ["repeat"] = new JsonObject { ["frequency"] = perDay, ["period"] = 1, ["periodUnit"] = "d" } },
                ["doseAndRate"] = new JsonArray(new JsonObject
                {
                    ["doseQuantity"] = new JsonObject { ["value"] = mg, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" },
                }),
            }),
        };

        return new JsonObject
        {
            ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["gender"] = "female", ["birthDate"] = "1954-03-02" },
            ["proposed"] = Order("5640", "ibuprofen", 400m, 3),
            ["current"] = new JsonArray([.. CurrentList.Select(d => (JsonNode)Order(d.Code, d.Name, 10m, 1))]),
            ["allergy"] = JsonNode.Parse("""
                {"resourceType":"AllergyIntolerance","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"91936005","display":"Allergy to penicillin"}]},"patient":{"reference":"Patient/p"}}
                """),
            ["egfr"] = JsonNode.Parse("""
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"33914-3"}]},"effectiveDateTime":"2026-10-01",
                 "valueQuantity":{"value":48,"system":"http://unitsofmeasure.org","code":"mL/min/{1.73_m2}"}}
                """),
        }.ToJsonString();
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
    }
}
