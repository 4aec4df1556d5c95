using System.Text.Json.Nodes;

namespace FhirAi.Server.Bundles;

/// <summary>
/// Rewrites, inside a resource, every reference to another entry of the same transaction
/// (its fullUrl: <c>urn:uuid:…</c>, <c>urn:oid:…</c> or an absolute URL) to the <c>Type/id</c> it
/// was stored under, and lists conditional references (<c>Patient?identifier=…</c>) for resolution.
/// </summary>
internal static class ReferenceRewriter
{
    public static void Rewrite(JsonNode node, IReadOnlyDictionary<string, string> targets, Func<string, string?> resolveConditional)
    {
        switch (node)
        {
            case JsonObject obj:
                // By position: replacing a value in place needs no copy of the property list.
                for (var i = 0; i < obj.Count; i++)
                {
                    var (name, child) = obj.GetAt(i);
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (name == "reference" && text.Contains('?', StringComparison.Ordinal) && !text.Contains("://", StringComparison.Ordinal))
                        {
                            if (resolveConditional(text) is { } resolved)
                            {
                                obj.SetAt(i, resolved);
                            }
                        }
                        else if ((name == "reference" || text.StartsWith("urn:", StringComparison.Ordinal)) && targets.TryGetValue(text, out var target))
                        {
                            obj.SetAt(i, target);
                        }
                    }
                    else if (child is not null)
                    {
                        Rewrite(child, targets, resolveConditional);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith("urn:", StringComparison.Ordinal) &&
                        targets.TryGetValue(text, out var target))
                    {
                        array[i] = target;
                    }
                    else if (array[i] is { } child)
                    {
                        Rewrite(child, targets, resolveConditional);
                    }
                }

                break;
        }
    }

    /// <summary>Every conditional reference (<c>Type?criteria</c>) in the resource, in document order.</summary>
    public static IReadOnlyList<string> ConditionalReferences(JsonNode node)
    {
        var found = new List<string>();
        CollectConditionalReferences(node, found);
        return found;
    }

    // Recursion into a list rather than nested iterators: every resource of a transaction is scanned.
    private static void CollectConditionalReferences(JsonNode node, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (name == "reference" && child is JsonValue value && value.TryGetValue<string>(out var text) &&
                        text.Contains('?', StringComparison.Ordinal) && !text.Contains("://", StringComparison.Ordinal))
                    {
                        found.Add(text);
                    }
                    else if (child is not null)
                    {
                        CollectConditionalReferences(child, found);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        CollectConditionalReferences(child, found);
                    }
                }

                break;
        }
    }
}
