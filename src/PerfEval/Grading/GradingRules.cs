using System.Collections.Immutable;
using PerfEval.Model;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using PerfEval.Scoring;
using static PerfEval.Grading.RuleKit;

namespace PerfEval.Grading;

/// <summary>
/// The rule sets every scheme runs: one scoring rule per method (tag <c>scoring</c>), roll-up
/// (<c>rollup</c>), grading (<c>grading</c>) and audit (<c>audit</c>). Region policies are added per
/// scheme by <see cref="PolicyRules"/>. Priorities make leaves score before parents sum and totals
/// grade; the Having conditions make a parent wait for all of its children regardless.
/// </summary>
internal static class GradingRules
{
    public const string ScoringTag = "scoring";
    public const string RollUpTag = "rollup";
    public const string GradingTag = "grading";
    public const string AuditTag = "audit";
    public const string PolicyTag = "policy";

    private const int ScoringPriority = 50, RollUpPriority = 40, TotalPriority = 30, GradePriority = 20, AuditPriority = 10;

    /// <summary>Scoring rules in a table: a method, its name in Chinese, and the arithmetic that scores it.</summary>
    internal static readonly (MethodKind Kind, string Name, Func<LeafPlan, RoundingPolicy, NodeScore> Score)[] Methods =
    [
        (MethodKind.Proportional, "正向指标按比例计分", LeafScorer.Proportional),
        (MethodKind.ReverseLinear, "反向指标按超出比例扣分", LeafScorer.ReverseLinear),
        (MethodKind.ReverseRatio, "反向指标按目标与实际之比计分", LeafScorer.ReverseRatio),
        (MethodKind.Equal, "等于型指标计分", LeafScorer.Equal),
        (MethodKind.PerPointDeduction, "按百分点扣分", LeafScorer.PerPointDeduction),
        (MethodKind.Banded, "分档计分", LeafScorer.Banded),
        (MethodKind.PerIncident, "按例扣分", LeafScorer.PerIncident),
        (MethodKind.Checklist, "清单计分", LeafScorer.Checklist),
        (MethodKind.Qualitative, "定性指标分级计分", LeafScorer.Qualitative),
        (MethodKind.Assessed, "评议得分核验", LeafScorer.Assessed),
        (MethodKind.ExecutionRate, "预算执行率计分", LeafScorer.ExecutionRate),
    ];

    /// <summary>The rules shared by every scheme, built once.</summary>
    public static ImmutableArray<IRuleDefinition> Base { get; } = [.. BuildBase()];

    private static IEnumerable<IRuleDefinition> BuildBase()
    {
        foreach (var (kind, name, score) in Methods)
        {
            yield return ScoringRule(kind, name, score);
        }

        var leaf = Fact<LeafPlan>("leaf");
        yield return Rule("不适用指标不参与计分", ScoringTag, ScoringPriority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, LeafScorer.NotApplicable(leaf, leaf.Scheme.NotApplicable, leaf.Scheme.Rounding))),
            Match(leaf, When((LeafPlan leaf) => leaf.IsNotApplicable)));

        foreach (var rule in RollUpRules()) yield return rule;
        foreach (var rule in GradeRules()) yield return rule;
        foreach (var rule in AuditRules()) yield return rule;
    }

    private static IRuleDefinition ScoringRule(MethodKind kind, string name, Func<LeafPlan, RoundingPolicy, NodeScore> score)
    {
        var leaf = Fact<LeafPlan>("leaf");
        return Rule(name, ScoringTag, ScoringPriority, [new RuleProperty("method", kind.ToString())],
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, score(leaf, leaf.Scheme.Rounding))),
            Match(leaf, When((LeafPlan leaf) => leaf.Kind == kind && !leaf.IsNotApplicable)));
    }

    private static IEnumerable<IRuleDefinition> RollUpRules()
    {
        var branch = Fact<BranchFact>("branch");
        var child = Fact<NodeScore>("child");
        var children = Fact<IEnumerable<NodeScore>>("children");
        var project = Fact<ProjectFact>("project");
        yield return Rule("下级得分汇总到上级", RollUpTag, RollUpPriority,
            Then((IContext ctx, BranchFact branch, IEnumerable<NodeScore> children, ProjectFact project) => Yield(ctx, RollUp.Branch(branch, children.ToArray(), project.Scheme))),
            Match(project),
            Match(branch),
            Collect(children, child, [When((NodeScore child, BranchFact branch) => child.ParentIndex == branch.Index)],
                When((IEnumerable<NodeScore> children, BranchFact branch) => children.Count() == branch.ChildCount)));

        var root = Fact<NodeScore>("root");
        var roots = Fact<IEnumerable<NodeScore>>("roots");
        yield return Rule("一级指标得分汇总为总分", RollUpTag, TotalPriority,
            Then((IContext ctx, ProjectFact project, IEnumerable<NodeScore> roots) => Yield(ctx, RollUp.Total(project, roots.ToArray()))),
            Match(project),
            Collect(roots, root, [When((NodeScore root) => root.ParentIndex == -1)],
                When((IEnumerable<NodeScore> roots, ProjectFact project) => roots.Count() == project.RootCount)));
    }

    private static IEnumerable<IRuleDefinition> GradeRules()
    {
        var total = Fact<TotalScore>("total");
        var adjustment = Fact<Adjustment>("adjustment");
        var adjustments = Fact<IEnumerable<Adjustment>>("adjustments");
        yield return Rule("加减分后的总分", GradingTag, TotalPriority - 1,
            Then((IContext ctx, TotalScore total, IEnumerable<Adjustment> adjustments) => Yield(ctx, Policies.Adjust(total, adjustments.ToArray()))),
            Match(total),
            Collect(adjustments, adjustment, []));

        var final = Fact<FinalTotal>("final");
        var band = Fact<GradeBandFact>("band");
        yield return Rule("总分对应评价等级", GradingTag, GradePriority,
            Then((IContext ctx, FinalTotal final, GradeBandFact band) => Yield(ctx, new BandGrade(band, final.Total))),
            Match(final),
            Match(band, When((GradeBandFact band, FinalTotal final) => final.Total >= band.Band.Min && (band.UpperBound == null || final.Total < band.UpperBound))));

        var grade = Fact<BandGrade>("grade");
        var verdict = Fact<GradeVerdict>("verdict");
        var verdicts = Fact<IEnumerable<GradeVerdict>>("verdicts");
        yield return Rule("政策否决与等级上限", GradingTag, GradePriority - 1,
            Then((IContext ctx, BandGrade grade, IEnumerable<GradeVerdict> verdicts) => Yield(ctx, Policies.Decide(grade, verdicts.ToArray()))),
            Match(grade),
            Collect(verdicts, verdict, []));
    }

    private static IEnumerable<IRuleDefinition> AuditRules() => Audit.Rules(AuditTag, AuditPriority);

    /// <summary>A scheme's policies, compiled from data into rules of the closed vocabulary.</summary>
    public static IEnumerable<IRuleDefinition> PolicyRules(Scheme scheme) => Policies.Rules(scheme, PolicyTag, GradePriority + 5);
}
