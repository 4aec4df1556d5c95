using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.CdsHooks.Feedback;

/// <summary>
/// Reads and checks a feedback request body (CDS Hooks 2.0.1 §Feedback): an object with a <c>feedback</c> array whose
/// entries have <c>card</c>, <c>outcome</c> (<c>accepted</c> | <c>overridden</c>), <c>acceptedSuggestions</c> (required
/// for accepted: objects with an <c>id</c>), an optional <c>overrideReason</c> (<c>reason</c> Coding with code and system,
/// <c>userComment</c>) and <c>outcomeTimestamp</c> (RFC 3339 date-time with an offset, kept as UTC). Every problem
/// found is reported with its location; unknown members (e.g. <c>extension</c>) are ignored.
/// </summary>
internal static partial class FeedbackParser
{
    public const int MaxItems = 100;
    public const int MaxSuggestions = 20;
    private const int MaxIdChars = 128;
    private const int MaxSystemChars = 256;
    private const int MaxDisplayChars = 256;
    private const int MaxCommentChars = 4096;

    public static (IReadOnlyList<FeedbackItem> Items, IReadOnlyList<OutcomeIssue> Issues) Parse(JsonElement body)
    {
        var issues = new List<OutcomeIssue>();
        var items = new List<FeedbackItem>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("feedback", out var feedback) || feedback.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Invalid("The request must be an object with a feedback array.", "feedback"));
            return (items, issues);
        }

        if (feedback.GetArrayLength() > MaxItems)
        {
            issues.Add(OutcomeIssue.Error(IssueCodes.TooCostly, $"At most {MaxItems} feedback entries per request.", "feedback"));
            return (items, issues);
        }

        var index = 0;
        foreach (var entry in feedback.EnumerateArray())
        {
            var item = ParseItem(entry, $"feedback[{index}]", issues);
            if (item is not null)
            {
                items.Add(item);
            }

            index++;
        }

        return (items, issues);
    }

    private static FeedbackItem? ParseItem(JsonElement entry, string at, List<OutcomeIssue> issues)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Invalid("A feedback entry must be an object.", at));
            return null;
        }

        var before = issues.Count;
        var card = RequiredString(entry, "card", at, MaxIdChars, issues);
        FeedbackOutcome? outcome = RequiredString(entry, "outcome", at, 16, issues) switch
        {
            "accepted" => FeedbackOutcome.Accepted,
            "overridden" => FeedbackOutcome.Overridden,
            null => null,
            _ => Wrong("outcome must be accepted or overridden.", $"{at}.outcome", issues),
        };
        var timestamp = Timestamp(entry, at, issues);
        var suggestions = Suggestions(entry, at, outcome == FeedbackOutcome.Accepted, issues);
        var reason = OverrideReason(entry, at, issues);
        return issues.Count > before || card is null || outcome is null || timestamp is null
            ? null
            : new FeedbackItem(card, outcome.Value, timestamp.Value, suggestions, reason);
    }

    private static DateTimeOffset? Timestamp(JsonElement entry, string at, List<OutcomeIssue> issues)
    {
        var text = RequiredString(entry, "outcomeTimestamp", at, 64, issues);
        if (text is null)
        {
            return null;
        }

        if (!Rfc3339DateTime().IsMatch(text)
            || !DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            issues.Add(Invalid("outcomeTimestamp must be an RFC 3339 date-time with an offset, e.g. 2021-12-11T10:05:31Z.", $"{at}.outcomeTimestamp"));
            return null;
        }

        return parsed.ToUniversalTime();
    }

    private static List<string> Suggestions(JsonElement entry, string at, bool required, List<OutcomeIssue> issues)
    {
        var ids = new List<string>();
        if (!entry.TryGetProperty("acceptedSuggestions", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                issues.Add(Invalid("acceptedSuggestions is required when outcome is accepted.", $"{at}.acceptedSuggestions"));
            }

            return ids;
        }

        if (array.ValueKind != JsonValueKind.Array || (required && array.GetArrayLength() == 0) || array.GetArrayLength() > MaxSuggestions)
        {
            issues.Add(Invalid($"acceptedSuggestions must be an array of 1 to {MaxSuggestions} objects with an id.", $"{at}.acceptedSuggestions"));
            return ids;
        }

        var index = 0;
        foreach (var suggestion in array.EnumerateArray())
        {
            var location = $"{at}.acceptedSuggestions[{index++}]";
            if (suggestion.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Invalid("An accepted suggestion must be an object with an id.", location));
                continue;
            }

            var id = RequiredString(suggestion, "id", location, MaxIdChars, issues);
            if (id is not null)
            {
                if (id.Contains(',', StringComparison.Ordinal))
                {
                    issues.Add(Invalid("A suggestion id must not contain a comma.", $"{location}.id"));
                    continue;
                }

                ids.Add(id);
            }
        }

        return ids;
    }

    private static FeedbackOverrideReason? OverrideReason(JsonElement entry, string at, List<OutcomeIssue> issues)
    {
        if (!entry.TryGetProperty("overrideReason", out var reason) || reason.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var location = $"{at}.overrideReason";
        if (reason.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Invalid("overrideReason must be an object.", location));
            return null;
        }

        var comment = OptionalString(reason, "userComment", location, MaxCommentChars, issues);
        if (!reason.TryGetProperty("reason", out var coding) || coding.ValueKind == JsonValueKind.Null)
        {
            return new FeedbackOverrideReason(null, null, null, !string.IsNullOrEmpty(comment));
        }

        var codingAt = $"{location}.reason";
        if (coding.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Invalid("reason must be a Coding object with code and system.", codingAt));
            return null;
        }

        var code = RequiredString(coding, "code", codingAt, MaxIdChars, issues);
        var system = RequiredString(coding, "system", codingAt, MaxSystemChars, issues);
        var display = OptionalString(coding, "display", codingAt, MaxDisplayChars, issues);
        return new FeedbackOverrideReason(system, code, display, !string.IsNullOrEmpty(comment));
    }

    private static string? RequiredString(JsonElement parent, string name, string at, int maxChars, List<OutcomeIssue> issues)
    {
        if (!parent.TryGetProperty(name, out _))
        {
            Missing(name, at, issues);
            return null;
        }

        var value = OptionalString(parent, name, at, maxChars, issues);
        if (value is { Length: 0 })
        {
            issues.Add(Invalid($"{name} must not be empty.", $"{at}.{name}"));
            return null;
        }

        return value;
    }

    private static string? OptionalString(JsonElement parent, string name, string at, int maxChars, List<OutcomeIssue> issues)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            issues.Add(Invalid($"{name} must be a string.", $"{at}.{name}"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxChars)
        {
            issues.Add(Invalid($"{name} is longer than {maxChars} characters.", $"{at}.{name}"));
            return null;
        }

        return text;
    }

    private static void Missing(string name, string at, List<OutcomeIssue> issues) =>
        issues.Add(OutcomeIssue.Error(IssueCodes.Required, $"{name} is required.", $"{at}.{name}"));

    private static FeedbackOutcome? Wrong(string message, string location, List<OutcomeIssue> issues)
    {
        issues.Add(Invalid(message, location));
        return null;
    }

    private static OutcomeIssue Invalid(string message, string location) => OutcomeIssue.Error(IssueCodes.Invalid, message, location);

    /// <summary>RFC 3339 §5.6 date-time (fraction up to 7 digits, the precision kept), with Z or a numeric offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Rfc3339DateTime();
}
