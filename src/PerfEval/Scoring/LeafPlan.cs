using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Scoring;

/// <summary>
/// A leaf resolved against its scheme before any rule runs: the effective weight and method and the
/// numbers the method needs. A leaf whose rule cannot compute it carries <see cref="Fallback"/>, the
/// reason its self-score is used instead.
/// </summary>
internal sealed class LeafPlan
{
    public required Indicator Indicator { get; init; }

    /// <summary>The scheme the leaf is graded by (rounding, not-applicable rule).</summary>
    public required Scheme Scheme { get; init; }

    /// <summary>Position in the project's tree order; facts join on it.</summary>
    public required int Index { get; init; }

    /// <summary>The parent's <see cref="Index"/>, or -1 at the root.</summary>
    public required int ParentIndex { get; init; }

    public required decimal Weight { get; init; }

    /// <summary>The parent's tally this leaf's score counts in, and its slot there.</summary>
    public Tally? Up { get; init; }

    public int Slot { get; init; }

    /// <summary>
    /// The most the leaf may score: its weight, plus the bonus its criterion grants (<see cref="Indicator.MaxBonus"/>)
    /// below level 1, where its block's own weight still caps the sum.
    /// </summary>
    public decimal Cap => ParentIndex >= 0 && Indicator.MaxBonus is { } bonus ? Weight + bonus : Weight;

    /// <summary>Whether the scheme assigned <see cref="Weight"/> because the report prints none.</summary>
    public bool WeightAssigned { get; init; }

    public required ScoringMethod Method { get; init; }

    public MethodKind Kind => Method.Kind;

    /// <summary>Whether the leaf is 不适用, itself or through a 不适用 ancestor.</summary>
    public required bool IsNotApplicable { get; init; }

    public string Path => Indicator.Path;

    public decimal? SelfScore => Indicator.SelfScore;

    /// <summary>The target, normalized for comparison with the actual.</summary>
    public decimal? Target { get; init; }

    /// <summary>The actual, normalized for comparison with the target.</summary>
    public decimal? Actual { get; init; }

    /// <summary>The unit both are shown in (<c>%</c>, <c>元</c>).</summary>
    public string? Unit { get; init; }

    public QualitativeOutcome? Outcome { get; init; }

    /// <summary>Whether <see cref="Outcome"/> was assumed from a narrative actual by the scheme's rule, not read.</summary>
    public bool OutcomeAssumed { get; init; }

    /// <summary>
    /// The unit (as written, e.g. <c>万元</c>) assumed for a bare number because the other value writes it;
    /// <see langword="null"/> when both write their units.
    /// </summary>
    public string? UnitAssumed { get; init; }

    /// <summary>For an execution-rate leaf: executed and planned, when the budget gives them.</summary>
    public Budget? Budget { get; init; }

    /// <summary>Why the rule cannot compute this leaf (the self-score counts instead), or <see langword="null"/>.</summary>
    public (string Zh, string En)? Fallback { get; init; }

    /// <summary>A leaf is one fact per tree position: a re-planned leaf replaces the one before it (live re-grading).</summary>
    public override bool Equals(object? obj) => obj is LeafPlan other && other.Index == Index;

    /// <inheritdoc/>
    public override int GetHashCode() => Index;

    /// <summary>Numbers shown with their unit: <c>76%</c>, <c>4800户</c>.</summary>
    public string Show(decimal value) => Num.Show(value) + (Unit ?? string.Empty);
}
