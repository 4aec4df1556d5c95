using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FhirAi.Storage;

namespace FhirAi.Server.Search;

/// <summary>
/// Writes keyset cursors into opaque <c>_cursor</c> tokens and reads them back: the cursor's JSON,
/// base64url, then an HMAC-SHA256 over the JSON and the query it belongs to. A token edited by hand, or
/// used with a different query or sort, fails the check and is refused. The key is drawn at start-up,
/// so tokens do not outlive the process (a client then starts again from the first page).
/// </summary>
internal sealed class SearchCursorCodec
{
    private const int MaxTokenLength = 4096;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Encode(SearchCursor cursor, string query)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("k", cursor.Key);
            if (cursor.Backward)
            {
                writer.WriteBoolean("b", true);
            }

            writer.WriteStartArray("v");
            foreach (var value in cursor.Values)
            {
                writer.WriteStartObject();
                if (value.Text is not null)
                {
                    writer.WriteString("s", value.Text);
                }
                else if (value.Number is { } number)
                {
                    writer.WriteNumber("n", number);
                }
                else if (value.Integer is { } integer)
                {
                    writer.WriteNumber("i", integer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var payload = stream.ToArray();
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload, query));
    }

    public bool TryDecode(string token, string query, out SearchCursor? cursor)
    {
        ArgumentNullException.ThrowIfNull(token);
        cursor = null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > MaxTokenLength || dot <= 0)
        {
            return false;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload, query)))
        {
            return false;
        }

        // Signed by this process, so well-formed; parsed defensively all the same.
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var values = root.GetProperty("v").EnumerateArray().Select(v =>
                v.TryGetProperty("s", out var s) ? new SortValue(Text: s.GetString())
                : v.TryGetProperty("n", out var n) ? new SortValue(Number: n.GetDouble())
                : v.TryGetProperty("i", out var i) ? new SortValue(Integer: i.GetInt64())
                : SortValue.Missing).ToList();
            cursor = new SearchCursor(values, root.GetProperty("k").GetInt64(), root.TryGetProperty("b", out var b) && b.GetBoolean());
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private byte[] Sign(byte[] payload, string query)
    {
        var queryBytes = Encoding.UTF8.GetBytes(query);
        var data = new byte[queryBytes.Length + 1 + payload.Length];
        queryBytes.CopyTo(data, 0);
        payload.CopyTo(data, queryBytes.Length + 1);
        return HMACSHA256.HashData(_key, data);
    }
}
