using System.Collections.Immutable;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Grading;

// The facts the grading rules reason over. One session grades one project, so facts join on
// tree indexes (ints: cheap hash-join keys) rather than on path strings.

/// <summary>A scored node: a leaf scored by its method's rule, or a branch summed from its children.</summary>
internal sealed record NodeScore(
    int Index,
    int ParentIndex,
    string Path,
    decimal Weight,
    decimal ApplicableWeight,
    decimal Score,
    Explanation Explanation,
    bool Computed,
    LeafPlan? Leaf);

/// <summary>A branch of the tree, waiting for its children's scores.</summary>
internal sealed record BranchFact(int Index, int ParentIndex, Indicator Indicator, decimal Weight, int ChildCount, decimal ChildWeightSum, bool WeightsStated)
{
    /// <summary>Whether the scheme assigned <see cref="Weight"/>: the report prints none, neither here nor on every row below.</summary>
    public bool WeightAssigned { get; init; }

    /// <summary>For a level-1 block on its own scale: the points its rows add up to, counted as <see cref="Weight"/>.</summary>
    public decimal? Scale { get; init; }

    /// <summary>Whether the sum is capped at <see cref="Weight"/>: a level-1 block whose rows may earn bonus points.</summary>
    public bool CapAtWeight { get; init; }
}

/// <summary>The project being graded, with what the roll-up and audit rules need of it.</summary>
internal sealed record ProjectFact(ProjectEvaluation Evaluation, Scheme Scheme, int RootCount, decimal RootWeightSum, bool RootWeightsStated)
{
    /// <summary>The planned leaves in tree order, for audit rules that weigh the report's rows against the rules' as a whole.</summary>
    public ImmutableArray<LeafPlan> Leaves { get; init; } = [];
}

/// <summary>The total before policies: the sum of the level-1 scores, rescaled when indicators dropped out.</summary>
internal sealed record TotalScore(decimal Raw, decimal ApplicableWeight, decimal Total, Explanation Explanation, bool Rescaled = false);

/// <summary>The total after policies (bonuses and deductions), which the grade reads.</summary>
internal sealed record FinalTotal(decimal Total, ImmutableArray<string> Adjustments);

/// <summary>A grade band as a fact, so one grading rule serves every scheme.</summary>
internal sealed record GradeBandFact(GradeBand Band, decimal? UpperBound, int Rank);

/// <summary>The grade the final total earns before vetoes and caps.</summary>
internal sealed record BandGrade(GradeBandFact Band, decimal Total);

/// <summary>A policy's verdict on the grade: set (veto) or limited (cap).</summary>
internal sealed record GradeVerdict(Policy Policy, GradeBandFact Band, string ReasonZh, string ReasonEn);

/// <summary>The grade after policies.</summary>
internal sealed record FinalGrade(GradeBand Band, string? PolicyName);

/// <summary>A finding produced by an audit rule.</summary>
internal sealed record FindingFact(Finding Finding);
