using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Tests.Scoring;

/// <summary>
/// Shared helpers for the scoring-core tests: schemes and one-leaf evaluations built in C#, the
/// planner's leaf plans, and an engine-free mirror of the rule sets (leaf scoring by method, then
/// <see cref="RollUp"/>), so the arithmetic can be tested without the rules runtime.
/// </summary>
internal static class Kit
{
    public const string Root = "产出指标";
    public const string Leaf = "指标";
    public const string LeafPath = Root + "/" + Leaf;

    /// <summary>A scheme with the national grades (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差) and optional changes.</summary>
    public static Scheme Scheme(Action<SchemeBuilder>? configure = null)
    {
        var b = new SchemeBuilder("test", "测试方案").WithNationalGrades();
        configure?.Invoke(b);
        return b.Build();
    }

    /// <summary>An evaluation with one root <c>产出指标</c> of the leaf's weight holding one leaf <c>指标</c>.</summary>
    public static ProjectEvaluation OneLeaf(decimal weight, Action<IndicatorBuilder> leaf, Budget? budget = null)
    {
        var e = new EvaluationBuilder("p", "test") { Budget = budget };
        var l = e.Add(Root, weight).Add(Leaf, weight);
        leaf(l);
        return e.Build();
    }

    public static LeafPlan Plan(Scheme scheme, ProjectEvaluation evaluation, string path = LeafPath) =>
        Planner.Plan(scheme, evaluation).Facts.OfType<LeafPlan>().Single(p => p.Path == path);

    /// <summary>Scores a leaf the way the scoring rule for its method does.</summary>
    public static NodeScore Score(LeafPlan p)
    {
        var r = p.Scheme.Rounding;
        if (p.IsNotApplicable) return LeafScorer.NotApplicable(p, p.Scheme.NotApplicable, r);
        return p.Kind switch
        {
            MethodKind.Proportional => LeafScorer.Proportional(p, r),
            MethodKind.ReverseLinear => LeafScorer.ReverseLinear(p, r),
            MethodKind.ReverseRatio => LeafScorer.ReverseRatio(p, r),
            MethodKind.Equal => LeafScorer.Equal(p, r),
            MethodKind.PerPointDeduction => LeafScorer.PerPointDeduction(p, r),
            MethodKind.Banded => LeafScorer.Banded(p, r),
            MethodKind.PerIncident => LeafScorer.PerIncident(p, r),
            MethodKind.Checklist => LeafScorer.Checklist(p, r),
            MethodKind.Qualitative => LeafScorer.Qualitative(p, r),
            MethodKind.Assessed => LeafScorer.Assessed(p, r),
            MethodKind.ExecutionRate => LeafScorer.ExecutionRate(p, r),
            _ => throw new InvalidOperationException(p.Kind.ToString()),
        };
    }

    /// <summary>Scores the single leaf of <see cref="OneLeaf"/>.</summary>
    public static NodeScore ScoreOne(decimal weight, Action<IndicatorBuilder> leaf, Scheme? scheme = null, Budget? budget = null) =>
        Score(Plan(scheme ?? Scheme(), OneLeaf(weight, leaf, budget)));

    /// <summary>
    /// The rule sets' scoring and roll-up without the engine: every leaf by its method, every branch
    /// by <see cref="RollUp.Branch"/> (children before parents), the total by <see cref="RollUp.Total"/>.
    /// </summary>
    public static (Dictionary<string, NodeScore> Nodes, TotalScore Total) Run(Scheme scheme, ProjectEvaluation evaluation)
    {
        var facts = Planner.Plan(scheme, evaluation).Facts;
        var scores = new Dictionary<int, NodeScore>();
        foreach (var leaf in facts.OfType<LeafPlan>()) scores[leaf.Index] = Score(leaf);
        foreach (var branch in facts.OfType<BranchFact>().OrderByDescending(b => b.Index))
        {
            var children = scores.Values.Where(s => s.ParentIndex == branch.Index).ToList();
            Assert.Equal(branch.ChildCount, children.Count);
            scores[branch.Index] = RollUp.Branch(branch, children, scheme);
        }

        var project = facts.OfType<ProjectFact>().Single();
        var total = RollUp.Total(project, scores.Values.Where(s => s.ParentIndex == -1).ToList());
        return (scores.Values.ToDictionary(s => s.Path, StringComparer.Ordinal), total);
    }
}
