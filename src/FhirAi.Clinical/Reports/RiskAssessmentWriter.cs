using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Models;
using FhirAi.Fhir.Json;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// One RiskAssessment per model run: <c>method.coding.code</c> = the model id; <c>prediction.probabilityDecimal</c> is
/// the model's result as a fraction 0–1 (said in <c>prediction.rationale</c>) when the output unit is "1"; models with
/// another output (eGFR, an index) give the value and unit in the rationale and no probability. <c>basis</c> references
/// the report and every record entry an input came from; <c>when</c> is the horizon read from the model card ("10-year").
/// </summary>
internal static partial class RiskAssessmentWriter
{
    public static JsonObject Write(string id, RiskRun run, string subject, string report, DateTimeOffset asOf, DateTimeOffset now, OutputLanguage language)
    {
        var model = run.Model;
        var output = model.Outputs.First(o => o.Name == "result");
        var value = run.Outputs["result"];
        var years = HorizonYears(output.Description) ?? HorizonYears(model.Description) ?? HorizonYears(model.Title);
        var prediction = new JsonObject
        {
            ["outcome"] = new JsonObject { ["text"] = output.Description ?? model.Description ?? model.Title },
        };
        string rationale;
        var probability = IsProbability(output);
        if (probability)
        {
            prediction["probabilityDecimal"] = Math.Round(value, 6);
            rationale = language == OutputLanguage.SimplifiedChinese
                ? "probabilityDecimal 为 0–1 的比例（不是百分比）。"
                : "probabilityDecimal is a fraction from 0 to 1 (not a percentage).";
        }
        else
        {
            rationale = language == OutputLanguage.SimplifiedChinese
                ? string.Create(CultureInfo.InvariantCulture, $"模型输出为 {InterpretationTexts.Number(value)} {output.Unit}，不是概率。")
                : string.Create(CultureInfo.InvariantCulture, $"The model's result is {InterpretationTexts.Number(value)} {output.Unit}, not a probability.");
        }

        var inputs = string.Join("; ", run.Inputs.Select(i => i.Note is null ? $"{i.Name} = {i.Value}" : $"{i.Name} = {i.Value} ({i.Note})"));
        prediction["rationale"] = $"{InterpretationTexts.Risk(run, value, output.Unit, years, probability).For(language)} {rationale} Inputs: {inputs}.";
        if (years is { } y)
        {
            prediction["whenPeriod"] = new JsonObject
            {
                ["start"] = ResourceStamper.FormatInstant(asOf),
                ["end"] = ResourceStamper.FormatInstant(asOf.AddYears(y)),
            };
        }

        var basis = new JsonArray(InterpretationCodes.Reference(report));
        foreach (var source in run.Inputs.SelectMany(i => i.Sources).Where(s => s != report).Distinct(StringComparer.Ordinal))
        {
            basis.Add(InterpretationCodes.Reference(source));
        }

        var citations = string.Join(" ", model.Citations.Select(c => c.Doi is { } doi && !c.Text.Contains(doi, StringComparison.OrdinalIgnoreCase) ? $"{c.Text} doi:{doi}" : c.Text));
        return new JsonObject
        {
            ["resourceType"] = "RiskAssessment",
            ["id"] = id,
            ["language"] = OutputLanguages.Tag(language),
            ["status"] = "final",
            ["method"] = InterpretationCodes.Concept(InterpretationCodes.ModelSystem, model.Id, model.Title, $"{model.Id} {model.Version}"),
            ["subject"] = InterpretationCodes.Reference(subject),
            ["occurrenceDateTime"] = ResourceStamper.FormatInstant(now),
            ["reasonReference"] = new JsonArray(InterpretationCodes.Reference(report)),
            ["basis"] = basis,
            ["prediction"] = new JsonArray(prediction),
            ["note"] = new JsonArray(
                InterpretationCodes.Note(InterpretationTexts.DecisionSupport.For(language)),
                InterpretationCodes.Note($"Model {ModelLibraryWriter.CanonicalUrl(model.Id)}|{model.Version}. Intended use: {model.IntendedUse} Source: {citations}")),
        };
    }

    /// <summary>A risk output: unit "1" and described as a fraction (FIB-4 also has unit "1" but is an index).</summary>
    internal static bool IsProbability(FhirAi.Inference.ModelOutput output) =>
        output.Unit == "1" && output.Description?.Contains("fraction", StringComparison.OrdinalIgnoreCase) == true;

    internal static int? HorizonYears(string? text) =>
        text is not null && Horizon().Match(text) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("([0-9]{1,2})-year")]
    private static partial Regex Horizon();
}
