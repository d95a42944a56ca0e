using System.Collections.Immutable;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Grading;

// The facts the grading rules reason over. One session grades one project. NRules joins by
// evaluating a condition for every pair of facts (it has no hash index), so the hot rules avoid
// joins: a node's score reaches its parent through the parent's Tally, which the node carries.
// Facts that the session holds many of have reference identity with an int hash (their tree index):
// NRules hashes every fact it stores, and a record's value hash walks all of its fields.

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
    LeafPlan? Leaf)
{
    /// <summary>For a branch's score: the branch it sums.</summary>
    public BranchFact? Branch { get; init; }

    /// <summary>The parent's tally this score counts in, and its slot there (null outside a session).</summary>
    public (Tally Tally, int Slot)? Up => Leaf is { Up: { } l } ? (l, Leaf.Slot) : Branch is { Up: { } b } ? (b, Branch.Slot) : null;

    /// <inheritdoc/>
    public bool Equals(NodeScore? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => Index;
}

/// <summary>
/// The scores a branch — or the project, for the level-1 indicators — waits for: one slot per child,
/// filled by the roll-up rule as each child's score arrives and emptied when it goes. A mutable fact,
/// updated in the session after every change, so a parent sums its children without a Collect join.
/// A tally belongs to the one session its plan was inserted into: plan again for another session.
/// </summary>
internal sealed class Tally(BranchFact? branch, int count, Scheme scheme)
{
    private readonly NodeScore?[] _parts = new NodeScore?[count];
    private int _missing = count;

    /// <summary>The branch summed, or null for the project's level-1 indicators.</summary>
    public BranchFact? Branch { get; } = branch;

    /// <summary>The scheme the sum is rounded by.</summary>
    public Scheme Scheme { get; } = scheme;

    /// <summary>Whether every child has a score.</summary>
    public bool Complete => _missing == 0;

    /// <summary>The children's scores in tree order; complete only when <see cref="Complete"/>.</summary>
    public IReadOnlyCollection<NodeScore> Parts => _parts!;

    /// <summary>The score in a slot, or null while the child has none.</summary>
    public NodeScore? At(int slot) => _parts[slot];

    public void Set(int slot, NodeScore score)
    {
        if (_parts[slot] is null) _missing--;
        _parts[slot] = score;
    }

    /// <summary>Empties a slot if it still holds <paramref name="score"/> (a newer score may have replaced it).</summary>
    public bool Clear(int slot, NodeScore score)
    {
        if (!ReferenceEquals(_parts[slot], score)) return false;
        _parts[slot] = null;
        _missing++;
        return true;
    }
}

/// <summary>A branch of the tree, waiting for its children's scores.</summary>
internal sealed record BranchFact(int Index, int ParentIndex, Indicator Indicator, decimal Weight, int ChildCount, decimal ChildWeightSum, bool WeightsStated)
{
    /// <summary>The parent's tally and this branch's slot in it.</summary>
    public Tally? Up { get; init; }

    public int Slot { get; init; }

    /// <inheritdoc/>
    public bool Equals(BranchFact? other) => other is not null && other.Index == Index;

    /// <inheritdoc/>
    public override int GetHashCode() => Index;

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
    /// <summary>One project per session: a changed evaluation (live re-grading) replaces the fact before it.</summary>
    public bool Equals(ProjectFact? other) => other is not null;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

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
