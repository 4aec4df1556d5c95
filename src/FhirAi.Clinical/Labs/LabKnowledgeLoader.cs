using System.Globalization;
using System.Text.Json;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Reads lab-knowledge.json and enforces the rules of lab-knowledge.schema.json (shape, LOINC check digits, every fact
/// naming a known source) plus the cross-field rules a schema cannot say (ranges ordered, critical limits outside the
/// reference interval, codes unique across tests). Any breach throws <see cref="InvalidDataException"/> naming the path.
/// </summary>
internal static class LabKnowledgeLoader
{
    public const string ResourceName = "FhirAi.Clinical.Labs.lab-knowledge.json";
    public const string SchemaResourceName = "FhirAi.Clinical.Labs.lab-knowledge.schema.json";

    private const int MaxTests = 1000;

    public static LabKnowledgeBase Load(Stream stream)
    {
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
        return Read(document.RootElement);
    }

    public static LabKnowledgeBase Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "$");
        OnlyProperties(root, "$", "$schema", "version", "sources", "tests");
        var version = RequiredString(root, "version", "$");
        var sources = ReadSources(Required(root, "sources", "$"));
        var testsElement = Required(root, "tests", "$");
        Expect(testsElement, JsonValueKind.Array, "$.tests");
        if (testsElement.GetArrayLength() is 0 or > MaxTests)
        {
            throw Invalid("$.tests", $"must hold 1 to {MaxTests} tests");
        }

        var tests = new List<LabTest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in testsElement.EnumerateArray())
        {
            var path = $"$.tests[{index++}]";
            var test = ReadTest(element, path, sources);
            if (!ids.Add(test.Id))
            {
                throw Invalid(path, $"id '{test.Id}' is used twice");
            }

            foreach (var code in test.LoincCodes.Where(code => !codes.Add(code)))
            {
                throw Invalid(path, $"LOINC {code} belongs to two tests");
            }

            tests.Add(test);
        }

        return new LabKnowledgeBase(version, tests, sources);
    }

    /// <summary>LOINC's mod-10 check digit (the LOINC Users' Guide algorithm, equivalent to Luhn over the digits before the hyphen).</summary>
    public static bool HasValidCheckDigit(string loinc)
    {
        var hyphen = loinc.IndexOf('-', StringComparison.Ordinal);
        if (hyphen < 1 || hyphen != loinc.Length - 2 || !char.IsAsciiDigit(loinc[^1]) || !loinc[..hyphen].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = hyphen - 1; i >= 0; i--)
        {
            var digit = loinc[i] - '0';
            if ((hyphen - 1 - i) % 2 == 0)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10 == loinc[^1] - '0';
    }

    private static Dictionary<string, Citation> ReadSources(JsonElement element)
    {
        Expect(element, JsonValueKind.Object, "$.sources");
        var sources = new Dictionary<string, Citation>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var path = $"$.sources.{property.Name}";
            Expect(property.Value, JsonValueKind.Object, path);
            OnlyProperties(property.Value, path, "text", "url");
            var url = OptionalString(property.Value, "url", path);
            if (url is not null && !url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
            {
                throw Invalid(path + ".url", "must be an http(s) URL");
            }

            sources[property.Name] = new Citation(RequiredString(property.Value, "text", path), url);
        }

        return sources.Count == 0 ? throw Invalid("$.sources", "must name at least one source") : sources;
    }

    private static LabTest ReadTest(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "id", "loinc", "display", "name", "scale", "unit", "units", "reference", "critical", "delta", "abnormalCodes", "criticalCodes", "normalCodes", "source", "note");
        var id = RequiredString(element, "id", path);
        if (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw Invalid(path + ".id", "must be lower-case letters, digits and hyphens");
        }

        var loinc = Required(element, "loinc", path);
        Expect(loinc, JsonValueKind.Array, path + ".loinc");
        var codes = loinc.EnumerateArray().Select((c, i) => Text(c, $"{path}.loinc[{i}]")).ToList();
        if (codes.Count == 0)
        {
            throw Invalid(path + ".loinc", "must list at least one code");
        }

        foreach (var code in codes.Where(c => !HasValidCheckDigit(c)))
        {
            throw Invalid(path + ".loinc", $"'{code}' is not a LOINC code with a valid check digit");
        }

        var scaleText = RequiredString(element, "scale", path);
        var scale = scaleText switch
        {
            "quantitative" => ResultScale.Quantitative,
            "qualitative" => ResultScale.Qualitative,
            _ => throw Invalid(path + ".scale", "must be quantitative or qualitative"),
        };
        var unit = scale == ResultScale.Quantitative ? RequiredString(element, "unit", path) : OptionalString(element, "unit", path) ?? string.Empty;
        var units = ReadArray(element, "units", path, (e, p) => ReadUnit(e, p, sources));
        if (units.Any(u => u.Unit == unit) || units.Select(u => u.Unit).Distinct(StringComparer.Ordinal).Count() != units.Count)
        {
            throw Invalid(path + ".units", "lists a unit twice or repeats the canonical unit");
        }

        var reference = ReadArray(element, "reference", path, (e, p) => ReadInterval(e, p, sources));
        var critical = element.TryGetProperty("critical", out var c) ? ReadCritical(c, path + ".critical", sources) : null;
        var delta = element.TryGetProperty("delta", out var d) ? ReadDelta(d, path + ".delta", sources) : null;
        var abnormal = ReadArray(element, "abnormalCodes", path, ReadCode);
        var criticalCodes = ReadArray(element, "criticalCodes", path, ReadCode);
        var normal = ReadArray(element, "normalCodes", path, ReadCode);
        if (scale == ResultScale.Quantitative && abnormal.Count + criticalCodes.Count + normal.Count > 0)
        {
            throw Invalid(path, "a quantitative test has no coded results");
        }

        if (scale == ResultScale.Qualitative && (abnormal.Count + criticalCodes.Count == 0 || normal.Count == 0 || reference.Count > 0 || critical is not null || delta is not null || units.Count > 0))
        {
            throw Invalid(path, "a qualitative test needs abnormal and normal codes and no numeric ranges or units");
        }

        var keys = abnormal.Concat(criticalCodes).Concat(normal).Select(c => (c.System, c.Code)).ToList();
        if (keys.Distinct().Count() != keys.Count)
        {
            throw Invalid(path, "a code is listed as more than one of normal, abnormal and critical");
        }

        CheckCriticalOutsideReference(critical, reference, path);
        _ = OptionalString(element, "note", path);
        return new LabTest
        {
            Id = id,
            LoincCodes = codes,
            Display = RequiredString(element, "display", path),
            Name = ReadName(Required(element, "name", path), path + ".name"),
            Scale = scale,
            CanonicalUnit = unit,
            Units = units,
            ReferenceIntervals = reference,
            Critical = critical,
            Delta = delta,
            AbnormalCodes = abnormal,
            CriticalCodes = criticalCodes,
            NormalCodes = normal,
            Citation = Source(element, path, sources),
        };
    }

    private static LocalizedText ReadName(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "en", "zh");
        return new LocalizedText(RequiredString(element, "en", path), RequiredString(element, "zh", path));
    }

    private static UnitConversion ReadUnit(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "unit", "factor", "molarMass", "source");
        var factor = RequiredNumber(element, "factor", path);
        if (factor <= 0)
        {
            throw Invalid(path + ".factor", "must be positive");
        }

        if (element.TryGetProperty("molarMass", out var molarMass) && (molarMass.ValueKind != JsonValueKind.Number || molarMass.GetDecimal() <= 0))
        {
            throw Invalid(path + ".molarMass", "must be a positive number (g/mol)");
        }

        return new UnitConversion(RequiredString(element, "unit", path), factor, element.TryGetProperty("source", out _) ? Source(element, path, sources) : null);
    }

    private static ReferenceInterval ReadInterval(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "sex", "ageMin", "ageMax", "low", "high", "source");
        AdministrativeSex? sex = OptionalString(element, "sex", path) switch
        {
            null => null,
            "male" => AdministrativeSex.Male,
            "female" => AdministrativeSex.Female,
            _ => throw Invalid(path + ".sex", "must be male or female"),
        };
        var ageMin = OptionalInt(element, "ageMin", path);
        var ageMax = OptionalInt(element, "ageMax", path);
        var low = OptionalNumber(element, "low", path);
        var high = OptionalNumber(element, "high", path);
        if ((low is null && high is null) || low > high || ageMin > ageMax)
        {
            throw Invalid(path, "needs low and/or high, low ≤ high and ageMin ≤ ageMax");
        }

        return new ReferenceInterval(sex, ageMin, ageMax, low, high, Source(element, path, sources));
    }

    private static CriticalLimits ReadCritical(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "low", "high", "source");
        var low = OptionalNumber(element, "low", path);
        var high = OptionalNumber(element, "high", path);
        return low is null && high is null ? throw Invalid(path, "needs low and/or high") : new CriticalLimits(low, high, Source(element, path, sources));
    }

    private static DeltaThreshold ReadDelta(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "absolute", "percent", "source");
        var absolute = OptionalNumber(element, "absolute", path);
        var percent = OptionalNumber(element, "percent", path);
        if ((absolute is null && percent is null) || absolute <= 0 || percent <= 0)
        {
            throw Invalid(path, "needs a positive absolute and/or percent change");
        }

        return new DeltaThreshold(absolute, percent, Source(element, path, sources));
    }

    private static CodedConcept ReadCode(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        OnlyProperties(element, path, "system", "code", "display");
        return new CodedConcept(RequiredString(element, "system", path), RequiredString(element, "code", path), OptionalString(element, "display", path));
    }

    private static void CheckCriticalOutsideReference(CriticalLimits? critical, IReadOnlyList<ReferenceInterval> reference, string path)
    {
        if (critical is null)
        {
            return;
        }

        foreach (var interval in reference)
        {
            if (critical.Low is { } low && interval.Low is { } refLow && low >= refLow)
            {
                throw Invalid(path + ".critical.low", "must lie below every reference low");
            }

            if (critical.High is { } high && interval.High is { } refHigh && high <= refHigh)
            {
                throw Invalid(path + ".critical.high", "must lie above every reference high");
            }
        }
    }

    private static List<T> ReadArray<T>(JsonElement element, string name, string path, Func<JsonElement, string, T> read)
    {
        if (!element.TryGetProperty(name, out var array))
        {
            return [];
        }

        Expect(array, JsonValueKind.Array, $"{path}.{name}");
        return array.EnumerateArray().Select((e, i) => read(e, $"{path}.{name}[{i}]")).ToList();
    }

    private static Citation Source(JsonElement element, string path, Dictionary<string, Citation> sources)
    {
        var key = RequiredString(element, "source", path);
        return sources.TryGetValue(key, out var citation) ? citation : throw Invalid(path + ".source", $"names an unknown source '{key}'");
    }

    private static JsonElement Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw Invalid(path, $"lacks '{name}'");

    private static string RequiredString(JsonElement element, string name, string path) => Text(Required(element, name, path), $"{path}.{name}");

    private static string? OptionalString(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? Text(value, $"{path}.{name}") : null;

    private static string Text(JsonElement value, string path)
    {
        Expect(value, JsonValueKind.String, path);
        var text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw Invalid(path, "must not be empty") : text;
    }

    private static decimal RequiredNumber(JsonElement element, string name, string path) =>
        OptionalNumber(element, name, path) ?? throw Invalid(path, $"lacks '{name}'");

    private static decimal? OptionalNumber(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        Expect(value, JsonValueKind.Number, $"{path}.{name}");
        return value.GetDecimal();
    }

    private static int? OptionalInt(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Invalid($"{path}.{name}", "must be a non-negative whole number of years");
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw Invalid(path, $"must be {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static void OnlyProperties(JsonElement element, string path, params string[] allowed)
    {
        foreach (var property in element.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
        {
            throw Invalid(path, $"has the unknown property '{property.Name}'");
        }
    }

    private static InvalidDataException Invalid(string path, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"lab-knowledge.json {path}: {message}"));
}
