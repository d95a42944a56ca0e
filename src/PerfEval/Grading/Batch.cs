using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Grading;

/// <summary>How a batch is graded.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BatchOptions
{
    /// <summary>How many projects are graded at once; default the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// How many records may be in flight at once — read ahead, being graded, or graded and waiting for their turn in
    /// input order (this bounds memory, not the input's size); default 1024.
    /// </summary>
    public int ChunkSize { get; init; } = 1024;

    /// <summary>
    /// Whether results come out in input order (the default). When <see langword="false"/>, each comes out as soon as
    /// it is graded: faster when records differ much in size, and the <see cref="BatchResult.Line"/> says which is which.
    /// </summary>
    public bool PreserveOrder { get; init; } = true;

    /// <summary>
    /// How many records (non-blank lines) at the start to pass over without reading or grading them — to resume a
    /// batch whose first results were already written. Line numbers stay those of the file. Default 0.
    /// </summary>
    public long SkipRecords { get; init; }

    /// <summary>Limits for reading each record.</summary>
    public JsonFileOptions? Json { get; init; }

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least 1.");
        if (ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "At least 1.");
        if (SkipRecords < 0) throw new ArgumentOutOfRangeException(nameof(SkipRecords), SkipRecords, "At least 0.");
    }
}

/// <summary>One record of a graded batch: the result for a line, or the error that line gave.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BatchResult
{
    internal BatchResult(long line, string? projectId, GradingResult? result, PerfEvalException? error)
    {
        Line = line;
        ProjectId = projectId;
        Result = result;
        Error = error;
    }

    /// <summary>The 1-based line of the batch file.</summary>
    public long Line { get; }

    /// <summary>The project's id, when the line could be read.</summary>
    public string? ProjectId { get; }

    /// <summary>The result, when the project was graded.</summary>
    public GradingResult? Result { get; }

    /// <summary>Why the line could not be read or graded.</summary>
    public PerfEvalException? Error { get; }

    /// <summary>Whether the record is an error.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Result))]
    public bool IsError => Error is not null;
}

/// <summary>
/// Grades a JSON Lines stream of evaluations through the <see cref="BatchPipeline"/>: records are read in order,
/// parsed and graded in parallel, and come out in input order, one per line — a bad line yields an error record
/// and the batch goes on.
/// </summary>
internal static class BatchGrading
{
    public static IEnumerable<BatchResult> Grade(IGrader grader, Stream jsonLines, string? fileName, BatchOptions? options = null)
    {
        options ??= new BatchOptions();
        options.Validate();
        // One worker needs no other thread: a synchronous caller waiting on the pipeline's pool threads could be held
        // up for seconds by a thread pool busy with other work (seen in the fuzz test beside other tests).
        return options.MaxDegreeOfParallelism == 1
            ? BatchPipeline.RunInline(grader, BatchPipeline.JsonLinesInline(jsonLines, fileName, options.Json ?? JsonFileOptions.Default, options.SkipRecords), fileName, options, static r => r)
            : Run(grader, jsonLines, fileName, options, CancellationToken.None).ToBlockingEnumerable();
    }

    public static IAsyncEnumerable<BatchResult> GradeAsync(IGrader grader, Stream jsonLines, string? fileName, BatchOptions? options,
        CancellationToken cancellationToken)
    {
        options ??= new BatchOptions();
        options.Validate();
        return Run(grader, jsonLines, fileName, options, cancellationToken);
    }

    private static async IAsyncEnumerable<BatchResult> Run(IGrader grader, Stream jsonLines, string? fileName, BatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inputs = BatchPipeline.JsonLines(jsonLines, fileName, options.Json ?? JsonFileOptions.Default, options.SkipRecords, cancellationToken);
        await foreach (var output in BatchPipeline.RunAsync(grader, inputs, fileName, options, static r => r, cancellationToken).ConfigureAwait(false))
        {
            yield return output.Value;
        }
    }

    /// <summary>Grades one record that was read; whatever goes wrong becomes that record's error, naming its line.</summary>
    public static BatchResult GradeOne(IGrader grader, ProjectEvaluation evaluation, string? fileName, long line)
    {
        try
        {
            return new BatchResult(line, evaluation.Id, grader.Grade(evaluation), null);
        }
        catch (PerfEvalException e)
        {
            return new BatchResult(line, evaluation.Id, null, AtLine(e, fileName, line));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One record, one output record: a defect met by one project must not take the batch down with it.
            return new BatchResult(line, evaluation.Id, null, Failed(e, fileName, line));
        }
    }

    /// <summary>A grading error as the batch's error record: it names the batch file and the record's line.</summary>
    private static PerfEvalException AtLine(PerfEvalException e, string? fileName, long line)
    {
        var problems = e.Problems.Select(p => p with { Line = line, JsonPath = p.JsonPath ?? (p.Code == "UnknownScheme" ? "$.scheme" : null) }).ToList();
        return e switch
        {
            SchemeException => new SchemeException(fileName ?? e.File, problems, e),
            GradingException g => new GradingException(fileName ?? e.File, problems, g.RuleName, e),
            _ => new EvaluationException(fileName ?? e.File, problems, e),
        };
    }

    /// <summary>An unexpected failure while grading one record, as that record's error (the cause kept as the inner exception).</summary>
    /// <remarks>Also used by the CLI's <c>grade</c>, so a defect is a message, not a stack trace.</remarks>
    internal static GradingException Failed(Exception e, string? fileName, long? line)
    {
        // The rules engine wraps what a rule action threw; the cause is what says what went wrong.
        var cause = e.InnerException is { } inner && e.GetType().Namespace?.StartsWith("NRules", StringComparison.Ordinal) == true ? inner : e;
        var what = Values.Echo.Quote(cause.Message);
        return new GradingException(fileName, [new Problem("GradingFailed", null,
            $"评分失败（{cause.GetType().Name}：{what}），该项目未评分",
            $"Grading failed ({cause.GetType().Name}: {what}); the project was not graded",
            Line: line, JsonPath: "$")], null, e);
    }

    /// <summary>
    /// A project id already used on an earlier line of the batch. The format makes ids unique within a batch
    /// (docs/scheme-format.md), and results are joined to projects by id, so a second result under one id would
    /// be ambiguous: the later record is an error record naming the first line, and the batch goes on.
    /// </summary>
    internal static EvaluationException DuplicateId(string id, long first, string? fileName, long line) =>
        new(fileName, [new Problem("DuplicateProjectId", null,
            string.Create(CultureInfo.InvariantCulture, $"项目 id“{Values.Echo.Quote(id)}”已在第 {first} 行出现；同一批次中项目 id 须唯一"),
            string.Create(CultureInfo.InvariantCulture, $"The project id \"{Values.Echo.Quote(id)}\" was already used on line {first}; ids must be unique within a batch"),
            id, "$.project.id", line)]);
}
