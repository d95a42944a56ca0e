using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PerfEval.Serialization;

/// <summary>Writes DTOs as UTF-8 JSON a person can read: Chinese unescaped, numbers culture-invariant.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class JsonOut
{
    public static void Write<T>(Stream stream, T value, JsonTypeInfo<T> info, bool indented)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        if (indented)
        {
            stream.WriteByte((byte)'\n');
        }
    }
}
