using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Interprets one result: finds its test, normalises the unit, picks the range (the Observation's own wins), flags it
/// (critical limits are inclusive: a value at or beyond a Kost limit is LL/HH) and computes the delta against the previous
/// result of the same test. Bad data yields a status, never an exception and never a guess.
/// </summary>
internal static class ResultInterpreter
{
    public static ResultInterpretation Interpret(LabKnowledgeBase knowledge, LabResult result, PatientFacts patient, LabResult? previous)
    {
        if (result.Loinc is not { Length: > 0 } loinc || knowledge.Find(loinc) is not { } test)
        {
            return NotInterpreted(result, null, ResultStatus.UnknownTest, result.Loinc is { Length: > 0 } code
                ? new($"Not interpreted: LOINC {LabText.Clip(code)} is not in the lab knowledge base.", $"未解读：实验室知识库中没有 LOINC {LabText.Clip(code)}。")
                : new("Not interpreted: the result has no LOINC code.", "未解读：该结果没有 LOINC 编码。"));
        }

        return test.Scale == ResultScale.Qualitative ? Qualitative(test, result) : Quantitative(test, result, patient, previous, knowledge);
    }

    private static ResultInterpretation Qualitative(LabTest test, LabResult result)
    {
        if (result.CodedValue is not { } coded)
        {
            return result.Value is null && string.IsNullOrWhiteSpace(result.ValueText)
                ? NotInterpreted(result, test, ResultStatus.MissingValue, new($"{test.Name.English}: not interpreted, the result has no value.", $"{test.Name.SimplifiedChinese}：未解读，结果没有数值。"))
                : NotInterpreted(result, test, ResultStatus.NonNumeric, new($"{test.Name.English}: not interpreted, a coded result was expected.", $"{test.Name.SimplifiedChinese}：未解读，应为编码结果。"));
        }

        string? flag = Matches(test.CriticalCodes, coded) ? "AA" : Matches(test.AbnormalCodes, coded) ? "A" : Matches(test.NormalCodes, coded) ? "N" : null;
        if (flag is null)
        {
            var code = LabText.Clip($"{coded.System}|{coded.Code}");
            return NotInterpreted(result, test, ResultStatus.NonNumeric, new(
                $"{test.Name.English}: not interpreted, the coded value {code} is not a known result of this test.",
                $"{test.Name.SimplifiedChinese}：未解读，编码值 {code} 不是该检验的已知结果。"));
        }

        var words = LabText.FlagWords(flag);
        var shown = coded.Display ?? coded.Code;
        return new ResultInterpretation
        {
            Result = result,
            Status = ResultStatus.Interpreted,
            Flag = flag,
            CanonicalUnit = test.CanonicalUnit,
            Test = test,
            Summary = new($"{test.Name.English}: {LabText.Clip(shown)} — {words.English} ({flag}).", $"{test.Name.SimplifiedChinese}：{LabText.Clip(shown)} — {words.SimplifiedChinese}（{flag}）。"),
        };
    }

    private static ResultInterpretation Quantitative(LabTest test, LabResult result, PatientFacts patient, LabResult? previous, LabKnowledgeBase knowledge)
    {
        if (result.Value is not { } raw)
        {
            return result.CodedValue is null && string.IsNullOrWhiteSpace(result.ValueText)
                ? NotInterpreted(result, test, ResultStatus.MissingValue, new($"{test.Name.English}: not interpreted, the result has no value.", $"{test.Name.SimplifiedChinese}：未解读，结果没有数值。"))
                : NotInterpreted(result, test, ResultStatus.NonNumeric, new(
                    $"{test.Name.English}: not interpreted, the value '{LabText.Clip(result.ValueText ?? result.CodedValue?.Code ?? string.Empty)}' is not a number.",
                    $"{test.Name.SimplifiedChinese}：未解读，结果“{LabText.Clip(result.ValueText ?? result.CodedValue?.Code ?? string.Empty)}”不是数值。"));
        }

        if (LabUnits.ToCanonical(test, raw, result.Unit) is not { } value)
        {
            var unit = LabText.Clip(result.Unit ?? "(none)");
            return NotInterpreted(result, test, ResultStatus.UnknownUnit, new(
                $"{test.Name.English}: not interpreted, the unit '{unit}' cannot be converted to {test.CanonicalUnit}.",
                $"{test.Name.SimplifiedChinese}：未解读，单位“{unit}”无法换算为 {test.CanonicalUnit}。"));
        }

        var range = RangeSelector.Select(test, result, patient);
        var flag = Flag(test, value, range);
        var delta = Delta(test, value, previous, knowledge);
        var quantity = LabText.Quantity(value, test.CanonicalUnit);
        LocalizedText summary;
        if (flag is null)
        {
            summary = new(
                $"{test.Name.English} {quantity}: no reference range applies (none from the lab or the knowledge base), so it is not flagged.",
                $"{test.Name.SimplifiedChinese} {quantity}：没有可用的参考范围（检验科和知识库均无），因此未标记。");
        }
        else
        {
            var words = LabText.FlagWords(flag);
            var rangeText = range is null ? null : LabText.Range(range, test.CanonicalUnit);
            var source = range is null ? null : LabText.SourceWords(range.Source);
            summary = new(
                $"{test.Name.English} {quantity} — {words.English} ({flag})" + (range is null ? "; judged by the critical limit only." : $"; reference {rangeText} ({source!.English})."),
                $"{test.Name.SimplifiedChinese} {quantity} — {words.SimplifiedChinese}（{flag}）" + (range is null ? "；仅按危急值判断。" : $"；参考范围 {rangeText}（{source!.SimplifiedChinese}）。"));
        }

        if (delta is not null)
        {
            var change = LabText.Signed(delta.Change) + (test.CanonicalUnit.Length == 0 ? string.Empty : " " + test.CanonicalUnit);
            var percent = delta.PercentChange is { } p ? $" ({LabText.Signed(p)}%)" : string.Empty;
            var percentZh = delta.PercentChange is { } pz ? $"（{LabText.Signed(pz)}%）" : string.Empty;
            var (en, zh) = delta.Threshold is null
                ? ("no significance threshold is known", "知识库无显著性阈值")
                : delta.Significant ? ("a significant change", "有显著变化") : ("not a significant change", "无显著变化");
            summary = new($"{summary.English} Since the previous result: {change}{percent}, {en}.", $"{summary.SimplifiedChinese}较上次：{change}{percentZh}，{zh}。");
        }

        return new ResultInterpretation
        {
            Result = result,
            Status = flag is null ? ResultStatus.NoReferenceRange : ResultStatus.Interpreted,
            Flag = flag,
            Value = value,
            CanonicalUnit = test.CanonicalUnit,
            Range = range,
            Delta = delta,
            Test = test,
            Summary = summary,
        };
    }

    /// <summary>LL/HH at or beyond a critical limit; otherwise L/H strictly outside the (inclusive) range; N inside; null without a range.</summary>
    internal static string? Flag(LabTest test, decimal value, AppliedRange? range)
    {
        if (test.Critical?.Low is { } criticalLow && value <= criticalLow)
        {
            return "LL";
        }

        if (test.Critical?.High is { } criticalHigh && value >= criticalHigh)
        {
            return "HH";
        }

        if (range is null)
        {
            return null;
        }

        return range.Low is { } low && value < low ? "L" : range.High is { } high && value > high ? "H" : "N";
    }

    private static ResultDelta? Delta(LabTest test, decimal value, LabResult? previous, LabKnowledgeBase knowledge)
    {
        if (previous?.Value is not { } raw || previous.Loinc is null || !ReferenceEquals(knowledge.Find(previous.Loinc), test)
            || LabUnits.ToCanonical(test, raw, previous.Unit) is not { } before)
        {
            return null;
        }

        var change = value - before;
        decimal? percent = before == 0 ? null : change / Math.Abs(before) * 100m;
        var threshold = test.Delta;
        var significant = threshold is not null
            && ((threshold.Absolute is { } absolute && Math.Abs(change) >= absolute)
                || (threshold.Percent is { } pct && percent is { } p && Math.Abs(p) >= pct));
        var direction = change > 0 ? DeltaDirection.Up : change < 0 ? DeltaDirection.Down : DeltaDirection.Unchanged;
        return new ResultDelta(previous.Reference, before, previous.Effective, change, percent, significant, direction) { Threshold = threshold };
    }

    private static bool Matches(IReadOnlyList<CodedConcept> codes, CodedConcept value) =>
        codes.Any(c => string.Equals(c.System, value.System, StringComparison.Ordinal) && string.Equals(c.Code, value.Code, StringComparison.Ordinal));

    private static ResultInterpretation NotInterpreted(LabResult result, LabTest? test, ResultStatus status, LocalizedText summary) => new()
    {
        Result = result,
        Status = status,
        CanonicalUnit = test?.CanonicalUnit,
        Test = test,
        Summary = summary,
    };
}
