using System.Net;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>
/// A server whose ONNX Runtime library is missing (an explicit path to a file that does not exist, no system
/// search) still serves FHIR, and reports the inference capability as unavailable, with the reason and the fix,
/// in /health, the CapabilityStatement and a 503 OperationOutcome from $evaluate.
/// </summary>
[TestClass]
public sealed class InferenceUnavailableTests
{
    private static FhirServerHost? _host;

    private static HttpClient Client => _host?.Client ?? throw new InvalidOperationException("Class not initialized.");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        var missing = Path.Combine(Path.GetTempPath(), "fhirai-no-ort-" + Guid.NewGuid().ToString("N"), "libonnxruntime.so.1");
        _host = await FhirServerHost.StartAsync(StorageProvider.Sqlite,
            "--FhirAi:Inference:LibraryPath", missing, "--FhirAi:Inference:SearchSystemPaths", "false");
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task FHIR_is_still_served()
    {
        using var created = await Client.PostAsync("Patient", FhirJson.Content("""{"resourceType":"Patient","gender":"female"}"""));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        var id = (await FhirJson.ReadObjectAsync(created))["id"]!.GetValue<string>();
        using var read = await Client.GetAsync($"Patient/{id}");
        Assert.AreEqual(HttpStatusCode.OK, read.StatusCode);
    }

    [TestMethod]
    public async Task Interpret_still_answers_without_risk_models_and_says_why()
    {
        var (patient, report, results, history) = FhirAi.Tests.Shared.ReportFixtures.GoffTableA("no-ort", "male", "white");
        var parameters = FhirAi.Tests.Shared.ReportFixtures.Parameters(report, results, patient, history);
        using var response = await Client.PostAsync("DiagnosticReport/$interpret", FhirJson.Content(parameters));
        var body = await FhirJson.ReadObjectAsync(response);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body.ToJsonString());
        var names = body["parameter"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        CollectionAssert.DoesNotContain(names, "riskAssessment");
        CollectionAssert.Contains(names, "provenance");
        StringAssert.Contains(body.ToJsonString(), "Risk models were not run: the inference runtime (ONNX Runtime) is unavailable");
    }

    [TestMethod]
    public async Task Health_says_unavailable_with_reason_and_fix()
    {
        using var response = await Client.GetAsync("../health");
        var health = await FhirJson.ReadObjectAsync(response);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("ok", health["status"]!.GetValue<string>());
        var inference = health["inference"]!;
        Assert.IsFalse(inference["available"]!.GetValue<bool>());
        StringAssert.Contains(inference["reason"]!.GetValue<string>(), "libonnxruntime.so.1");
        StringAssert.Contains(inference["fix"]!.GetValue<string>(), "dotnet build");
        Assert.AreEqual(ModelLibraryTests.BuiltInIds.Length, inference["models"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task Evaluate_answers_503_with_the_fix()
    {
        using var response = await EvaluateClient.PostAsync(Client, "qtc-bazett",
            EvaluateClient.Parameters(new Dictionary<string, object> { ["qt_ms"] = 330.0, ["hr_bpm"] = 113.0 }));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await FhirJson.OutcomeTextAsync(response);
        var diagnostics = (await FhirJson.ReadObjectAsync(response))["issue"]![0]!["diagnostics"]!.GetValue<string>();
        StringAssert.Contains(diagnostics, "unavailable");
        StringAssert.Contains(diagnostics, "Fix: run `dotnet build`");
        StringAssert.Contains(diagnostics, "FhirAi:Inference:LibraryPath");
    }

    [TestMethod]
    public async Task Models_are_still_described_and_the_CapabilityStatement_says_why_they_cannot_run()
    {
        using var library = await Client.GetAsync("Library/qtc-bazett");
        Assert.AreEqual(HttpStatusCode.OK, library.StatusCode);

        using var metadata = await Client.GetAsync("metadata");
        var statement = await FhirJson.ReadObjectAsync(metadata);
        var evaluate = statement["rest"]![0]!["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Library")!["operation"]!
            .AsArray().Single(o => o!["name"]!.GetValue<string>() == "evaluate")!;
        var documentation = evaluate["documentation"]!.GetValue<string>();
        StringAssert.Contains(documentation, "Unavailable:");
        StringAssert.Contains(documentation, "Fix:");
    }
}
