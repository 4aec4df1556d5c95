using System.Globalization;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>Number formatting and the fixed phrases of result summaries, in English and Simplified Chinese.</summary>
internal static class LabText
{
    public static string Number(decimal value) =>
        decimal.Round(value, Math.Abs(value) >= 100 ? 1 : Math.Abs(value) >= 1 ? 2 : 3, MidpointRounding.AwayFromZero)
            .ToString("0.###", CultureInfo.InvariantCulture);

    public static string Signed(decimal value) => (value > 0 ? "+" : string.Empty) + Number(value);

    public static string Quantity(decimal value, string unit) => unit.Length == 0 ? Number(value) : $"{Number(value)} {unit}";

    public static string Range(AppliedRange range, string unit)
    {
        var text = (range.Low, range.High) switch
        {
            ({ } low, { } high) => $"{Number(low)}–{Number(high)}",
            ({ } low, null) => $"≥ {Number(low)}",
            (null, { } high) => $"≤ {Number(high)}",
            _ => "—",
        };
        return unit.Length == 0 ? text : $"{text} {unit}";
    }

    public static LocalizedText FlagWords(string flag) => flag switch
    {
        "N" => new("within the reference range", "在参考范围内"),
        "L" => new("low", "偏低"),
        "H" => new("high", "偏高"),
        "LL" => new("critically low", "危急偏低"),
        "HH" => new("critically high", "危急偏高"),
        "A" => new("abnormal", "异常"),
        "AA" => new("critically abnormal", "危急异常"),
        _ => new(flag, flag),
    };

    public static LocalizedText SourceWords(RangeSource source) => source == RangeSource.Observation
        ? new("the lab's own range", "检验科提供的范围")
        : new("knowledge-base default", "知识库默认范围");

    public static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
