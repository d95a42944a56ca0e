using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Scoring;

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

    /// <summary>
    /// Reads a result file back as the result it records — nothing is graded again — so it can be shown (a scorecard
    /// page from a result, <c>perfeval report</c>). The scheme is looked up by its id for its grade bands and rounding.
    /// </summary>
    /// <param name="path">The result file (<c>perfeval/result@1</c>, as <see cref="Write"/> or one line of a batch writes it).</param>
    /// <param name="catalog">Where the scheme is found; <see cref="SchemeCatalog.Default"/> when null.</param>
    /// <returns>The result, with the evaluation as far as the file records it (project, budget, reported figures, notes, each row's weight, target, actual and self-score).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="EvaluationException">When the file cannot be read or is not a result (an error record, another format), naming the place.</exception>
    /// <exception cref="SchemeException">When the catalog has no scheme of the result's id.</exception>
    public static GradingResult Read(string path, SchemeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = FileBytes.Read(path, JsonFileOptions.Default, (file, problem, inner) => new EvaluationException(file, [problem], inner));
        return Parse(bytes, path, catalog);
    }

    /// <summary>Reads a result from UTF-8 JSON; the same contract as <see cref="Read"/>.</summary>
    /// <param name="utf8Json">The result file's bytes.</param>
    /// <param name="fileName">The name to give in errors, if any.</param>
    /// <param name="catalog">Where the scheme is found; <see cref="SchemeCatalog.Default"/> when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="EvaluationException">When the JSON is not a result, naming the place.</exception>
    /// <exception cref="SchemeException">When the catalog has no scheme of the result's id.</exception>
    public static GradingResult Parse(ReadOnlySpan<byte> utf8Json, string? fileName = null, SchemeCatalog? catalog = null)
    {
        var json = StrictJson.SkipBom(utf8Json);
        ResultDto? dto;
        try
        {
            if (StrictJson.Scan(json, JsonFileOptions.Default, trackIndicators: false, 0, 0).OutOfRange is { } outOfRange)
            {
                throw new EvaluationException(fileName, [outOfRange]);
            }

            dto = JsonSerializer.Deserialize(json, PerfEvalJsonContext.Default.ResultDto);
        }
        catch (JsonProblemException problem)
        {
            throw new EvaluationException(fileName, [problem.Problem]);
        }
        catch (JsonException e)
        {
            throw new EvaluationException(fileName, [StrictJson.FromSerializer(json, e, PerfEvalJsonContext.Default.ResultDto, 0)], e);
        }

        if (dto is null || !string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            throw new EvaluationException(fileName, [EvaluationFile.WrongFormat(json, dto?.Format ?? "null", Format, 0)]);
        }

        var scheme = (catalog ?? SchemeCatalog.Default).Get(dto.Scheme.Id);
        var p = dto.Project;
        var b = new EvaluationBuilder(p.Id, dto.Scheme.Id)
        {
            Name = p.Name,
            Unit = p.Unit,
            Region = p.Region,
            Year = p.Year,
            Source = p.Source,
            Budget = dto.Budget is { } budget ? new Budget(budget.Planned, budget.Executed, budget.Unit) : null,
            Reported = dto.Reported is { } r
                ? new ReportedFigures(r.Total, r.Grade, r.ExecutionRate is { } rate ? EvaluationFile.ReadPercent(rate) : null)
                : new ReportedFigures(),
            File = fileName,
        };
        foreach (var note in dto.Notes ?? [])
        {
            if (note is not null) b.Notes.Add(note);
        }

        // The rows are written depth first with their levels: a stack of the open branches rebuilds the tree.
        var open = new List<IndicatorBuilder>();
        foreach (var i in dto.Indicators)
        {
            var node = new IndicatorBuilder(i.Name, i.WeightAssigned ? null : i.Weight)
            {
                Target = i.Target,
                Actual = i.Actual,
                SelfScore = i.SelfScore,
                NotApplicable = i.NotApplicable,
                DeviationReason = i.DeviationReason,
            };
            if (i.Level < 1 || i.Level > open.Count + 1)
            {
                throw new EvaluationException(fileName, [new Problem("InvalidResult", i.Path,
                    $"指标“{i.Path}”的层级 {i.Level} 与其前一行不接", $"The indicator \"{i.Path}\" has level {i.Level}, which does not follow the row before it",
                    i.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), "$.indicators")]);
            }

            open.RemoveRange(i.Level - 1, open.Count - (i.Level - 1));
            (i.Level == 1 ? b.Indicators : open[^1].Children).Add(node);
            open.Add(node);
        }

        var evaluation = b.Build();
        var indicators = ImmutableArray.CreateBuilder<IndicatorResult>(dto.Indicators.Count);
        for (var n = 0; n < dto.Indicators.Count; n++)
        {
            var i = dto.Indicators[n];
            MethodKind? method = i.Method is null ? null
                : MethodJson.KindOf(i.Method) ?? throw Unknown(json, fileName, StrictJson.Child(StrictJson.Item("$.indicators", n), "method"), i.Method, "method", "计分方法", MethodJson.KindNames);
            indicators.Add(new IndicatorResult(i.Path, i.Name, i.Level, i.Weight, i.WeightAssigned, i.Score, i.SelfScore, i.Leaf, i.NotApplicable,
                Explanation(i.Explanation, method)));
        }

        var findings = ImmutableArray.CreateBuilder<Finding>(dto.Findings.Count);
        for (var n = 0; n < dto.Findings.Count; n++)
        {
            var f = dto.Findings[n];
            var severity = SeverityOf(f.Severity)
                ?? throw Unknown(json, fileName, StrictJson.Child(StrictJson.Item("$.findings", n), "severity"), f.Severity, "severity", "严重程度", ["error", "warning", "info"]);
            findings.Add(new Finding(f.Code, severity, f.Path, f.MessageZh, f.MessageEn) { Evidence = [.. f.Evidence.Select(x => new Evidence(x.Figure, x.Value, x.Source))] });
        }

        // A grade a policy set is one of the scheme's bands; one that is not (an older scheme file) keeps its names.
        var grade = scheme.Grades.FirstOrDefault(g => string.Equals(g.Name, dto.Grade, StringComparison.Ordinal)) ?? new GradeBand(dto.Grade, 0m, dto.GradeEn);
        return new GradingResult(evaluation, scheme, dto.Total, Explanation(dto.Explanation, null), grade, indicators.MoveToImmutable(), findings.MoveToImmutable());
    }

    /// <summary>A name the result format does not have, as a problem at its place naming the names it has.</summary>
    private static EvaluationException Unknown(ReadOnlySpan<byte> json, string? fileName, string jsonPath, string text, string what, string whatZh, IEnumerable<string> allowed)
    {
        var problems = new ProblemList();
        problems.Unknown(jsonPath, what, whatZh, text, allowed);
        return new EvaluationException(fileName, problems.Located(json, 0));
    }

    private static Explanation Explanation(ExplanationDto e, MethodKind? method) => new(method, e.Arithmetic, e.Zh, e.En, [.. e.Reasons]);

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
        var line = ToJsonLinePooled(record);
        var text = Encoding.UTF8.GetString(line.Span);
        line.Return();
        return text;
    }

    /// <summary><see cref="ToJsonLine"/> as UTF-8 bytes (with its newline when asked) in a pooled buffer, as a batch writer writes them.</summary>
    internal static PooledJson ToJsonLinePooled(BatchResult record, bool newline = false) => record.IsError
        ? JsonOut.ToPooled(ErrorRecord(record.Line, record.ProjectId, record.Error), PerfEvalJsonContext.Default.ErrorRecordDto, newline)
        : JsonOut.ToPooled(ToDto(record.Result, record.Line), PerfEvalJsonContext.Default.ResultDto, newline);

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

    internal static ResultDto ToDto(GradingResult r, long? line = null)
    {
        var e = r.Evaluation;
        return new()
        {
            Format = Format,
            Line = line,
            Total = Num.Normal(r.Total),
            Grade = r.Grade.Name,
            GradeEn = r.Grade.NameEn,
            Scheme = new SchemeRefDto { Id = r.Scheme.Id, Name = r.Scheme.Name, NameEn = r.Scheme.NameEn },
            Project = new ProjectRefDto { Id = e.Id, Name = e.Name, Unit = e.Unit, Year = e.Year, Region = e.Region, Source = e.Source },
            Explanation = Explain(r.TotalExplanation),
            Indicators = Rows(r),
            Findings = [.. r.Findings.Select(f => new FindingDto
            {
                Code = f.Code,
                Severity = SeverityName(f.Severity),
                Path = f.Path,
                MessageZh = f.MessageZh,
                MessageEn = f.MessageEn,
                Evidence = [.. f.Evidence.Select(x => new EvidenceDto { Figure = x.Figure, Value = x.Value, Source = x.Source })],
            })],
            Budget = e.Budget is { } b ? new BudgetDto { Planned = b.Planned, Executed = b.Executed, Unit = b.Unit } : null,
            Reported = e.Reported is { Total: null, Grade: null, ExecutionRatePercent: null } ? null : new ReportedDto
            {
                Total = e.Reported.Total,
                Grade = e.Reported.Grade,
                ExecutionRate = e.Reported.ExecutionRatePercent is { } rate ? MethodJson.F(rate) + "%" : null,
            },
            Notes = e.Notes.IsDefaultOrEmpty ? null : [.. e.Notes],
        };
    }

    /// <summary>Each row with the indicator it scores: a grader's rows are the tree in walk order, so a lookup by path is needed only for rows that are not.</summary>
    private static List<IndicatorResultDto> Rows(GradingResult r)
    {
        var rows = new List<IndicatorResultDto>(r.Indicators.Length);
        Dictionary<string, Model.Indicator>? byPath = null;
        using var walk = r.Evaluation.Walk().GetEnumerator();
        foreach (var i in r.Indicators)
        {
            Model.Indicator? input;
            if (byPath is null && walk.MoveNext() && string.Equals(walk.Current.Path, i.Path, StringComparison.Ordinal))
            {
                input = walk.Current;
            }
            else
            {
                byPath ??= r.Evaluation.Walk().ToDictionary(n => n.Path, StringComparer.Ordinal);
                input = byPath.GetValueOrDefault(i.Path);
            }

            rows.Add(Row(i, input));
        }

        return rows;
    }

    /// <summary>One row: its score and why, and the values the report wrote for it (<paramref name="input"/>).</summary>
    private static IndicatorResultDto Row(IndicatorResult i, Model.Indicator? input) => new()
    {
        Path = i.Path,
        Name = i.Name,
        Level = i.Level,
        Weight = Num.Normal(i.Weight),
        WeightAssigned = i.IsWeightAssigned,
        Score = Num.Normal(i.Score),
        SelfScore = i.SelfScore is { } self ? Num.Normal(self) : null,
        Leaf = i.IsLeaf,
        NotApplicable = i.IsNotApplicable,
        Method = i.Explanation.Method is { } m ? MethodJson.Name(m) : null,
        Explanation = Explain(i.Explanation),
        Target = input?.TargetText,
        Actual = input?.ActualText,
        DeviationReason = input?.DeviationReason,
    };

    /// <summary>How the result format names a severity; <see cref="SeverityOf"/> reads it back.</summary>
    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The severity a result file names, or null for a name the format does not have.</summary>
    internal static Severity? SeverityOf(string name) => name switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "info" => Severity.Info,
        _ => null,
    };

    private static ExplanationDto Explain(Explanation e) => new()
    {
        Arithmetic = e.Arithmetic,
        Zh = e.Zh,
        En = e.En,
        Reasons = [.. e.Reasons],
    };
}
