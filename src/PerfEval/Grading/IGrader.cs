using PerfEval.Model;

namespace PerfEval.Grading;

/// <summary>Grades projects by their schemes' rule sets.</summary>
/// <remarks>Implementations are thread-safe: one grader serves every thread of a host.</remarks>
public interface IGrader
{
    /// <summary>Grades a project by the scheme its evaluation names.</summary>
    /// <param name="evaluation">The project.</param>
    /// <returns>The result.</returns>
    /// <exception cref="SchemeException">When the scheme is not in the catalog.</exception>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws while grading; it names the rule and, where known, the indicator, with the engine's exception inside.</exception>
    GradingResult Grade(ProjectEvaluation evaluation);

    /// <summary>Grades a project by the given scheme.</summary>
    /// <param name="evaluation">The project.</param>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The result.</returns>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws while grading; it names the rule and, where known, the indicator, with the engine's exception inside.</exception>
    GradingResult Grade(ProjectEvaluation evaluation, Scheme scheme);

    /// <summary>
    /// Grades a JSON Lines stream of evaluations, one record a line in input order: a result, or the
    /// error that line gave. A bad line never stops the batch. With <see cref="BatchOptions.MaxDegreeOfParallelism"/>
    /// 1 every record is read, graded and handed out on the calling thread; with more, pool threads grade them.
    /// </summary>
    /// <param name="jsonLines">The stream; read once, not disposed.</param>
    /// <param name="options">Parallelism, chunk size and read limits; optional.</param>
    /// <param name="fileName">The file name errors should name; optional.</param>
    /// <returns>The records, lazily.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When an option is out of range.</exception>
    IEnumerable<BatchResult> GradeAll(Stream jsonLines, BatchOptions? options = null, string? fileName = null);

    /// <summary>The asynchronous form of <see cref="GradeAll"/>, honouring cancellation.</summary>
    /// <param name="jsonLines">The stream; read once, not disposed; read asynchronously only.</param>
    /// <param name="options">Parallelism, chunk size and read limits; optional.</param>
    /// <param name="fileName">The file name errors should name; optional.</param>
    /// <param name="cancellationToken">
    /// Stops the batch: it is observed before each record is read, graded or handed out, so no record is handed out
    /// once it is cancelled, and the records of a chunk not yet graded are not graded.
    /// </param>
    /// <returns>The records, as they are graded.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When an option is out of range.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    IAsyncEnumerable<BatchResult> GradeAllAsync(Stream jsonLines, BatchOptions? options = null, string? fileName = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grades a project and keeps the grading open, so single values can be changed and the result
    /// read again at the cost of what the change affects (see <see cref="LiveGrading"/>).
    /// </summary>
    /// <param name="evaluation">The project; its scheme id is resolved in the grader's catalog.</param>
    /// <returns>The open grading; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="evaluation"/> is null.</exception>
    /// <exception cref="SchemeException">When the evaluation's scheme is not in the catalog.</exception>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws while grading; it names the rule and, where known, the indicator, with the engine's exception inside.</exception>
    LiveGrading Open(ProjectEvaluation evaluation);

    /// <summary>Grades a project by the given scheme and keeps the grading open (see <see cref="LiveGrading"/>).</summary>
    /// <param name="evaluation">The project.</param>
    /// <param name="scheme">The scheme to grade it by.</param>
    /// <returns>The open grading; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws while grading; it names the rule and, where known, the indicator, with the engine's exception inside.</exception>
    LiveGrading Open(ProjectEvaluation evaluation, Scheme scheme);
}
