using System.Collections.Immutable;
using PerfEval.Model;

namespace PerfEval.Grading;

/// <summary>One node's result: its weight, its score and why.</summary>
/// <param name="Path">The indicator path.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Level">1 for 一级指标 and so on.</param>
/// <param name="Weight">The effective weight.</param>
/// <param name="IsWeightAssigned">Whether the scheme assigned the weight because the report gives none.</param>
/// <param name="Score">The score, rounded where the scheme rounds.</param>
/// <param name="SelfScore">The report's own score, if any.</param>
/// <param name="IsLeaf">Whether the node is scored by a method rather than summed.</param>
/// <param name="IsNotApplicable">Whether the node dropped out as 不适用.</param>
/// <param name="Explanation">Why it scored what it did.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IndicatorResult(
    string Path,
    string Name,
    int Level,
    decimal Weight,
    bool IsWeightAssigned,
    decimal Score,
    decimal? SelfScore,
    bool IsLeaf,
    bool IsNotApplicable,
    Explanation Explanation);

/// <summary>
/// A graded project: the total, the grade, every node's score with its explanation, and the audit's
/// findings.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class GradingResult
{
    internal GradingResult(ProjectEvaluation evaluation, Scheme scheme, decimal total, Explanation totalExplanation,
        GradeBand grade, ImmutableArray<IndicatorResult> indicators, ImmutableArray<Finding> findings)
    {
        Evaluation = evaluation;
        Scheme = scheme;
        Total = total;
        TotalExplanation = totalExplanation;
        Grade = grade;
        Indicators = indicators;
        Findings = findings;
    }

    /// <summary>The evaluation graded.</summary>
    public ProjectEvaluation Evaluation { get; }

    /// <summary>The scheme it was graded by.</summary>
    public Scheme Scheme { get; }

    /// <summary>The total score, 0…100, rounded by the scheme (after any policy bonus or deduction).</summary>
    public decimal Total { get; }

    /// <summary>How the total was reached.</summary>
    public Explanation TotalExplanation { get; }

    /// <summary>The grade (after any policy veto or cap).</summary>
    public GradeBand Grade { get; }

    /// <summary>Every node, in tree order (parents before children).</summary>
    public ImmutableArray<IndicatorResult> Indicators { get; }

    /// <summary>What does not add up, most severe first.</summary>
    public ImmutableArray<Finding> Findings { get; }

    /// <summary>Whether any finding has the given code.</summary>
    /// <param name="code">A code from <see cref="FindingCodes"/>.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(string code) => Findings.Any(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    /// <summary>The result for an indicator path.</summary>
    /// <param name="path">The path (<c>满意度指标/满意度指标/受益对象满意度</c>).</param>
    /// <returns>The result.</returns>
    /// <exception cref="KeyNotFoundException">When no indicator has that path.</exception>
    public IndicatorResult this[string path] =>
        Indicators.FirstOrDefault(i => string.Equals(i.Path, path, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No indicator at \"{path}\" / 没有路径为“{path}”的指标");
}
