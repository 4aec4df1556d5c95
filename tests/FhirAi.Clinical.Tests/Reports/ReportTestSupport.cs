using System.Text.Json;
using System.Text.Json.Nodes;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Medications;
using FhirAi.Clinical.Reports;
using FhirAi.Inference;

namespace FhirAi.Clinical.Tests.Reports;

/// <summary>A clock fixed at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Runs the in-process interpreter on fixture resources and reads its outputs.</summary>
internal static class ReportTestSupport
{
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly LabKnowledgeBase Knowledge = LabKnowledgeBase.LoadEmbedded();

    private static readonly DrugKnowledgeBase Drugs = DrugKnowledgeBase.LoadEmbedded();

    /// <summary>The interpreter as the server registers it (with the drug knowledge base), or without it.</summary>
    public static ReportInterpreter Interpreter(ModelRegistry? registry = null, bool withDrugKnowledge = true) =>
        new(new LabInterpreter(Knowledge), Knowledge, registry ?? TestModels.Registry, new FixedTime(Now), withDrugKnowledge ? Drugs : null);

    public static InterpretationResult Interpret(
        JsonObject report, IEnumerable<JsonObject> results, JsonObject? patient, IEnumerable<JsonObject>? history = null,
        OutputLanguage language = OutputLanguage.English, ModelRegistry? registry = null) =>
        Interpreter(registry).Interpret(new InterpretationRequest
        {
            Report = Record(report),
            Results = [.. results.Select(Record)],
            Patient = patient is null ? null : Record(patient),
            History = [.. (history ?? []).Select(Record)],
            Language = language,
        });

    public static RecordResource Record(JsonObject resource) =>
        new($"{resource["resourceType"]}/{resource["id"]}", JsonSerializer.SerializeToElement(resource));

    public static IEnumerable<JsonObject> Outputs(InterpretationResult result, string name) =>
        result.Parameters["parameter"]!.AsArray().Where(p => p!["name"]!.GetValue<string>() == name).Select(p => p!["resource"]!.AsObject());

    public static JsonObject Output(InterpretationResult result, string name) => Outputs(result, name).Single();

    public static string Text(InterpretationResult result, string name) =>
        result.Parameters["parameter"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["valueString"]!.GetValue<string>();

    public static IEnumerable<string> InterpretationCodes(JsonObject observation) =>
        observation["interpretation"]?.AsArray().Select(c => c!["coding"]![0]!["code"]!.GetValue<string>()) ?? [];
}
