using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PerfEval.Model;

namespace PerfEval.Serialization;

/// <summary>
/// Reads evaluation files (<c>perfeval/evaluation@1</c>): one project's report as JSON, or a batch as JSON Lines.
/// Reading is strict — unknown or duplicate properties, wrong types, missing required fields, numbers in
/// quotes, NaN/Infinity, comments and trailing commas are rejected — and every error is an
/// <see cref="EvaluationException"/> whose problems name the file, the JSON path, the line and the text.
/// See <c>docs/scheme-format.md</c> and <c>docs/schemas/evaluation.schema.json</c>.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class EvaluationFile
{
    /// <summary>The value of the <c>format</c> property of an evaluation file.</summary>
    public const string Format = "perfeval/evaluation@1";

    private static readonly ImmutableArray<(string, Direction)> Directions =
        [("positive", Direction.Positive), ("negative", Direction.Negative), ("equal", Direction.Equal)];

    /// <summary>Reads an evaluation file.</summary>
    /// <param name="path">The file's path; it also names the file in errors.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="EvaluationException">When the file cannot be read, is too large, or is not a valid evaluation; with every problem found.</exception>
    public static ProjectEvaluation Load(string path, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = FileBytes.Read(path, options ?? JsonFileOptions.Default, (file, problem, inner) => new EvaluationException(file, [problem], inner));
        return Parse(bytes, path, options);
    }

    /// <summary>
    /// Reads an evaluation file asynchronously, without synchronous I/O; the same contract as <see cref="Load(string, JsonFileOptions?)"/>.
    /// </summary>
    /// <param name="path">The file's path; it also names the file in errors.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="EvaluationException">When the file cannot be read, is too large, or is not a valid evaluation; with every problem found.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static async Task<ProjectEvaluation> LoadAsync(string path, JsonFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= JsonFileOptions.Default;
        var stream = FileBytes.OpenForRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await LoadAsync(stream, path, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads an evaluation from a stream of UTF-8 JSON asynchronously — no synchronous read is made, so it serves an
    /// ASP.NET Core request body as is. A seekable stream longer than <see cref="JsonFileOptions.MaxBytes"/> is refused
    /// before anything is read; any other stream is read into a pooled buffer that never grows past the limit.
    /// </summary>
    /// <param name="utf8Json">The stream, read from its position to its end; not disposed.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="EvaluationException">When the stream cannot be read (<c>FileUnreadable</c>, the <see cref="IOException"/> inside), is too large (<c>TooLarge</c>), or is not a valid evaluation; with every problem found.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static async Task<ProjectEvaluation> LoadAsync(Stream utf8Json, string? fileName = null, JsonFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        options ??= JsonFileOptions.Default;
        var (buffer, length) = await FileBytes.ReadAsync(utf8Json, options, fileName,
            (file, problem, inner) => new EvaluationException(file, [problem], inner), cancellationToken).ConfigureAwait(false);
        try
        {
            return ParseCore(buffer.AsSpan(0, length), fileName, options, lineOffset: 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads an evaluation from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 (a byte-order mark is skipped).</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="EvaluationException">When the JSON is not a valid evaluation; with every problem found.</exception>
    public static ProjectEvaluation Parse(ReadOnlySpan<byte> utf8Json, string? fileName = null, JsonFileOptions? options = null) =>
        ParseCore(utf8Json, fileName, options ?? JsonFileOptions.Default, lineOffset: 0);

    /// <summary>Reads an evaluation from a JSON string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="json"/> is null.</exception>
    /// <exception cref="EvaluationException">When the JSON is not a valid evaluation; with every problem found.</exception>
    public static ProjectEvaluation Parse(string json, string? fileName = null, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= JsonFileOptions.Default;
        if ((long)json.Length * 3 > options.MaxBytes && Encoding.UTF8.GetByteCount(json) > options.MaxBytes)
        {
            throw new EvaluationException(fileName, [FileBytes.TooLarge(Encoding.UTF8.GetByteCount(json), options, null)]);
        }

        return ParseCore(Encoding.UTF8.GetBytes(json), fileName, options, lineOffset: 0);
    }

    /// <summary>
    /// Reads a JSON Lines batch: one evaluation per line. Every non-blank line yields exactly one record —
    /// the evaluation, or the error for that line — so one bad record never stops the batch and nothing is
    /// dropped. Blank lines are skipped. Records are read lazily as the sequence is enumerated.
    /// </summary>
    /// <param name="jsonLines">The stream, UTF-8; it is read to the end but not disposed.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits (<see cref="JsonFileOptions.MaxBytes"/> applies to each line); <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>One record per non-blank line, in order.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="jsonLines"/> is null.</exception>
    /// <exception cref="IOException">When the stream itself fails.</exception>
    public static IEnumerable<EvaluationRecord> ReadLines(Stream jsonLines, string? fileName = null, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return ReadLinesCore(jsonLines, fileName, options ?? JsonFileOptions.Default);
    }

    /// <summary>Reads a JSON Lines batch asynchronously; the same contract as <see cref="ReadLines"/>.</summary>
    /// <param name="jsonLines">The stream, UTF-8; it is read to the end but not disposed.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>One record per non-blank line, in order.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="jsonLines"/> is null.</exception>
    /// <exception cref="IOException">When the stream itself fails.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static IAsyncEnumerable<EvaluationRecord> ReadLinesAsync(Stream jsonLines, string? fileName = null, JsonFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return ReadLinesAsyncCore(jsonLines, fileName, options ?? JsonFileOptions.Default, cancellationToken);
    }

    private static IEnumerable<EvaluationRecord> ReadLinesCore(Stream stream, string? fileName, JsonFileOptions options)
    {
        using var lines = new LineSplitter(stream, options.MaxBytes);
        while (lines.Next())
        {
            if (lines.Current() is { } record)
            {
                yield return ToRecord(record, lines, fileName, options);
            }
        }
    }

    private static async IAsyncEnumerable<EvaluationRecord> ReadLinesAsyncCore(Stream stream, string? fileName, JsonFileOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        using var lines = new LineSplitter(stream, options.MaxBytes);
        while (await lines.NextAsync(ct).ConfigureAwait(false))
        {
            if (lines.Current() is { } record)
            {
                yield return ToRecord(record, lines, fileName, options);
            }
        }
    }

    private static EvaluationRecord ToRecord(LineSplitter.Line line, LineSplitter lines, string? fileName, JsonFileOptions options)
    {
        if (line.TooLong)
        {
            return new EvaluationRecord(line.Number, null, new EvaluationException(fileName,
                [FileBytes.TooLarge(line.Length, options, line.Number) with { JsonPath = "$" }]));
        }

        try
        {
            return new EvaluationRecord(line.Number, ParseCore(lines.Bytes(line), fileName, options, line.Number - 1), null);
        }
        catch (EvaluationException e)
        {
            return new EvaluationRecord(line.Number, null, e);
        }
    }

    internal static ProjectEvaluation ParseCore(ReadOnlySpan<byte> json, string? fileName, JsonFileOptions options, long lineOffset)
    {
        json = StrictJson.SkipBom(json);
        if (json.Length <= options.MaxBytes && EvaluationReader.TryRead(json, options, EvaluationBuilder.MaxIndicators, lineOffset) is var (dto, scan))
        {
            return Build(dto, scan, json, fileName, lineOffset);
        }

        // Not a plain valid document: the strict path reads it again and words what is wrong.
        return ParseStrict(json, fileName, options, lineOffset);
    }

    /// <summary>The pre-pass, the source-generated serializer and the mapping: the path that words every error.</summary>
    internal static ProjectEvaluation ParseStrict(ReadOnlySpan<byte> json, string? fileName, JsonFileOptions options, long lineOffset)
    {
        json = StrictJson.SkipBom(json);
        if (json.Length > options.MaxBytes)
        {
            throw new EvaluationException(fileName, [FileBytes.TooLarge(json.Length, options, null)]);
        }

        ScanResult scan;
        try
        {
            scan = StrictJson.Scan(json, options, trackIndicators: true, EvaluationBuilder.MaxIndicators, lineOffset);
        }
        catch (JsonProblemException p)
        {
            throw new EvaluationException(fileName, [p.Problem]);
        }

        if (scan.Format is { } format && !string.Equals(format, Format, StringComparison.Ordinal))
        {
            throw new EvaluationException(fileName, [WrongFormat(json, format, Format, lineOffset)]);
        }

        if (scan.OutOfRange is { } outOfRange)
        {
            throw new EvaluationException(fileName, [outOfRange]);
        }

        EvaluationDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, PerfEvalJsonContext.Default.EvaluationDto);
        }
        catch (JsonException e)
        {
            throw new EvaluationException(fileName, [StrictJson.FromSerializer(json, e, PerfEvalJsonContext.Default.EvaluationDto, lineOffset)], e);
        }

        if (dto is null)
        {
            throw new EvaluationException(fileName, [new Problem("WrongType", null, "文件内容应为 JSON 对象，实为 null", "The file must hold a JSON object, not null", "null", "$", lineOffset + 1)]);
        }

        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            throw new EvaluationException(fileName, [WrongFormat(json, dto.Format, Format, lineOffset)]);
        }

        return Build(dto, scan, json, fileName, lineOffset);
    }

    /// <summary>Maps a document read by either path to the model and validates it, locating each problem in <paramref name="json"/>.</summary>
    private static ProjectEvaluation Build(EvaluationDto dto, ScanResult scan, ReadOnlySpan<byte> json, string? fileName, long lineOffset)
    {
        var problems = new ProblemList();
        var builder = Map(dto, scan, problems);
        builder.File = fileName;
        if (problems.Items.Count > 0)
        {
            throw new EvaluationException(fileName, problems.Located(json, lineOffset));
        }

        try
        {
            return builder.Build();
        }
        catch (EvaluationException e)
        {
            var located = new List<Problem>(e.Problems.Count);
            foreach (var p in e.Problems)
            {
                var withPath = p.JsonPath is null ? p with { JsonPath = PathFor(p) } : p;
                var at = ProblemList.Locate(withPath, json, lineOffset);
                located.Add(at.Line is null && withPath.Line is { } keep ? at with { Line = keep } : at);
            }

            throw new EvaluationException(fileName, located, e);
        }
    }

    internal static Problem WrongFormat(ReadOnlySpan<byte> json, string found, string expected, long lineOffset)
    {
        var (line, _) = StrictJson.LineAndText(json, "$.format", lineOffset);
        return new Problem("UnsupportedFormat", null, $"不支持的格式“{found}”：应为“{expected}”", $"Unsupported format \"{found}\": expected \"{expected}\"", found, "$.format", line);
    }

    private static string PathFor(Problem p) => p.Code switch
    {
        "InvalidBudget" => "$.budget",
        "EmptyTree" => "$.indicators",
        "MissingField" when p.MessageEn.Contains("scheme", StringComparison.Ordinal) => "$.scheme",
        "MissingField" => "$.project.id",
        _ => "$",
    };

    private static EvaluationBuilder Map(EvaluationDto dto, ScanResult scan, ProblemList problems)
    {
        var project = dto.Project;
        var b = new EvaluationBuilder(project.Id, dto.Scheme)
        {
            Name = project.Name,
            Unit = project.Unit,
            Region = project.Region,
            Year = project.Year,
            Source = project.Source,
        };
        if (dto.Budget is { } budget)
        {
            b.Budget = new Budget(budget.Planned, budget.Executed, budget.Unit);
        }

        if (dto.Reported is { } reported)
        {
            decimal? rate = null;
            if (reported.ExecutionRate is { } text)
            {
                rate = ReadPercent(text);
                if (rate is null)
                {
                    problems.Add("UnreadableValue", "$.reported.executionRate",
                        $"无法读取预算执行率“{text}”：应写为百分数，如“97.10%”", $"Cannot read the execution rate \"{text}\": write a percentage such as \"97.10%\"", text);
                }
            }

            b.Reported = new ReportedFigures(reported.Total, reported.Grade, rate);
        }

        if (dto.Notes is { } notes)
        {
            for (var i = 0; i < notes.Count; i++)
            {
                if (notes[i] is { } note)
                {
                    b.Notes.Add(note);
                }
                else
                {
                    problems.NullItem(StrictJson.Item("$.notes", i));
                }
            }
        }

        if (dto.Flags is { } flags)
        {
            foreach (var (name, value) in flags)
            {
                b.Flags[name] = value;
            }
        }

        var counter = 0;
        MapNodes(dto.Indicators, null, b.Indicators, b, scan, ref counter, problems);
        return b;
    }

    private static void MapNodes(List<NodeDto?> nodes, JsonOrigin? parent, IList<IndicatorBuilder> into, EvaluationBuilder b, ScanResult scan, ref int counter, ProblemList problems)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not { } n)
            {
                problems.NullItem(new JsonOrigin(parent, i, null).JsonPath);
                continue;
            }

            var line = counter < scan.NodeLines.Count ? scan.NodeLines[counter] : (long?)null;
            counter++;
            var at = new JsonOrigin(parent, i, line);
            var node = new IndicatorBuilder(n.Name, n.Weight)
            {
                Target = n.Target,
                Actual = n.Actual,
                Unit = n.Unit,
                TextValue = n.TextValue,
                TextQuote = n.TextQuote,
                SelfScore = n.SelfScore,
                NotApplicable = n.NotApplicable ?? false,
                DeviationReason = n.DeviationReason,
                Checklist = n.Checklist is null ? null : [.. n.Checklist],
                Note = n.Note,
                MaxBonus = n.MaxBonus,
                BonusPerUnit = n.BonusPerUnit,
                Scale = n.Scale,
                Origin = at,
            };
            into.Add(node);

            // Paths are built only where a problem names them (mapping runs for every record of a batch).
            if (n.Method is { } method)
            {
                node.Method = MethodJson.Read(method, at.Member("method"), problems);
            }

            node.Direction = n.Direction is null ? Direction.Unspecified
                : MethodJson.Enum(n.Direction, at.Member("direction"), "direction", "方向", Directions, problems) ?? Direction.Unspecified;

            if (n.SelfScoreParts is { } parts)
            {
                for (var p = 0; p < parts.Count; p++)
                {
                    if (parts[p] is { } part)
                    {
                        node.SelfScoreParts.Add(new ScorePart(part.Name, part.SelfScore));
                    }
                    else
                    {
                        problems.NullItem(StrictJson.Item(at.Member("selfScoreParts"), p));
                    }
                }
            }

            if (n.Children is { } children)
            {
                if (children.Count == 0)
                {
                    problems.Add("EmptyList", at.Member("children"),
                        "children 不能为空数组：叶子指标请省略 children", "children cannot be empty: leave it out for a leaf", "[]");
                }

                MapNodes(children, at, node.Children, b, scan, ref counter, problems);
            }
        }
    }

    /// <summary>Reads "97.10%" (or "97.10％") as 97.10.</summary>
    internal static decimal? ReadPercent(string text)
    {
        var t = text.Trim();
        if (t.Length < 2 || t[^1] is not ('%' or '％'))
        {
            return null;
        }

        return decimal.TryParse(t.AsSpan(0, t.Length - 1).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}

/// <summary>
/// One record of a JSON Lines batch: the evaluation read from a line, or the error that line gave.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EvaluationRecord
{
    internal EvaluationRecord(long line, ProjectEvaluation? evaluation, EvaluationException? error)
    {
        Line = line;
        Evaluation = evaluation;
        Error = error;
    }

    /// <summary>The 1-based line of the batch file the record comes from.</summary>
    public long Line { get; }

    /// <summary>The evaluation, when the line could be read.</summary>
    public ProjectEvaluation? Evaluation { get; }

    /// <summary>The error, when it could not; its problems carry <see cref="Line"/>.</summary>
    public EvaluationException? Error { get; }

    /// <summary>Whether the line gave an error rather than an evaluation.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Evaluation))]
    public bool IsError => Error is not null;

    /// <inheritdoc/>
    public override string ToString() =>
        IsError
            ? string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Error.Message}")
            : string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Evaluation.Id}");
}

/// <summary>Reads a whole file within the size limit, turning I/O failures into the format's exception.</summary>
internal static class FileBytes
{
    public static byte[] Read(string path, JsonFileOptions options, Func<string, Problem, Exception?, Exception> error)
    {
        if (Directory.Exists(path))
        {
            // Opening a directory fails with "Access denied", which sends the user looking at permissions.
            throw error(path, new Problem("FileUnreadable", null, "这是一个目录，不是文件", "This is a directory, not a file", path), null);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var length = stream.CanSeek ? stream.Length : 0;
            if (length > options.MaxBytes)
            {
                throw error(path, TooLarge(length, options, null), null);
            }

            if (length > 0)
            {
                var bytes = new byte[length];
                stream.ReadExactly(bytes);
                if (stream.ReadByte() < 0) return bytes;
            }

            // A length of 0 may be a lie (procfs, pipes, a file still growing): read to the end, still within the limit.
            if (stream.CanSeek) stream.Position = 0;
            return ReadToEnd(stream, options, path, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw error(path, new Problem("FileUnreadable", null, $"无法读取文件：{e.Message}", $"Cannot read the file: {e.Message}", path), e);
        }
    }

    private static byte[] ReadToEnd(Stream stream, JsonFileOptions options, string path, Func<string, Problem, Exception?, Exception> error)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                throw error(path, TooLarge(buffer.Length + read, options, null), null);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Opens a file for an asynchronous read; a directory, or a file that cannot be opened, is an
    /// <see cref="EvaluationException"/> (<c>FileUnreadable</c>) naming it.
    /// </summary>
    public static FileStream OpenForRead(string path)
    {
        if (Directory.Exists(path))
        {
            throw new EvaluationException(path, [new Problem("FileUnreadable", null, "这是一个目录，不是文件", "This is a directory, not a file", path)]);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new EvaluationException(path, [new Problem("FileUnreadable", null, $"无法读取文件：{e.Message}", $"Cannot read the file: {e.Message}", path)], e);
        }
    }

    /// <summary>
    /// Reads a stream to its end asynchronously into a buffer rented from the shared pool (the caller returns it),
    /// within the size limit: a seekable stream's length is checked before anything is allocated, and the buffer
    /// never grows past the limit.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream stream, JsonFileOptions options, string? name,
        Func<string?, Problem, Exception?, Exception> error, CancellationToken ct)
    {
        long known = -1;
        try
        {
            if (stream.CanSeek) known = Math.Max(0, stream.Length - stream.Position);
        }
        catch (NotSupportedException)
        {
            // A stream that says it seeks but has no length: read it to the end.
        }

        if (known > options.MaxBytes)
        {
            throw error(name, TooLarge(known, options, null), null);
        }

        // One byte more than the limit (or than the known length) is room to see that the end has been reached.
        var cap = (int)Math.Min(options.MaxBytes + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, known >= 0 ? known + 1 : 16 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= cap)
                    {
                        throw error(name, TooLarge(length, options, null), null);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read;
                try
                {
                    read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
                {
                    throw error(name, new Problem("FileUnreadable", null, $"无法读取：{e.Message}", $"Cannot read: {e.Message}", name), e);
                }

                if (read == 0) break;
                length += read;
                if (length > options.MaxBytes)
                {
                    throw error(name, TooLarge(length, options, null), null);
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static Problem TooLarge(long length, JsonFileOptions options, long? line) =>
        new("TooLarge", null,
            string.Create(CultureInfo.InvariantCulture, $"内容过大：{length} 字节，上限 {options.MaxBytes} 字节"),
            string.Create(CultureInfo.InvariantCulture, $"Too large: {length} bytes, the limit is {options.MaxBytes}"),
            null, "$", line);
}

/// <summary>Splits a stream into lines without holding more than one line (up to the limit) in memory.</summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class LineSplitter : IDisposable
{
    private readonly Stream _stream;
    private readonly long _max;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _number;
    private Line? _current;
    private bool _skipping;
    private long _skipped;

    public LineSplitter(Stream stream, long max)
    {
        _stream = stream;
        _max = max;
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    public readonly record struct Line(long Number, int Start, int Length, bool TooLong);

    public Line? Current() => _current;

    public ReadOnlySpan<byte> Bytes(Line line) => _buffer.AsSpan(line.Start, line.Length);

    public bool Next()
    {
        while (true)
        {
            if (TryTake(out var done))
            {
                return true;
            }

            if (done)
            {
                return false;
            }

            Compact();
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            Filled(n);
        }
    }

    public async ValueTask<bool> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryTake(out var done))
            {
                return true;
            }

            if (done)
            {
                return false;
            }

            Compact();
            var n = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), ct).ConfigureAwait(false);
            Filled(n);
        }
    }

    private void Filled(int n)
    {
        if (n == 0)
        {
            _eof = true;
        }
        else
        {
            if (_number == 0 && _start == 0 && _end == 0 && n >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
            }

            _end += n;
        }
    }

    /// <summary>Takes the next line from the buffer; a record for a blank line is null.</summary>
    private bool TryTake(out bool done)
    {
        done = false;
        var data = _buffer.AsSpan(_start, _end - _start);
        var nl = data.IndexOf((byte)'\n');
        if (nl < 0 && !_eof)
        {
            if (_skipping)
            {
                _skipped += data.Length;
                _start = _end;
                return false;
            }

            if (data.Length > _max)
            {
                _skipping = true;
                _skipped = data.Length;
                _start = _end;
            }

            return false;
        }

        if (nl < 0 && data.Length == 0 && !_skipping)
        {
            done = true;
            return false;
        }

        var length = nl < 0 ? data.Length : nl;
        var lineStart = _start;
        _start += nl < 0 ? data.Length : nl + 1;
        _number++;
        if (_skipping)
        {
            _skipping = false;
            _current = new Line(_number, 0, (int)Math.Min(int.MaxValue, _skipped + length), true);
            return true;
        }

        var content = _buffer.AsSpan(lineStart, length);
        if (content.Length > 0 && content[^1] == (byte)'\r')
        {
            length--;
        }

        if (length > _max)
        {
            _current = new Line(_number, 0, length, true);
            return true;
        }

        _current = _buffer.AsSpan(lineStart, length).Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t']).IsEmpty ? null : new Line(_number, lineStart, length, false);
        return true;
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
