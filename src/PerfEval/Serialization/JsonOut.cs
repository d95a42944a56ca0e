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

    /// <summary>
    /// The value as compact UTF-8 JSON, with a newline after it when asked, in a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>: a batch hands tens of kilobytes a record from a worker to the writer, and
    /// fresh arrays of that size would each live through a collection or two on the way.
    /// </summary>
    public static PooledJson ToPooled<T>(T value, JsonTypeInfo<T> info, bool newline = false)
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

        var written = buffer.WrittenSpan;
        var rented = ArrayPool<byte>.Shared.Rent(written.Length);
        written.CopyTo(rented);
        if (buffer.Capacity > 1024 * 1024)
        {
            // A huge record does not pin a huge buffer to the thread for good.
            (t_buffer, t_writer) = (null, null);
        }

        return new PooledJson(rented, written.Length);
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

/// <summary>JSON bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; whoever writes them out gives it back, once.</summary>
/// <param name="Buffer">The rented buffer; only its first <paramref name="Length"/> bytes are the JSON.</param>
/// <param name="Length">How many bytes are the JSON.</param>
internal readonly record struct PooledJson(byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    /// <summary>Gives the buffer back; the bytes must not be used after.</summary>
    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
