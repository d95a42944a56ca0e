using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PerfEval.Values;

namespace PerfEval.Serialization;

/// <summary>One step of a JSON path: a property name or an array index.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Property(string name) => new(name, -1);

    public static PathSegment Item(int index) => new(null, index);
}

/// <summary>A value found at a JSON path: its token type, where its raw text lies and its 1-based line.</summary>
internal readonly record struct Located(JsonTokenType Type, int Start, int End, long Line);

/// <summary>What the pre-pass learnt about a document.</summary>
internal sealed class ScanResult(int expectedNodes = 0)
{
    public string? Format { get; set; }

    public List<long> NodeLines { get; } = new(expectedNodes);

    /// <summary>The first number refused (outside <see cref="NumberLimit"/>, or -0), reported after the format check.</summary>
    public Problem? OutOfRange { get; set; }
}

/// <summary>
/// The strict reading machinery shared by the three formats: a pre-pass that checks syntax, depth and
/// counts before the serializer allocates anything; a locator that finds the line and text at a JSON
/// path; and the translation of serializer errors into bilingual <see cref="Problem"/>s.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class StrictJson
{
    private const int MaxTextShown = 80;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> json) =>
        json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? json[3..] : json;

    // ───────────────────────────── paths ─────────────────────────────

    public static string FormatPath(IEnumerable<PathSegment> segments)
    {
        var sb = new StringBuilder("$");
        foreach (var s in segments)
        {
            AppendSegment(sb, s);
        }

        return sb.ToString();
    }

    public static void AppendSegment(StringBuilder sb, PathSegment s)
    {
        if (s.Name is null)
        {
            sb.Append('[').Append(s.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else if (IsPlainName(s.Name))
        {
            sb.Append('.').Append(s.Name);
        }
        else
        {
            sb.Append("['").Append(s.Name).Append("']");
        }
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Child(string path, string name)
    {
        // Called for every node's members while mapping, error or not: the common case is one concatenation.
        if (IsPlainName(name))
        {
            return string.Concat(path, ".", name);
        }

        var sb = new StringBuilder(path);
        AppendSegment(sb, PathSegment.Property(name));
        return sb.ToString();
    }

    public static string Item(string path, int index) =>
        string.Concat(path, index < ItemSuffixes.Length ? ItemSuffixes[index] : string.Create(CultureInfo.InvariantCulture, $"[{index}]"));

    // "[0]" … "[63]": a path is built for every indicator of every record, error or not.
    private static readonly string[] ItemSuffixes = [.. Enumerable.Range(0, 64).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{i}]"))];

    /// <summary>Parses a path as System.Text.Json writes it (<c>$.a[0]['b c']</c>).</summary>
    public static List<PathSegment> ParsePath(string? path)
    {
        var result = new List<PathSegment>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return result;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var j = i + 1;
                while (j < path.Length && path[j] != '.' && path[j] != '[')
                {
                    j++;
                }

                result.Add(PathSegment.Property(path[(i + 1)..j]));
                i = j;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                result.Add(PathSegment.Property(path[(i + 2)..end]));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                result.Add(PathSegment.Item(index));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return result;
    }

    // ───────────────────────────── pre-pass ─────────────────────────────

    private enum Role : byte
    {
        Other,
        Root,
        IndicatorList,
        Node,
        ChildList,
    }

    private enum Known : byte
    {
        None,
        Format,
        Frame,
        Indicators,
        Children,
    }

    private struct Frame
    {
        public bool IsArray;
        public Role Role;
        public int Count;
        public bool HasName;
        public Known Known;
        public int NameStart;
        public int NameLength;
        public string? EscapedName;
    }

    /// <summary>
    /// Reads the whole document once with a strict reader: syntax (comments, trailing commas, NaN), depth,
    /// and — for evaluations — the number of indicators and the line of each, in document order. Nothing is
    /// materialised but property names on the current path.
    /// </summary>
    /// <exception cref="JsonProblemException">With the first problem.</exception>
    public static ScanResult Scan(ReadOnlySpan<byte> json, JsonFileOptions options, bool trackIndicators, int maxIndicators, long lineOffset)
    {
        var result = new ScanResult();
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            var bad = 0;
            while (bad < json.Length && System.Text.Rune.DecodeFromUtf8(json[bad..], out _, out var used) == System.Buffers.OperationStatus.Done)
            {
                bad += used;
            }

            throw new JsonProblemException(new Problem("InvalidUtf8", null, "文件不是有效的 UTF-8 编码", "The file is not valid UTF-8",
                TextAround(json, bad), PathBefore(json[..bad]), lineOffset + 1 + json[..bad].Count((byte)'\n')));
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = JsonFileOptions.DepthCeiling + 1,
        });
        var stack = new Frame[Math.Min(options.MaxDepth, 16) + 1];
        var depth = 0;
        long line = 1;
        var linePos = 0;
        var rootFormatPending = false;

        long LineAt(ReadOnlySpan<byte> span, int offset)
        {
            if (offset > linePos)
            {
                line += span[linePos..offset].Count((byte)'\n');
                linePos = offset;
            }

            return line + lineOffset;
        }

        try
        {
            while (reader.Read())
            {
                var type = reader.TokenType;
                if (type == JsonTokenType.PropertyName)
                {
                    ref var frame = ref stack[depth - 1];
                    frame.HasName = true;
                    frame.NameStart = (int)reader.TokenStartIndex + 1;
                    frame.NameLength = reader.ValueSpan.Length;
                    frame.EscapedName = reader.ValueIsEscaped ? Text(ref reader) : null;
                    // An escaped name is compared as text: ValueTextEquals throws on a lone \ud800 in a name.
                    frame.Known = frame.EscapedName is { } escaped
                        ? escaped switch { "format" => Known.Format, "frame" => Known.Frame, "indicators" => Known.Indicators, "children" => Known.Children, _ => Known.None }
                        : reader.ValueTextEquals("format"u8) ? Known.Format
                        : reader.ValueTextEquals("frame"u8) ? Known.Frame
                        : reader.ValueTextEquals("indicators"u8) ? Known.Indicators
                        : reader.ValueTextEquals("children"u8) ? Known.Children
                        : Known.None;
                    rootFormatPending = depth == 1 && frame.Known == Known.Format;
                    continue;
                }

                if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    depth--;
                    if (depth > 0 && !stack[depth - 1].IsArray)
                    {
                        stack[depth - 1].HasName = false;
                    }

                    continue;
                }

                // A value starts: count it in its container.
                var parentRole = Role.Other;
                if (depth > 0)
                {
                    ref var parent = ref stack[depth - 1];
                    parentRole = parent.Role;
                    if (parent.IsArray)
                    {
                        parent.Count++;
                    }
                }

                if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (depth >= options.MaxDepth)
                    {
                        var offset = (int)reader.TokenStartIndex;
                        throw new JsonProblemException(new Problem("TooDeep", null,
                            string.Create(CultureInfo.InvariantCulture, $"JSON 嵌套超过 {options.MaxDepth} 层"),
                            string.Create(CultureInfo.InvariantCulture, $"The JSON nests deeper than {options.MaxDepth} levels"),
                            TextAround(json, offset), PathOf(json, stack, depth), LineAt(json, offset)));
                    }

                    var role = Role.Other;
                    if (trackIndicators)
                    {
                        if (depth == 0 && type == JsonTokenType.StartObject)
                        {
                            role = Role.Root;
                        }
                        else if (type == JsonTokenType.StartArray && depth > 0 && !stack[depth - 1].IsArray)
                        {
                            var name = stack[depth - 1].Known;
                            role = (parentRole, name) switch
                            {
                                (Role.Root, Known.Indicators) => Role.IndicatorList,
                                // A scheme's frame is its indicator tree: the same limit, before one node is built.
                                (Role.Root, Known.Frame) => Role.IndicatorList,
                                (Role.Node, Known.Children) => Role.ChildList,
                                _ => Role.Other,
                            };
                        }
                        else if (type == JsonTokenType.StartObject && parentRole is Role.IndicatorList or Role.ChildList)
                        {
                            role = Role.Node;
                            var offset = (int)reader.TokenStartIndex;
                            if (result.NodeLines.Count >= maxIndicators)
                            {
                                throw new JsonProblemException(new Problem("TooManyIndicators", null,
                                    string.Create(CultureInfo.InvariantCulture, $"指标超过 {maxIndicators} 个"),
                                    string.Create(CultureInfo.InvariantCulture, $"More than {maxIndicators} indicators"),
                                    TextAround(json, offset), PathOf(json, stack, depth), LineAt(json, offset)));
                            }

                            result.NodeLines.Add(LineAt(json, offset));
                        }
                    }

                    if (depth == stack.Length)
                    {
                        Array.Resize(ref stack, Math.Min(stack.Length * 2, options.MaxDepth + 1));
                    }

                    stack[depth++] = new Frame { IsArray = type == JsonTokenType.StartArray, Role = role };
                    continue;
                }

                if (rootFormatPending && depth == 1 && type == JsonTokenType.String)
                {
                    result.Format = Text(ref reader);
                }

                // Every number of every format, refused before anything computes with it (1e28 weights, 1e-28 budgets).
                if (type == JsonTokenType.Number && result.OutOfRange is null)
                {
                    var inRange = reader.TryGetDecimal(out var number) && NumberLimit.InRange(number);
                    if (!inRange || (number == 0 && reader.ValueSpan[0] == (byte)'-'))
                    {
                        // -0 reads as 0 but is no figure anyone writes: a sign left over by the tool that made the file.
                        var offset = (int)reader.TokenStartIndex;
                        var text = Utf8.GetString(reader.ValueSpan);
                        var path = PathOf(json, stack, depth);
                        result.OutOfRange = inRange
                            ? new Problem("NegativeZero", null, $"数值 {text} 是负零，应写为 0", $"The number {text} is a negative zero; write 0", text, path, LineAt(json, offset))
                            : NumberLimit.OutOfRange(text, path, LineAt(json, offset));
                    }
                }

                rootFormatPending = false;
                if (depth > 0 && !stack[depth - 1].IsArray)
                {
                    stack[depth - 1].HasName = false;
                }
            }
        }
        catch (JsonException e)
        {
            throw new JsonProblemException(Syntax(json, e, PathOf(json, stack, depth), lineOffset));
        }

        return result;
    }

    /// <summary>The JSON path of the value being read where <paramref name="prefix"/> ends (at an invalid byte), or <c>$</c>.</summary>
    private static string PathBefore(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = JsonFileOptions.DepthCeiling + 1 }));
        var segments = new List<(bool IsArray, int Count, string? Name)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        segments[^1] = segments[^1] with { Name = Text(ref reader) };
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        segments.RemoveAt(segments.Count - 1);
                        if (segments.Count > 0 && !segments[^1].IsArray) segments[^1] = segments[^1] with { Name = null };
                        continue;
                }

                if (segments.Count > 0 && segments[^1].IsArray) segments[^1] = segments[^1] with { Count = segments[^1].Count + 1 };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    segments.Add((reader.TokenType == JsonTokenType.StartArray, 0, null));
                }
                else if (segments.Count > 0 && !segments[^1].IsArray)
                {
                    segments[^1] = segments[^1] with { Name = null };
                }
            }
        }
        catch (JsonException)
        {
            // The prefix is itself broken before the bad byte: the path so far is the best there is.
        }

        // An array's next item starts at the bad byte when the prefix ends after a comma or the bracket.
        var rest = prefix[(int)reader.BytesConsumed..].TrimStart(" \t\r\n"u8);
        var sb = new StringBuilder("$");
        for (var i = 0; i < segments.Count; i++)
        {
            var (isArray, count, name) = segments[i];
            if (isArray)
            {
                var pending = i == segments.Count - 1 && rest.Length > 0 ? 1 : 0;
                if (count + pending > 0) AppendSegment(sb, PathSegment.Item(count + pending - 1));
            }
            else if (name is not null)
            {
                AppendSegment(sb, PathSegment.Property(name));
            }
        }

        return sb.ToString();
    }

    private static string PathOf(ReadOnlySpan<byte> json, Frame[] stack, int depth)
    {
        var sb = new StringBuilder("$");
        for (var i = 0; i < depth; i++)
        {
            var f = stack[i];
            if (f.IsArray)
            {
                if (f.Count > 0)
                {
                    AppendSegment(sb, PathSegment.Item(f.Count - 1));
                }
            }
            else if (f.HasName)
            {
                AppendSegment(sb, PathSegment.Property(f.EscapedName ?? Utf8.GetString(json.Slice(f.NameStart, f.NameLength))));
            }
        }

        return sb.ToString();
    }

    private static Problem Syntax(ReadOnlySpan<byte> json, JsonException e, string path, long lineOffset)
    {
        var line0 = e.LineNumber ?? 0;
        var offset = OffsetOf(json, line0, e.BytePositionInLine ?? 0);
        var text = TextAround(json, offset);
        var line = lineOffset + line0 + 1;
        var at = offset < json.Length ? json[offset] : (byte)0;
        var before = offset - 1;
        while (before >= 0 && json[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            before--;
        }

        if (offset >= json.Length)
        {
            return new Problem("InvalidJson", null, "JSON 不完整：文件在中途结束", "The JSON is incomplete: the text ends early", text, path, line);
        }

        if (at == (byte)'/')
        {
            return new Problem("CommentNotAllowed", null, "JSON 中不允许注释", "Comments are not allowed in the JSON", text, path, line);
        }

        if (at is (byte)'}' or (byte)']' && before >= 0 && json[before] == (byte)',')
        {
            return new Problem("TrailingComma", null, "JSON 中不允许结尾多余的逗号", "A trailing comma is not allowed in the JSON", text, path, line);
        }

        if (at is (byte)'N' or (byte)'I' || (at == (byte)'-' && offset + 1 < json.Length && json[offset + 1] == (byte)'I'))
        {
            return new Problem("NotANumber", null, "不允许 NaN 或 Infinity：数值须为有限的 JSON 数字",
                "NaN and Infinity are not allowed: numbers must be finite JSON numbers", text, path, line);
        }

        return new Problem("InvalidJson", null, "JSON 语法错误：" + StripPosition(e.Message), "Invalid JSON: " + StripPosition(e.Message), text, path, line);
    }

    /// <summary>System.Text.Json's own position is 0-based and repeats ours (the Problem's 1-based line and path), so it is cut.</summary>
    private static string StripPosition(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i >= 0) message = message[..i];
        }

        return message;
    }

    private static int OffsetOf(ReadOnlySpan<byte> json, long line0, long posInLine)
    {
        var offset = 0;
        for (long l = 0; l < line0; l++)
        {
            var nl = json[offset..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return json.Length;
            }

            offset += nl + 1;
        }

        return (int)Math.Min(json.Length, offset + posInLine);
    }

    /// <summary>Up to 80 characters of the line around <paramref name="offset"/>, for a message.</summary>
    public static string TextAround(ReadOnlySpan<byte> json, int offset)
    {
        offset = Math.Clamp(offset, 0, json.Length);
        var start = offset;
        while (start > 0 && json[start - 1] != (byte)'\n' && offset - start < 40)
        {
            start--;
        }

        var end = offset;
        while (end < json.Length && json[end] is not ((byte)'\n' or (byte)'\r') && end - offset < 40)
        {
            end++;
        }

        while (start < json.Length && (json[start] & 0xC0) == 0x80)
        {
            start++;
        }

        while (end < json.Length && end > start && (json[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Utf8.GetString(json[start..end]).Trim();
    }

    // ───────────────────────────── locator ─────────────────────────────

    /// <summary>Finds the value at <paramref name="path"/> (the first occurrence of each property, or the <paramref name="occurrence"/>-th of the last).</summary>
    public static Located? Locate(ReadOnlySpan<byte> json, IReadOnlyList<PathSegment> path, long lineOffset, int occurrence = 1)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonFileOptions.DepthCeiling + 1 });
            if (!reader.Read())
            {
                return null;
            }

            for (var s = 0; s < path.Count; s++)
            {
                var seg = path[s];
                var wanted = s == path.Count - 1 ? occurrence : 1;
                if (seg.Name is not null)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return null;
                    }

                    var seen = 0;
                    var found = false;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var match = NameEquals(ref reader, seg.Name) && ++seen == wanted;
                        reader.Read();
                        if (match)
                        {
                            found = true;
                            break;
                        }

                        reader.Skip();
                    }

                    if (!found)
                    {
                        return null;
                    }
                }
                else
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    var i = -1;
                    var found = false;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++i == seg.Index)
                        {
                            found = true;
                            break;
                        }

                        reader.Skip();
                    }

                    if (!found)
                    {
                        return null;
                    }
                }
            }

            var start = (int)reader.TokenStartIndex;
            var type = reader.TokenType;
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            var end = (int)reader.BytesConsumed;
            var line = 1 + json[..start].Count((byte)'\n') + lineOffset;
            return new Located(type, start, end, line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The string or property name at the reader, unescaped; when its escapes are not text (a lone <c>\ud800</c>, which
    /// <see cref="Utf8JsonReader.GetString"/> refuses with an <see cref="InvalidOperationException"/>), the raw text as written.
    /// </summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        }
    }

    /// <summary>Whether the property name at the reader is <paramref name="name"/>; a name whose escapes are not text is compared as written.</summary>
    private static bool NameEquals(ref Utf8JsonReader reader, string name) =>
        reader.ValueIsEscaped ? Text(ref reader) == name : reader.ValueTextEquals(name);

    /// <summary>The property names of the object at <paramref name="path"/>, with repeats.</summary>
    public static List<string> PropertyNames(ReadOnlySpan<byte> json, IReadOnlyList<PathSegment> path, long lineOffset)
    {
        var names = new List<string>();
        if (Locate(json, path, lineOffset) is not { Type: JsonTokenType.StartObject } at)
        {
            return names;
        }

        var reader = new Utf8JsonReader(json[at.Start..at.End]);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(Text(ref reader));
            reader.Read();
            reader.Skip();
        }

        return names;
    }

    /// <summary>The raw text of a located value, shortened for a message.</summary>
    public static string RawText(ReadOnlySpan<byte> json, Located at)
    {
        var end = Math.Min(at.End, at.Start + (MaxTextShown * 3));
        var text = Utf8.GetString(json[at.Start..end]);
        if (text.Length > MaxTextShown || end < at.End)
        {
            text = string.Concat(text.AsSpan(0, Math.Min(text.Length, MaxTextShown)), "…");
        }

        return text;
    }

    /// <summary>The 1-based line and the raw text at a path (by the locator), or the fallback line.</summary>
    public static (long? Line, string? Text) LineAndText(ReadOnlySpan<byte> json, string jsonPath, long lineOffset, bool withText = true)
    {
        var path = ParsePath(jsonPath);
        for (var n = path.Count; n >= 0; n--)
        {
            if (Locate(json, n == path.Count ? path : path.GetRange(0, n), lineOffset) is { } at)
            {
                return (at.Line, withText && n == path.Count && at.Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray) ? RawText(json, at) : null);
            }
        }

        return (null, null);
    }

    // ───────────────────────────── serializer errors ─────────────────────────────

    /// <summary>Turns an error of the source-generated deserializer into a bilingual problem at its path and line.</summary>
    public static Problem FromSerializer(ReadOnlySpan<byte> json, JsonException e, JsonTypeInfo root, long lineOffset)
    {
        if (e.InnerException is JsonException inner && inner.GetType() != typeof(JsonException))
        {
            return Syntax(json, inner, e.Path ?? "$", lineOffset);
        }

        var path = e.Path ?? "$";
        var segments = ParsePath(path);
        var fallbackLine = lineOffset + (e.LineNumber ?? 0) + 1;
        var located = Locate(json, segments, lineOffset);
        var line = located?.Line ?? fallbackLine;
        var text = located is { } l ? RawText(json, l) : null;

        // Walk the metadata along the path: what does the format expect there?
        var (parentInfo, property, expected) = Resolve(root, segments);
        var last = segments.Count > 0 ? segments[^1] : default;

        if (last.Name is not null && parentInfo is { Kind: JsonTypeInfoKind.Object } && property is null)
        {
            var allowed = string.Join(", ", parentInfo.Properties.Select(p => p.Name));
            var nameLine = located?.Line ?? fallbackLine;
            return new Problem("UnknownProperty", null,
                $"未知的属性“{Echo.Quote(last.Name)}”；此处允许的属性：{allowed}",
                $"Unknown property \"{Echo.Quote(last.Name)}\"; allowed here: {allowed}",
                last.Name, path, nameLine);
        }

        if (last.Name is not null && segments.Count > 0)
        {
            var names = PropertyNames(json, segments.GetRange(0, segments.Count - 1), lineOffset);
            if (names.Count(n => n == last.Name) > 1)
            {
                var second = Locate(json, segments, lineOffset, occurrence: 2);
                return new Problem("DuplicateProperty", null,
                    $"属性“{Echo.Quote(last.Name)}”重复出现",
                    $"The property \"{Echo.Quote(last.Name)}\" appears more than once",
                    last.Name, path, second?.Line ?? line);
            }
        }

        if (located is { } at && expected is not null && at.Type != JsonTokenType.StartObject)
        {
            var (expectedEn, expectedZh, isNumber) = Describe(expected);
            if (at.Type == JsonTokenType.Null)
            {
                return new Problem("NullNotAllowed", null, $"此处不能为 null，应为{expectedZh}", $"null is not allowed here; expected {expectedEn}", text, path, line);
            }

            if (isNumber && at.Type == JsonTokenType.String && LooksNumeric(text))
            {
                return new Problem("NumberInQuotes", null, $"数值不能加引号：{Echo.Quote(text)}，应写为 JSON 数字", $"A number must not be quoted: {Echo.Quote(text)}; write it as a JSON number", text, path, line);
            }

            if (isNumber && at.Type == JsonTokenType.Number)
            {
                return new Problem("NumberOutOfRange", null, $"数值 {Echo.Quote(text)} 超出范围或不是{expectedZh}", $"The number {Echo.Quote(text)} is out of range or not {expectedEn}", text, path, line);
            }

            var (gotEn, gotZh) = Describe(at.Type);
            if (at.Type == JsonTokenType.String && gotEn == expectedEn)
            {
                // A string where a string belongs that still failed: its escapes are not text (a lone \ud800).
                return new Problem("InvalidString", null, "字符串含有不成对的 UTF-16 代理项转义（如 \\ud800），不是有效的文本",
                    "The string holds an unpaired UTF-16 surrogate escape (such as \\ud800), which is not valid text", text, path, line);
            }

            return new Problem("WrongType", null, $"类型错误：应为{expectedZh}，实为{gotZh}", $"Wrong type: expected {expectedEn}, found {gotEn}", text, path, line);
        }

        if (located is { Type: JsonTokenType.StartObject } obj && expected is { Kind: JsonTypeInfoKind.Object } info)
        {
            var present = PropertyNames(json, segments, lineOffset);
            var missing = info.Properties.Where(p => p.IsRequired && !present.Contains(p.Name)).Select(p => p.Name).ToList();
            if (missing.Count > 0)
            {
                var names = string.Join(", ", missing);
                return new Problem("MissingField", null, $"缺少必填属性：{names}", $"Missing required property: {names}", names, path, obj.Line);
            }
        }

        if (located is { } wrong && expected is not null)
        {
            var (expectedEn, expectedZh, _) = Describe(expected);
            var (gotEn, gotZh) = Describe(wrong.Type);
            return new Problem("WrongType", null, $"类型错误：应为{expectedZh}，实为{gotZh}", $"Wrong type: expected {expectedEn}, found {gotEn}", text, path, line);
        }

        return new Problem("InvalidJson", null, "无法读取：" + StripPosition(e.Message), "Cannot read: " + StripPosition(e.Message), text, path, line);
    }

    private static bool LooksNumeric(string? quoted)
    {
        var t = quoted is { Length: >= 2 } ? quoted[1..^1].Trim() : string.Empty;
        return t is "NaN" or "Infinity" or "-Infinity" or "+Infinity"
            || decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static (JsonTypeInfo? Parent, JsonPropertyInfo? Property, JsonTypeInfo? Expected) Resolve(JsonTypeInfo root, List<PathSegment> segments)
    {
        JsonTypeInfo? current = root;
        JsonTypeInfo? parent = null;
        JsonPropertyInfo? property = null;
        var resolver = root.Options;
        foreach (var seg in segments)
        {
            parent = current;
            property = null;
            if (current is null)
            {
                return (null, null, null);
            }

            if (seg.Name is not null && current.Kind == JsonTypeInfoKind.Object)
            {
                property = current.Properties.FirstOrDefault(p => p.Name == seg.Name);
                current = property is null ? null : resolver.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            }
            else if (current.Kind is JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Enumerable && current.ElementType is { } element)
            {
                current = resolver.GetTypeInfo(Nullable.GetUnderlyingType(element) ?? element);
            }
            else
            {
                return (parent, null, null);
            }
        }

        return (parent, property, current);
    }

    private static (string En, string Zh, bool IsNumber) Describe(JsonTypeInfo info)
    {
        var t = info.Type;
        if (t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double))
        {
            return t == typeof(int) ? ("a whole number", "整数", true) : ("a number", "数字", true);
        }

        if (t == typeof(string))
        {
            return ("a string", "字符串", false);
        }

        if (t == typeof(bool))
        {
            return ("true or false", "布尔值（true 或 false）", false);
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => ("an array", "数组", false),
            _ => ("an object", "对象", false),
        };
    }

    private static (string En, string Zh) Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.String => ("a string", "字符串"),
        JsonTokenType.Number => ("a number", "数字"),
        JsonTokenType.True or JsonTokenType.False => ("a boolean", "布尔值"),
        JsonTokenType.Null => ("null", "null"),
        JsonTokenType.StartArray => ("an array", "数组"),
        _ => ("an object", "对象"),
    };
}

/// <summary>Carries one problem out of the pre-pass or the mapping, to be wrapped in the format's exception.</summary>
internal sealed class JsonProblemException : Exception
{
    public JsonProblemException(Problem problem)
        : base(problem.MessageEn) => Problem = problem;

    public Problem Problem { get; }
}
