using System.Globalization;
using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Labs;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// Observation JSON → <see cref="LabResult"/>: valueQuantity (UCUM code, else unit), valueCodeableConcept, valueString,
/// valueInteger, the first referenceRange, effective[x]. Tolerant: whatever is malformed becomes an issue naming the
/// element, and the result carries what could be read; it never throws for bad data.
/// </summary>
public static class ObservationExtractor
{
    /// <summary>The result the Observation itself reports (null only when it is not an Observation object at all).</summary>
    public static LabResult? Extract(string reference, JsonElement observation, string expression, ICollection<OutcomeIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (observation.ValueKind != JsonValueKind.Object || FhirJson.String(observation, "resourceType") != "Observation")
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.Structure, $"{reference} is not an Observation; it was not interpreted.", expression));
            return null;
        }

        var code = FhirJson.Property(observation, "code");
        var loinc = FhirJson.Code(code, FhirJson.Loinc);
        if (loinc is null)
        {
            issues.Add(OutcomeIssue.Information(IssueCodes.CodeInvalid, $"{reference} has no LOINC code; it is reported as an unknown test.", expression + ".code"));
        }

        var display = (code is { } c ? FhirJson.String(c, "text") : null)
            ?? FhirJson.Codings(code).FirstOrDefault(x => x.System == FhirJson.Loinc).Display;
        return Read(reference, observation, loinc, display, expression, issues);
    }

    /// <summary>Each component with a LOINC code and a value (e.g. systolic 8480-6 of a blood-pressure panel), as its own result.</summary>
    public static IEnumerable<LabResult> Components(string reference, JsonElement observation)
    {
        var effective = FhirJson.Effective(observation);
        var index = 0;
        foreach (var component in FhirJson.Array(observation, "component"))
        {
            var expression = $"Observation.component[{index++}]";
            var code = FhirJson.Property(component, "code");
            var loinc = FhirJson.Code(code, FhirJson.Loinc);
            if (loinc is null)
            {
                continue;
            }

            var ignored = new List<OutcomeIssue>();
            var result = Read(reference, component, loinc, code is { } c ? FhirJson.String(c, "text") : null, expression, ignored) with { Effective = effective };
            if (result.Value is not null || result.CodedValue is not null)
            {
                yield return result;
            }
        }
    }

    private static LabResult Read(string reference, JsonElement element, string? loinc, string? display, string expression, ICollection<OutcomeIssue> issues)
    {
        decimal? value = null;
        string? unit = null;
        string? text = null;
        CodedConcept? coded = null;
        if (FhirJson.Property(element, "valueQuantity") is { } quantity)
        {
            var number = FhirJson.Decimal(quantity, "value");
            unit = FhirJson.String(quantity, "code") ?? FhirJson.String(quantity, "unit");
            var system = FhirJson.String(quantity, "system");
            if (FhirJson.Property(quantity, "value") is { } raw && number is null)
            {
                issues.Add(OutcomeIssue.Warning(IssueCodes.Value, $"{reference}: valueQuantity.value is not a number ({raw.ValueKind}).", expression + ".valueQuantity.value"));
            }

            if (system is not null && system != FhirJson.Ucum)
            {
                issues.Add(OutcomeIssue.Information(IssueCodes.Value, $"{reference}: the unit is not UCUM ({system}); it is used only if it matches a known UCUM unit.", expression + ".valueQuantity.system"));
            }

            if (FhirJson.String(quantity, "comparator") is { } comparator && number is { } censored)
            {
                // A censored value ("<0.01") is not the number itself: reported as text, never compared as if exact.
                text = comparator + censored.ToString(CultureInfo.InvariantCulture) + (unit is null ? string.Empty : " " + unit);
            }
            else
            {
                value = number;
            }
        }
        else if (FhirJson.Property(element, "valueCodeableConcept") is { } concept)
        {
            var first = FhirJson.Codings(concept).FirstOrDefault(x => x.System is not null && x.Code is not null);
            coded = first.Code is null ? null : new CodedConcept(first.System!, first.Code.Trim(), first.Display);
            text = FhirJson.String(concept, "text") ?? first.Display;
        }
        else if (FhirJson.String(element, "valueString") is { } valueString)
        {
            text = valueString;
        }
        else if (FhirJson.Property(element, "valueInteger") is { ValueKind: JsonValueKind.Number } integer && integer.TryGetDecimal(out var whole))
        {
            value = whole;
        }
        else if (FhirJson.Property(element, "valueBoolean") is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag)
        {
            text = flag.ValueKind == JsonValueKind.True ? "true" : "false";
        }

        return new LabResult
        {
            Reference = reference,
            Loinc = loinc,
            Display = display,
            Value = value,
            Unit = unit,
            CodedValue = coded,
            ValueText = text,
            Range = Range(element),
            Effective = FhirJson.Effective(element),
        };
    }

    private static ObservedRange? Range(JsonElement element)
    {
        var range = FhirJson.Array(element, "referenceRange").FirstOrDefault();
        if (range.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var low = FhirJson.Property(range, "low");
        var high = FhirJson.Property(range, "high");
        var lowValue = low is { } l ? FhirJson.Decimal(l, "value") : null;
        var highValue = high is { } h ? FhirJson.Decimal(h, "value") : null;
        if (lowValue is null && highValue is null)
        {
            return null;
        }

        var unit = (low is { } lu ? FhirJson.String(lu, "code") ?? FhirJson.String(lu, "unit") : null)
            ?? (high is { } hu ? FhirJson.String(hu, "code") ?? FhirJson.String(hu, "unit") : null);
        return new ObservedRange(lowValue, highValue, unit);
    }
}
