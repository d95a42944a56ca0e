using System.Collections.Immutable;

namespace PerfEval.Model;

/// <summary>The project's budget: planned (预算数) and executed (执行数) amounts in one unit.</summary>
/// <param name="Planned">The planned amount, &gt; 0.</param>
/// <param name="Executed">The executed amount, ≥ 0.</param>
/// <param name="Unit">The unit as written (<c>万元</c>, <c>元</c>).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Budget(decimal Planned, decimal Executed, string? Unit = null)
{
    /// <summary>Executed ÷ planned in %, unrounded.</summary>
    public decimal ExecutionRatePercent => Executed / Planned * 100m;
}

/// <summary>What the report itself states, to be checked against what the rules compute.</summary>
/// <param name="Total">The stated total score (总分), if any.</param>
/// <param name="Grade">The stated grade (评价等级), if any.</param>
/// <param name="ExecutionRatePercent">The stated budget-execution rate in %, if any.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReportedFigures(decimal? Total = null, string? Grade = null, decimal? ExecutionRatePercent = null);

/// <summary>
/// One project's evaluation as its report gives it: the indicator tree with weights, targets,
/// actuals and self-scores, the budget, and the figures the report states.
/// Built by <see cref="EvaluationBuilder"/>, which validates it.
/// </summary>
/// <remarks>Immutable and thread-safe: one evaluation may be graded from many threads.</remarks>
public sealed class ProjectEvaluation
{
    internal ProjectEvaluation(EvaluationBuilder b, ImmutableArray<Indicator> indicators, int count)
    {
        Id = b.Id;
        SchemeId = b.SchemeId;
        Name = b.Name;
        Unit = b.Unit;
        Region = b.Region;
        Year = b.Year;
        Source = b.Source;
        Budget = b.Budget;
        Reported = b.Reported;
        Notes = [.. b.Notes];
        Flags = b.Flags.ToImmutableSortedDictionary(StringComparer.Ordinal);
        Indicators = indicators;
        IndicatorCount = count;
        File = b.File;
    }

    private ProjectEvaluation(ProjectEvaluation o, ImmutableArray<Indicator> indicators)
    {
        (Id, SchemeId, Name, Unit, Region, Year, Source, Budget, Reported) = (o.Id, o.SchemeId, o.Name, o.Unit, o.Region, o.Year, o.Source, o.Budget, o.Reported);
        (Notes, Flags, IndicatorCount, File) = (o.Notes, o.Flags, o.IndicatorCount, o.File);
        Indicators = indicators;
    }

    /// <summary>This evaluation with other level-1 indicators (the same tree shape; live re-grading changes values only).</summary>
    internal ProjectEvaluation WithIndicators(ImmutableArray<Indicator> indicators) => new(this, indicators);

    /// <summary>The file the evaluation was read from, if any, so problems found later can name it.</summary>
    internal string? File { get; }

    /// <summary>The project's id (unique within a batch).</summary>
    public string Id { get; }

    /// <summary>The id of the scheme the project is graded by.</summary>
    public string SchemeId { get; }

    /// <summary>The project's name.</summary>
    public string? Name { get; }

    /// <summary>The budget unit (预算单位) that spent the money.</summary>
    public string? Unit { get; }

    /// <summary>The region as written.</summary>
    public string? Region { get; }

    /// <summary>The budget year.</summary>
    public int? Year { get; }

    /// <summary>Where the figures come from (a file, a report).</summary>
    public string? Source { get; }

    /// <summary>The budget, if the report gives it.</summary>
    public Budget? Budget { get; }

    /// <summary>The figures the report itself states.</summary>
    public ReportedFigures Reported { get; }

    /// <summary>Free-text notes (assumptions, what the report does not give).</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>Yes/no facts that schemes' policies test (<c>fundsMisappropriated</c>), by name.</summary>
    public ImmutableSortedDictionary<string, bool> Flags { get; }

    /// <summary>The level-1 indicators (一级指标).</summary>
    public ImmutableArray<Indicator> Indicators { get; }

    /// <summary>How many indicators the tree holds, at every level.</summary>
    public int IndicatorCount { get; }

    /// <summary>Every indicator, depth first, parents before children.</summary>
    /// <returns>The indicators in tree order.</returns>
    public IEnumerable<Indicator> Walk()
    {
        var stack = new Stack<Indicator>();
        for (var i = Indicators.Length - 1; i >= 0; i--)
        {
            stack.Push(Indicators[i]);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Length - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }
}
