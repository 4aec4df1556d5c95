using System.Text.Encodings.Web;
using System.Text.Json;
using FhirAi.Fhir.Json;
using FhirAi.Server.Http;
using FhirAi.Storage;

namespace FhirAi.Server.Rest;

/// <summary>Writes history and searchset Bundles, embedding each stored resource's JSON as stored.</summary>
internal static class BundleJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] History(string baseUrl, IReadOnlyList<StoredResource> versions, string self, string? next)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteHeader(writer, "history", total: null, self, next);
            writer.WriteStartArray("entry");
            foreach (var version in versions)
            {
                writer.WriteStartObject();
                writer.WriteString("fullUrl", $"{baseUrl}/{version.ResourceType}/{version.Id}");
                if (version.Json is not null)
                {
                    writer.WritePropertyName("resource");
                    writer.WriteRawValue(version.Json, skipInputValidation: true);
                }

                writer.WriteStartObject("request");
                writer.WriteString("method", version.Method);
                writer.WriteString("url", version.Method == "POST" ? version.ResourceType : $"{version.ResourceType}/{version.Id}");
                writer.WriteEndObject();
                writer.WriteStartObject("response");
                writer.WriteString("status", version.Method switch
                {
                    "POST" => "201 Created",
                    "DELETE" => "204 No Content",
                    _ => "200 OK",
                });
                writer.WriteString("etag", FhirResponses.WeakETag(version.VersionId));
                writer.WriteString("lastModified", ResourceStamper.FormatInstant(version.LastUpdated));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static byte[] SearchSet(string baseUrl, IReadOnlyList<StoredResource> matches, int? total, string self, string? next, byte[]? outcome,
        string? previous = null, IReadOnlyList<StoredResource>? included = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteHeader(writer, "searchset", total, self, next, previous);
            writer.WriteStartArray("entry");
            foreach (var match in matches)
            {
                WriteSearchEntry(writer, baseUrl, match, "match");
            }

            foreach (var include in included ?? [])
            {
                WriteSearchEntry(writer, baseUrl, include, "include");
            }

            if (outcome is not null)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("resource");
                writer.WriteRawValue(outcome, skipInputValidation: true);
                writer.WriteStartObject("search");
                writer.WriteString("mode", "outcome");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteSearchEntry(Utf8JsonWriter writer, string baseUrl, StoredResource resource, string mode)
    {
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"{baseUrl}/{resource.ResourceType}/{resource.Id}");
        writer.WritePropertyName("resource");
        writer.WriteRawValue(resource.Json!, skipInputValidation: true);
        writer.WriteStartObject("search");
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter writer, string type, int? total, string self, string? next, string? previous = null)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("id", Guid.NewGuid().ToString());
        writer.WriteString("type", type);
        if (total is not null)
        {
            writer.WriteNumber("total", total.Value);
        }

        writer.WriteStartArray("link");
        WriteLink(writer, "self", self);
        if (next is not null)
        {
            WriteLink(writer, "next", next);
        }

        if (previous is not null)
        {
            WriteLink(writer, "previous", previous);
        }

        writer.WriteEndArray();
    }

    private static void WriteLink(Utf8JsonWriter writer, string relation, string url)
    {
        writer.WriteStartObject();
        writer.WriteString("relation", relation);
        writer.WriteString("url", url);
        writer.WriteEndObject();
    }
}
