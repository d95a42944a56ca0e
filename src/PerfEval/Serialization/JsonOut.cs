using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PerfEval.Serialization;

/// <summary>Writes DTOs as UTF-8 JSON a person can read: Chinese unescaped, numbers culture-invariant.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Compact = Options(indented: false);

    private static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    // One buffer and writer per thread: a batch worker writes a record's line without growing a fresh buffer each time.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The value as compact UTF-8 JSON, with a newline after it when asked, in an array of its exact length.</summary>
    public static byte[] ToBytes<T>(T value, JsonTypeInfo<T> info, bool newline = false)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Compact);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        if (newline)
        {
            buffer.Write("\n"u8);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1024 * 1024)
        {
            // A huge record does not pin a huge buffer to the thread for good.
            (t_buffer, t_writer) = (null, null);
        }

        return bytes;
    }

    public static void Write<T>(Stream stream, T value, JsonTypeInfo<T> info, bool indented)
    {
        using var writer = new Utf8JsonWriter(stream, Options(indented));
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        if (indented)
        {
            stream.WriteByte((byte)'\n');
        }
    }
}
