using System.Collections.Immutable;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Scoring;

/// <summary>
/// Resolves a project's tree against its scheme before the rules run: effective weights (the
/// scheme assigns those a report leaves out), each leaf's method, and the numbers it needs. A leaf
/// that no rule can score and that has no self-score is an <see cref="EvaluationException"/>: it is
/// never scored as a silent zero.
/// </summary>
internal sealed class Planner
{
    private readonly Scheme _scheme;
    private readonly ProjectEvaluation _evaluation;
    private readonly List<Problem> _problems = [];
    private readonly List<object> _facts = [];
    private readonly List<Finding> _notes = [];
    private readonly List<string> _assigned = [];
    private int _next;

    private Planner(Scheme scheme, ProjectEvaluation evaluation)
    {
        _scheme = scheme;
        _evaluation = evaluation;
    }

    /// <summary>The facts for one project: leaf plans, branches, the project, the grade bands.</summary>
    public static (List<object> Facts, List<Finding> Notes) Plan(Scheme scheme, ProjectEvaluation evaluation)
    {
        var planner = new Planner(scheme, evaluation);
        var roots = evaluation.Indicators;
        var (weights, stated) = planner.Weights(roots, 100m, scheme.Frame, parentPath: null);
        decimal rootSum = 0;
        var top = new Tally(null, roots.Length, scheme);
        planner._facts.Add(top);
        for (var i = 0; i < roots.Length; i++)
        {
            rootSum += weights[i];
            planner.Node(roots[i], weights[i], -1, FrameFor(scheme.Frame, roots[i].Name), notApplicable: false, top, i);
        }

        if (planner._problems.Count > 0)
        {
            throw new EvaluationException(evaluation.File, planner._problems);
        }

        planner._facts.Add(new ProjectFact(evaluation, scheme, roots.Length, rootSum, stated));
        if (planner._assigned.Count > 0)
        {
            // One note for all: each assigned weight is marked on its indicator's result.
            planner._notes.Add(new Finding(FindingCodes.WeightAssigned, Severity.Info, null,
                $"报告未给出 {planner._assigned.Count} 项指标的分值，已按方案分配（一级指标按方案框架，其余在上级分值内平均分配）",
                $"The report gives no weight for {planner._assigned.Count} indicators; the scheme assigned them (level 1 from its frame, the rest split equally within the parent)"));
        }

        var grades = scheme.Grades;
        for (var i = 0; i < grades.Length; i++)
        {
            planner._facts.Add(new GradeBandFact(grades[i], i == 0 ? null : grades[i - 1].Min, i));
        }

        return (planner._facts, planner._notes);
    }

    private static FrameIndicator? FrameFor(ImmutableArray<FrameIndicator> frame, string name)
    {
        foreach (var f in frame)
        {
            if (f.Matches(name)) return f;
        }

        return null;
    }

    private void Node(Indicator node, decimal weight, int parent, FrameIndicator? frame, bool notApplicable, Tally up, int slot)
    {
        var index = _next++;
        // A 不适用 branch drops out with everything under it.
        notApplicable |= node.IsNotApplicable;
        if (node.IsLeaf)
        {
            _facts.Add(Leaf(node, weight, index, parent, notApplicable, up, slot));
            return;
        }

        var frameChildren = frame?.Children ?? [];
        var (weights, stated) = Weights(node.Children, weight, frameChildren, node.Path);
        decimal sum = 0;
        foreach (var w in weights) sum += w;
        var branch = new BranchFact(index, parent, node, weight, node.Children.Length, sum, stated) { Up = up, Slot = slot };
        var own = new Tally(branch, node.Children.Length, _scheme);
        _facts.Add(branch);
        _facts.Add(own);
        for (var i = 0; i < node.Children.Length; i++)
        {
            Node(node.Children[i], weights[i], index, FrameFor(frameChildren, node.Children[i].Name), notApplicable, own, i);
        }
    }

    /// <summary>
    /// The effective weights of siblings: as stated; else from the scheme's frame; else the parent's
    /// weight left over, split equally to two places with the remainder on the last by name (so they add up exactly, in any order).
    /// </summary>
    private (decimal[] Weights, bool Stated) Weights(ImmutableArray<Indicator> nodes, decimal parentWeight, ImmutableArray<FrameIndicator> frame, string? parentPath)
    {
        var weights = new decimal[nodes.Length];
        var open = new List<int>();
        decimal fixedSum = 0;
        var allStated = true;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].Weight is { } w)
            {
                weights[i] = w;
                fixedSum += w;
                continue;
            }

            allStated = false;
            if (FrameFor(frame, nodes[i].Name) is { Weight: { } fw })
            {
                weights[i] = fw;
                fixedSum += fw;
                _assigned.Add(nodes[i].Path);
            }
            else
            {
                open.Add(i);
            }
        }

        if (open.Count > 0)
        {
            var left = parentWeight - fixedSum;
            if (left < 0)
            {
                _problems.Add(new Problem("MissingWeight", parentPath ?? nodes[open[0]].Path,
                    $"“{nodes[open[0]].Name}”未给出分值，且同级已给分值之和 {Num.Show(fixedSum)} 超过上级分值 {Num.Show(parentWeight)}，无法分配",
                    $"{nodes[open[0]].Name} has no weight and its siblings' weights {Num.Show(fixedSum)} exceed the parent's {Num.Show(parentWeight)}: nothing to assign"));
                return (weights, false);
            }

            // Equal shares to 0.01; the remainder goes to the last by name, not by position, so the
            // split does not depend on the order the report lists siblings in.
            var share = Math.Round(left / open.Count, 2, MidpointRounding.AwayFromZero);
            var last = open.OrderBy(k => nodes[k].Name, StringComparer.Ordinal).Last();
            for (var k = 0; k < open.Count; k++)
            {
                var w = open[k] == last ? left - share * (open.Count - 1) : share;
                weights[open[k]] = w;
                _assigned.Add(nodes[open[k]].Path);
            }
        }

        return (weights, allStated);
    }

    /// <summary>
    /// Plans one leaf again after its values changed (live re-grading): same place, weight, tally and
    /// tally as <paramref name="old"/>; only what the leaf's own values decide is redone.
    /// </summary>
    /// <exception cref="EvaluationException">When no rule can score the changed leaf and it has no self-score.</exception>
    public static LeafPlan Replan(Scheme scheme, ProjectEvaluation evaluation, LeafPlan old, Indicator leaf, bool ancestorNotApplicable)
    {
        var planner = new Planner(scheme, evaluation);
        var plan = planner.Leaf(leaf, old.Weight, old.Index, old.ParentIndex, ancestorNotApplicable || leaf.IsNotApplicable, old.Up!, old.Slot);
        if (planner._problems.Count > 0)
        {
            throw new EvaluationException(evaluation.File, planner._problems);
        }

        return plan;
    }

    private LeafPlan Leaf(Indicator leaf, decimal weight, int index, int parent, bool notApplicable, Tally up, int slot)
    {
        var method = Resolve(leaf);
        var plan = new LeafPlan { Indicator = leaf, Scheme = _scheme, Index = index, ParentIndex = parent, Weight = weight, Method = method, IsNotApplicable = notApplicable, Up = up, Slot = slot };
        if (notApplicable || method.Kind == MethodKind.Assessed)
        {
            return plan;
        }

        var (inputs, whyZh, whyEn) = Inputs(leaf, method, plan);
        if (whyZh is null)
        {
            return inputs;
        }

        if (leaf.SelfScore is null)
        {
            var text = leaf.ValueProblems.IsEmpty ? (leaf.Actual?.Text ?? leaf.Target?.Text) : leaf.ValueProblems[0].Text;
            _problems.Add(new Problem("Unscorable", leaf.Path,
                $"无法按{MethodZh(method.Kind)}计分：{whyZh}，且未给出自评得分",
                $"Cannot score by {method.Kind}: {whyEn}, and no self-score is given", text, leaf.Origin?.JsonPath, leaf.Origin?.Line));
            return plan;
        }

        return new LeafPlan
        {
            Indicator = leaf, Scheme = _scheme, Index = index, ParentIndex = parent, Weight = weight, Method = method, IsNotApplicable = false,
            Up = up, Slot = slot, Fallback = (whyZh, whyEn!),
        };
    }

    /// <summary>The method a leaf is scored by: its own, or the scheme's default for its kind of value and direction.</summary>
    private ScoringMethod Resolve(Indicator leaf)
    {
        if (leaf.Method is { } own) return own;
        var d = _scheme.Defaults;
        if (IsExecutionRate(leaf.Name)) return d.ExecutionRate;
        if (leaf.Actual is { Kind: ValueKind.Qualitative }) return d.Qualitative;
        var direction = leaf.Direction != Direction.Unspecified ? leaf.Direction : leaf.Target?.Comparison switch
        {
            Comparison.AtMost or Comparison.LessThan => Direction.Negative,
            Comparison.Equal => Direction.Equal,
            _ => Direction.Positive,
        };
        return direction switch
        {
            Direction.Negative => d.Negative,
            Direction.Equal => d.Equal,
            _ => d.Positive,
        };
    }

    private static bool IsExecutionRate(string name) => name.Contains("预算执行率", StringComparison.Ordinal) || name.Contains("资金执行率", StringComparison.Ordinal);

    private (LeafPlan Plan, string? WhyZh, string? WhyEn) Inputs(Indicator leaf, ScoringMethod method, LeafPlan plan)
    {
        switch (method.Kind)
        {
            case MethodKind.Checklist:
                return leaf.Checklist is null ? (plan, "报告未说明各项标准是否满足", "the report does not say which criteria were met") : (plan, null, null);

            case MethodKind.Qualitative:
                if (leaf.Actual is { Outcome: { } outcome })
                {
                    return (With(plan, outcome: outcome), null, null);
                }

                if (Comparable(leaf) is { } met)
                {
                    return (With(plan, outcome: met ? QualitativeOutcome.Achieved : QualitativeOutcome.NotAchieved), null, null);
                }

                if (method.Tiers.Narrative is { } narrative && (leaf.Actual is not null || !leaf.ValueProblems.IsEmpty))
                {
                    return (With(plan, outcome: narrative, assumed: true), null, null);
                }

                return (plan, Missing(leaf, "定性完成情况（完成/部分完成/未完成）"), MissingEn(leaf, "qualitative outcome (完成 / 部分达成 / 未达成)"));

            case MethodKind.ExecutionRate:
                if (_evaluation.Budget is { } budget)
                {
                    return (With(plan, actual: budget.ExecutionRatePercent, unit: "%", budget: budget), null, null);
                }

                return Number(leaf.Actual) is { } rate && leaf.Actual!.BaseUnit == "%"
                    ? (With(plan, actual: rate, unit: "%"), null, null)
                    : (plan, Missing(leaf, "预算数与执行数或执行率"), MissingEn(leaf, "budget or execution rate"));

            case MethodKind.Banded:
            case MethodKind.PerIncident:
                return Number(leaf.Actual) is { } n
                    ? (With(plan, actual: n, unit: leaf.Actual!.BaseUnit), null, null)
                    : (plan, Missing(leaf, "数值型实际完成值"), MissingEn(leaf, "numeric actual value"));

            default:
                if (Number(leaf.Target) is not { } t)
                {
                    return (plan, Missing(leaf, "数值型目标值", target: true), MissingEn(leaf, "numeric target", target: true));
                }

                if (Number(leaf.Actual) is not { } a)
                {
                    return (plan, Missing(leaf, "数值型实际完成值"), MissingEn(leaf, "numeric actual value"));
                }

                var (tu, au) = (leaf.Target!.BaseUnit, leaf.Actual!.BaseUnit);
                if (tu is not null && au is not null && !string.Equals(tu, au, StringComparison.Ordinal))
                {
                    return (plan, $"目标值单位“{tu}”与实际值单位“{au}”不一致", $"the target's unit \"{tu}\" differs from the actual's \"{au}\"");
                }

                return (With(plan, target: t, actual: a, unit: tu ?? au), null, null);
        }
    }

    /// <summary>Whether a numeric actual meets a numeric target in the same unit, or <see langword="null"/> when they cannot be compared.</summary>
    private static bool? Comparable(Indicator leaf)
    {
        if (Number(leaf.Target) is not { } t || Number(leaf.Actual) is not { } a) return null;
        if (leaf.Target!.BaseUnit is { } tu && leaf.Actual!.BaseUnit is { } au && !string.Equals(tu, au, StringComparison.Ordinal)) return null;
        var lessIsBetter = leaf.Direction == Direction.Negative || leaf.Target!.Comparison is Comparison.AtMost or Comparison.LessThan;
        return lessIsBetter ? a <= t : a >= t;
    }

    private static decimal? Number(IndicatorValue? v) => v is { Kind: ValueKind.Quantity } ? v.BaseNumber ?? v.Number : null;

    private static string Missing(Indicator leaf, string what, bool target = false)
    {
        var v = target ? leaf.Target : leaf.Actual;
        if (!leaf.ValueProblems.IsEmpty) return $"“{leaf.ValueProblems[0].Text}”无法读取，需要{what}";
        return v is null ? $"报告未给出{what}" : $"“{v.Text}”不是{what}";
    }

    private static string MissingEn(Indicator leaf, string what, bool target = false)
    {
        var v = target ? leaf.Target : leaf.Actual;
        if (!leaf.ValueProblems.IsEmpty) return $"\"{leaf.ValueProblems[0].Text}\" cannot be read; a {what} is needed";
        return v is null ? $"the report gives no {what}" : $"\"{v.Text}\" is not a {what}";
    }

    private static LeafPlan With(LeafPlan p, decimal? target = null, decimal? actual = null, string? unit = null, QualitativeOutcome? outcome = null, Budget? budget = null, bool assumed = false) =>
        new()
        {
            Indicator = p.Indicator, Scheme = p.Scheme, Index = p.Index, ParentIndex = p.ParentIndex, Weight = p.Weight, Method = p.Method, IsNotApplicable = p.IsNotApplicable,
            Up = p.Up, Slot = p.Slot, Target = target, Actual = actual, Unit = unit, Outcome = outcome, Budget = budget, OutcomeAssumed = assumed,
        };

    private static string MethodZh(MethodKind kind) => kind switch
    {
        MethodKind.Proportional => "正向比例法",
        MethodKind.ReverseLinear or MethodKind.ReverseRatio => "反向计分法",
        MethodKind.Equal => "等于法",
        MethodKind.PerPointDeduction => "按百分点扣分法",
        MethodKind.Banded => "分档计分法",
        MethodKind.PerIncident => "按例扣分法",
        MethodKind.Checklist => "清单计分法",
        MethodKind.Qualitative => "定性分级法",
        MethodKind.ExecutionRate => "预算执行率计分法",
        _ => "评议法",
    };
}
