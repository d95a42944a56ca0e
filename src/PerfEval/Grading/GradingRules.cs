using System.Collections.Immutable;
using System.Linq.Expressions;
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
            yield return ScoringRule(name, [new RuleProperty("method", kind.ToString())], score,
                When((LeafPlan leaf) => leaf.Kind == kind && !leaf.IsNotApplicable));
        }

        yield return ScoringRule("不适用指标不参与计分", [], static (leaf, rounding) => LeafScorer.NotApplicable(leaf, leaf.Scheme.NotApplicable, rounding),
            When((LeafPlan leaf) => leaf.IsNotApplicable));

        foreach (var rule in RollUpRules()) yield return rule;
        foreach (var rule in GradeRules()) yield return rule;
        foreach (var rule in AuditRules()) yield return rule;
    }

    /// <summary>
    /// A scoring rule takes all the leaves its condition matches at once: NRules propagates facts
    /// through its network in batches, and one batch of 40 scores costs little more than one score.
    /// When a leaf changes, the rule fires again and passes on only the scores that changed.
    /// </summary>
    private static IRuleDefinition ScoringRule(string name, RuleProperty[] properties, Func<LeafPlan, RoundingPolicy, NodeScore> score, LambdaExpression condition)
    {
        var leaf = Fact<LeafPlan>("leaf");
        var leaves = Fact<IEnumerable<LeafPlan>>("leaves");
        return Rule(name, ScoringTag, ScoringPriority, properties,
            [
                Element.Action(Then((IContext ctx, IEnumerable<LeafPlan> leaves) => Scores.Publish(ctx, leaves, score))),
                Element.Action(Then((IContext ctx, IEnumerable<LeafPlan> leaves) => Scores.Withdraw(ctx)), ActionTrigger.Deactivated),
            ],
            Collect(leaves, leaf, [condition], When((IEnumerable<LeafPlan> leaves) => leaves.Any())));
    }

    private static IEnumerable<IRuleDefinition> RollUpRules()
    {
        // A complete tally sums; the sum counts in the parent's tally in the same action. No join:
        // a score carries its tally.
        var tally = Fact<Tally>("tally");
        yield return Rule("下级得分汇总到上级", RollUpTag, RollUpPriority,
            [
                Element.Action(Then((IContext ctx, Tally tally) => Scores.Publish(ctx, RollUp.Branch(tally.Branch!, tally.Parts, tally.Scheme)))),
                Element.Action(Then((IContext ctx, Tally tally) => Scores.Withdraw(ctx)), ActionTrigger.Deactivated),
            ],
            Match(tally, When((Tally tally) => tally.Branch != null && tally.Complete)));

        var project = Fact<ProjectFact>("project");
        yield return Rule("一级指标得分汇总为总分", RollUpTag, TotalPriority,
            Then((IContext ctx, ProjectFact project, Tally tally) => Yield(ctx, RollUp.Total(project, tally.Parts))),
            Match(project),
            Match(tally, When((Tally tally) => tally.Branch == null && tally.Complete)));
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

        var host = Fact<ScoreAdjustment>("host");
        yield return Rule("宿主规则加减分", GradingTag, TotalPriority,
            Then((IContext ctx, ScoreAdjustment host) => Yield(ctx, new Adjustment(host.Name, host.Points, null))),
            Match(host));

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
