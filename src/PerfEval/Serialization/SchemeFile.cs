using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfEval.Model;

namespace PerfEval.Serialization;

/// <summary>
/// Reads and writes scheme files (<c>perfeval/scheme@1</c>). Reading gives a <see cref="SchemeDefinition"/>
/// — a scheme as the file states it, which may extend another; <see cref="Schemes.SchemeCatalog.WithDefinitions"/>
/// resolves <c>extends</c> chains and validates the result. Reading is strict, as for evaluation files,
/// and every error is a <see cref="SchemeException"/> naming the file, the JSON path, the line and the text.
/// See <c>docs/scheme-format.md</c>.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class SchemeFile
{
    /// <summary>The value of the <c>format</c> property of a scheme file.</summary>
    public const string Format = "perfeval/scheme@1";

    internal static readonly ImmutableArray<(string, MidpointRounding)> Modes =
        [("halfAwayFromZero", MidpointRounding.AwayFromZero), ("halfEven", MidpointRounding.ToEven)];

    internal static readonly ImmutableArray<(string, RoundingScope)> Scopes =
        [("leaf", RoundingScope.Leaf), ("everyLevel", RoundingScope.EveryLevel), ("totalOnly", RoundingScope.TotalOnly)];

    internal static readonly ImmutableArray<(string, NotApplicablePolicy)> NotApplicables =
        [("rescale", NotApplicablePolicy.Rescale), ("fullMarks", NotApplicablePolicy.FullMarks)];

    internal static readonly ImmutableArray<(string, PolicyKind)> PolicyKinds =
        [("veto", PolicyKind.Veto), ("gradeCap", PolicyKind.GradeCap), ("bonus", PolicyKind.Bonus), ("deduction", PolicyKind.Deduction)];

    /// <summary>Reads a scheme file.</summary>
    /// <param name="path">The file's path; it also names the file in errors.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The definition, checked on its own (its <c>extends</c> is resolved by a catalog).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="SchemeException">When the file cannot be read, is too large, or is not a valid scheme file.</exception>
    public static SchemeDefinition Load(string path, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = FileBytes.Read(path, options ?? JsonFileOptions.Default, (file, problem, inner) => new SchemeException(file, [problem], inner));
        return Parse(bytes, path, options);
    }

    /// <summary>Reads a scheme from a JSON string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="json"/> is null.</exception>
    /// <exception cref="SchemeException">When the JSON is not a valid scheme file.</exception>
    public static SchemeDefinition Parse(string json, string? fileName = null, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var limit = (options ?? JsonFileOptions.Default).MaxBytes;
        if ((long)json.Length * 3 > limit && Encoding.UTF8.GetByteCount(json) is var count && count > limit)
        {
            throw new SchemeException(fileName, [FileBytes.TooLarge(count, options ?? JsonFileOptions.Default, null)]);
        }

        return Parse(Encoding.UTF8.GetBytes(json), fileName, options);
    }

    /// <summary>Reads a scheme from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 (a byte-order mark is skipped).</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="options">Limits; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="SchemeException">When the JSON is not a valid scheme file.</exception>
    public static SchemeDefinition Parse(ReadOnlySpan<byte> utf8Json, string? fileName = null, JsonFileOptions? options = null)
    {
        options ??= JsonFileOptions.Default;
        var json = StrictJson.SkipBom(utf8Json);
        if (json.Length > options.MaxBytes)
        {
            throw new SchemeException(fileName, [FileBytes.TooLarge(json.Length, options, null)]);
        }

        ScanResult scan;
        try
        {
            scan = StrictJson.Scan(json, options, trackIndicators: true, Model.EvaluationBuilder.MaxIndicators, 0);
        }
        catch (JsonProblemException p)
        {
            throw new SchemeException(fileName, [p.Problem]);
        }

        if (scan.Format is { } format && !string.Equals(format, Format, StringComparison.Ordinal))
        {
            throw new SchemeException(fileName, [EvaluationFile.WrongFormat(json, format, Format, 0)]);
        }

        if (scan.OutOfRange is { } outOfRange)
        {
            throw new SchemeException(fileName, [outOfRange]);
        }

        SchemeDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, PerfEvalJsonContext.Default.SchemeDto);
        }
        catch (JsonException e)
        {
            throw new SchemeException(fileName, [StrictJson.FromSerializer(json, e, PerfEvalJsonContext.Default.SchemeDto, 0)], e);
        }

        if (dto is null)
        {
            throw new SchemeException(fileName, [new Problem("WrongType", null, "文件内容应为 JSON 对象，实为 null", "The file must hold a JSON object, not null", "null", "$", 1)]);
        }

        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            throw new SchemeException(fileName, [EvaluationFile.WrongFormat(json, dto.Format, Format, 0)]);
        }

        var problems = new ProblemList();
        var layer = SchemeLayer.FromDto(dto, problems);
        if (problems.Items.Count > 0)
        {
            throw new SchemeException(fileName, problems.Located(json, 0));
        }

        var extendsLine = dto.Extends is null ? null : StrictJson.LineAndText(json, "$.extends", 0, withText: false).Line;
        return new SchemeDefinition(layer, fileName, extendsLine, json.ToArray());
    }

    /// <summary>
    /// Writes a scheme as a standalone scheme file: everything resolved, no <c>extends</c>. Reading the
    /// result back gives an equal scheme.
    /// </summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The JSON, indented, with Chinese written as is.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="scheme"/> is null.</exception>
    public static string ToJson(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        using var stream = new MemoryStream();
        Write(stream, scheme);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a scheme as a standalone scheme file, UTF-8, to <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream; it is flushed, not disposed.</param>
    /// <param name="scheme">The scheme.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static void Write(Stream stream, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(scheme);
        var d = scheme.Defaults;
        var dto = new SchemeDto
        {
            Format = Format,
            Id = scheme.Id,
            Name = scheme.Name,
            NameEn = scheme.NameEn,
            Region = scheme.Region,
            Sources = scheme.Sources.IsEmpty ? null : [.. scheme.Sources],
            Frame = scheme.Frame.IsEmpty ? null : [.. scheme.Frame.Select(WriteFrame)],
            Defaults = new DefaultsDto
            {
                Positive = MethodJson.Write(d.Positive),
                Negative = MethodJson.Write(d.Negative),
                Equal = MethodJson.Write(d.Equal),
                Qualitative = MethodJson.Write(d.Qualitative),
                ExecutionRate = MethodJson.Write(d.ExecutionRate),
            },
            Grades = [.. scheme.Grades.Select(g => (GradeDto?)new GradeDto { Name = g.Name, NameEn = g.NameEn, Min = g.Min })],
            Rounding = new RoundingDto
            {
                Places = scheme.Rounding.Places,
                Mode = Modes.First(m => m.Item2 == scheme.Rounding.Mode).Item1,
                Scope = Scopes.First(m => m.Item2 == scheme.Rounding.Scope).Item1,
            },
            NotApplicable = NotApplicables.First(m => m.Item2 == scheme.NotApplicable).Item1,
            Tolerance = scheme.Tolerance,
            Policies = scheme.Policies.IsEmpty ? null : [.. scheme.Policies.Select(WritePolicy)],
        };
        JsonOut.Write(stream, dto, PerfEvalJsonContext.Default.SchemeDto, indented: true);
    }

    private static FrameDto? WriteFrame(FrameIndicator f) => new()
    {
        Name = f.Name,
        Weight = f.Weight,
        Aliases = f.Aliases.IsEmpty ? null : [.. f.Aliases],
        Children = f.Children.IsEmpty ? null : [.. f.Children.Select(WriteFrame)],
    };

    private static PolicyDto? WritePolicy(Policy p) => new()
    {
        Kind = PolicyKinds.First(k => k.Item2 == p.Kind).Item1,
        Name = p.Name,
        Flag = p.Flag,
        Grade = p.Kind == PolicyKind.Veto ? p.Grade : null,
        MaxGrade = p.Kind == PolicyKind.GradeCap ? p.Grade : null,
        Indicator = p.Indicator,
        BelowFraction = p.Kind == PolicyKind.GradeCap ? p.BelowFraction : null,
        Points = p.Kind is PolicyKind.Bonus or PolicyKind.Deduction ? p.Points : null,
    };
}

/// <summary>
/// A scheme as one file states it: its own fields and, through <see cref="Extends"/>, the scheme it builds on.
/// Read with <see cref="SchemeFile"/>; resolve and validate with <see cref="Schemes.SchemeCatalog.WithDefinitions"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SchemeDefinition
{
    internal SchemeDefinition(SchemeLayer layer, string? file, long? extendsLine, byte[] source)
    {
        Layer = layer;
        File = file;
        ExtendsLine = extendsLine;
        Source = source;
    }

    /// <summary>The scheme's id.</summary>
    public string Id => Layer.Id;

    /// <summary>The scheme's name.</summary>
    public string Name => Layer.Name;

    /// <summary>The id of the scheme it extends, if any.</summary>
    public string? Extends => Layer.Extends;

    /// <summary>The file it was read from, if any.</summary>
    public string? File { get; }

    internal SchemeLayer Layer { get; }

    internal long? ExtendsLine { get; }

    /// <summary>The file's bytes, to give the line of a problem found when the scheme is resolved.</summary>
    internal byte[] Source { get; }

    /// <summary>Gives a problem of the resolved scheme (from <see cref="SchemeBuilder"/>) the JSON path and line of the field in this file.</summary>
    internal Problem Locate(Problem p)
    {
        var path = p.JsonPath ?? p.Code switch
        {
            "InvalidId" => "$.id",
            "MissingField" => "$.name",
            "NoGrades" or "GradesDoNotCover" or "GradesOverlap" or "InvalidGrade" or "DuplicateGrade" => "$.grades",
            "InvalidRounding" => "$.rounding.places",
            "InvalidTolerance" => "$.tolerance",
            "WeightSumMismatch" => "$.frame",
            "UnknownGrade" => "$.policies",
            _ => "$",
        };
        var (line, _) = StrictJson.LineAndText(Source, path, 0, withText: false);
        return p with { JsonPath = path, Line = p.Line ?? line };
    }

    /// <inheritdoc/>
    public override string ToString() => File is null ? Id : $"{Id} ({File})";
}
