using System.Collections.Immutable;
using PerfEval.Model;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using PerfEval.Scoring;
using static PerfEval.Grading.RuleKit;

namespace PerfEval.Grading;

/// <summary>A bonus or deduction to the total: from a scheme's policy, or from a host's rule (<see cref="ScoreAdjustment"/>).</summary>
internal sealed record Adjustment(string Name, decimal Points, Policy? Policy);

/// <summary>
/// Compiles a scheme's policies — data in a closed vocabulary — into engine rules, and does the
/// arithmetic those rules need. A policy names flags, indicators and grades; it never names code.
/// </summary>
internal static class Policies
{
    public static IEnumerable<IRuleDefinition> Rules(Scheme scheme, string tag, int priority)
    {
        var i = 0;
        foreach (var policy in scheme.Policies)
        {
            var name = $"{scheme.Id}#{i++} {policy.Name}";
            var project = Fact<ProjectFact>("project");
            var band = Fact<GradeBandFact>("band");
            switch (policy.Kind)
            {
                case PolicyKind.Veto:
                {
                    var flag = policy.Flag!;
                    var grade = policy.Grade!;
                    yield return Rule(name, tag, priority,
                        Then((IContext ctx, ProjectFact project, GradeBandFact band) => Yield(ctx, Vetoed(policy, band))),
                        Match(project, When((ProjectFact project) => IsSet(project, flag))),
                        Match(band, When((GradeBandFact band) => band.Band.Name == grade)));
                    break;
                }

                case PolicyKind.GradeCap:
                {
                    var path = policy.Indicator!;
                    var fraction = policy.BelowFraction;
                    var grade = policy.Grade!;
                    var node = Fact<NodeScore>("node");
                    yield return Rule(name, tag, priority,
                        Then((IContext ctx, NodeScore node, GradeBandFact band) => Yield(ctx, Capped(policy, node, band))),
                        Match(node, When((NodeScore node) => node.Path == path && node.ApplicableWeight > 0 && node.Score < fraction * node.Weight)),
                        Match(band, When((GradeBandFact band) => band.Band.Name == grade)));
                    break;
                }

                default:
                {
                    var flag = policy.Flag!;
                    var points = policy.Kind == PolicyKind.Bonus ? policy.Points : -policy.Points;
                    yield return Rule(name, tag, priority,
                        Then((IContext ctx, ProjectFact project) => Yield(ctx, new Adjustment(policy.Name, points, policy))),
                        Match(project, When((ProjectFact project) => IsSet(project, flag))));
                    break;
                }
            }
        }
    }

    private static GradeVerdict Vetoed(Policy policy, GradeBandFact band) => new(policy, band,
        $"政策“{policy.Name}”：{policy.Flag} 成立，等级定为{policy.Grade}", $"Policy \"{policy.Name}\": {policy.Flag} holds, grade set to {policy.Grade}");

    private static GradeVerdict Capped(Policy policy, NodeScore node, GradeBandFact band) => new(policy, band,
        $"政策“{policy.Name}”：{node.Path} 得分 {Num.Show(node.Score)} 低于分值的 {Num.Show(policy.BelowFraction * 100)}%，等级最高为{policy.Grade}",
        $"Policy \"{policy.Name}\": {node.Path} scored {Num.Show(node.Score)}, below {Num.Show(policy.BelowFraction * 100)}% of its weight; the grade is at most {policy.Grade}");

    public static bool IsSet(ProjectFact project, string flag) => project.Evaluation.Flags.TryGetValue(flag, out var on) && on;

    /// <summary>The total after bonuses and deductions, within 0…100.</summary>
    public static FinalTotal Adjust(TotalScore total, IReadOnlyCollection<Adjustment> adjustments)
    {
        if (adjustments.Count == 0)
        {
            return new FinalTotal(total.Total, []);
        }

        var ordered = adjustments.OrderBy(a => a.Name, StringComparer.Ordinal).ToArray();
        var sum = total.Total;
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var a in ordered)
        {
            sum += a.Points;
            notes.Add($"{a.Name} {(a.Points > 0 ? "+" : "−")}{Num.Show(Math.Abs(a.Points))}");
        }

        return new FinalTotal(Math.Clamp(sum, 0m, 100m), notes.ToImmutable());
    }

    /// <summary>The grade after vetoes (which set it) and caps (which limit it); the worst verdict wins.</summary>
    public static FinalGrade Decide(BandGrade grade, IReadOnlyCollection<GradeVerdict> verdicts)
    {
        var band = grade.Band;
        string? because = null;
        foreach (var v in verdicts.OrderBy(v => v.Policy.Name, StringComparer.Ordinal))
        {
            // A veto sets the grade and a cap limits it: either way the worse grade stands.
            if (v.Band.Rank > band.Rank)
            {
                band = v.Band;
                because = v.Policy.Name;
            }
        }

        return new FinalGrade(band.Band, because);
    }
}
