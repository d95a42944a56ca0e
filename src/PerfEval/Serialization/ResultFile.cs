using System.Text;
using PerfEval.Grading;

namespace PerfEval.Serialization;

/// <summary>
/// Writes grading results as result files (<c>perfeval/result@1</c>): the total and grade, every indicator's
/// weight, score and explanation, and the findings. Numbers are JSON numbers written exactly
/// (culture-invariant decimals); Chinese is written as is, not escaped. See <c>docs/schemas/result.schema.json</c>.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ResultFile
{
    /// <summary>The value of the <c>format</c> property of a result file.</summary>
    public const string Format = "perfeval/result@1";

    /// <summary>Writes a result, UTF-8, to <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream; it is flushed, not disposed.</param>
    /// <param name="result">The result.</param>
    /// <param name="indented">Indented (the default) or on one line, as for a JSON Lines batch (no newline is added then).</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static void Write(Stream stream, GradingResult result, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        JsonOut.Write(stream, ToDto(result), PerfEvalJsonContext.Default.ResultDto, indented);
    }

    /// <summary>
    /// Writes a result, UTF-8, to <paramref name="stream"/> asynchronously — the JSON is built in memory and written and
    /// flushed with the stream's asynchronous calls only, so it serves an ASP.NET Core response body as is.
    /// </summary>
    /// <param name="stream">The stream; it is flushed, not disposed.</param>
    /// <param name="result">The result.</param>
    /// <param name="indented">Indented (the default) or on one line, as for a JSON Lines batch (no newline is added then).</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that completes when the result is written and flushed.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static async Task WriteAsync(Stream stream, GradingResult result, bool indented = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        JsonOut.Write(buffer, ToDto(result), PerfEvalJsonContext.Default.ResultDto, indented);
        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result as JSON text.</summary>
    /// <param name="result">The result.</param>
    /// <param name="indented">Indented (the default) or on one line.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="result"/> is null.</exception>
    public static string ToJson(GradingResult result, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        Write(stream, result, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// One line of a JSON Lines result batch for a graded batch record: the result on one line with its
    /// <c>line</c>, or, for a line that could not be read or graded, an error record
    /// <c>{"format", "line", "project", "error": {"file", "problems": [...]}}</c>. No newline is added.
    /// </summary>
    /// <param name="record">The batch record.</param>
    /// <returns>The JSON, on one line.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="record"/> is null.</exception>
    public static string ToJsonLine(BatchResult record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Encoding.UTF8.GetString(ToJsonLineBytes(record));
    }

    /// <summary><see cref="ToJsonLine"/> as UTF-8 bytes (with its newline when asked), as a batch writer writes them.</summary>
    internal static byte[] ToJsonLineBytes(BatchResult record, bool newline = false) => record.IsError
        ? JsonOut.ToBytes(ErrorRecord(record.Line, record.ProjectId, record.Error), PerfEvalJsonContext.Default.ErrorRecordDto, newline)
        : JsonOut.ToBytes(ToDto(record.Result, record.Line), PerfEvalJsonContext.Default.ResultDto, newline);

    internal static ErrorRecordDto ErrorRecord(long line, string? projectId, PerfEvalException error) => new()
    {
        Format = Format,
        Line = line,
        Project = projectId,
        Error = new ErrorDto
        {
            File = error.File,
            Problems = [.. error.Problems.Select(p => new ProblemDto
            {
                Code = p.Code,
                IndicatorPath = p.IndicatorPath,
                JsonPath = p.JsonPath,
                Line = p.Line,
                Text = p.Text,
                MessageZh = p.MessageZh,
                MessageEn = p.MessageEn,
            })],
        },
    };

    /// <summary>The same value without trailing zeros (100.0 → 100), so equal scores are written alike.</summary>
    private static decimal Normal(decimal value) => value / 1.000000000000000000000000000000000m;

    internal static ResultDto ToDto(GradingResult r, long? line = null) => new()
    {
        Format = Format,
        Line = line,
        Total = Normal(r.Total),
        Grade = r.Grade.Name,
        GradeEn = r.Grade.NameEn,
        Scheme = new SchemeRefDto { Id = r.Scheme.Id, Name = r.Scheme.Name, NameEn = r.Scheme.NameEn },
        Project = new ProjectRefDto { Id = r.Evaluation.Id, Name = r.Evaluation.Name, Unit = r.Evaluation.Unit, Year = r.Evaluation.Year },
        Explanation = Explain(r.TotalExplanation),
        Indicators = [.. r.Indicators.Select(i => new IndicatorResultDto
        {
            Path = i.Path,
            Name = i.Name,
            Level = i.Level,
            Weight = Normal(i.Weight),
            WeightAssigned = i.IsWeightAssigned,
            Score = Normal(i.Score),
            SelfScore = i.SelfScore is { } self ? Normal(self) : null,
            Leaf = i.IsLeaf,
            NotApplicable = i.IsNotApplicable,
            Method = i.Explanation.Method is { } m ? MethodJson.Name(m) : null,
            Explanation = Explain(i.Explanation),
        })],
        Findings = [.. r.Findings.Select(f => new FindingDto
        {
            Code = f.Code,
            Severity = f.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "info",
            },
            Path = f.Path,
            MessageZh = f.MessageZh,
            MessageEn = f.MessageEn,
            Evidence = [.. f.Evidence.Select(e => new EvidenceDto { Figure = e.Figure, Value = e.Value, Source = e.Source })],
        })],
    };

    private static ExplanationDto Explain(Explanation e) => new()
    {
        Arithmetic = e.Arithmetic,
        Zh = e.Zh,
        En = e.En,
        Reasons = [.. e.Reasons],
    };
}
