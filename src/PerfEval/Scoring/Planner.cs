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
    private readonly List<LeafPlan> _leaves = [];
    private int _fromSelfScores;
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

        planner._facts.Add(new ProjectFact(evaluation, scheme, roots.Length, rootSum, stated) { Leaves = [.. planner._leaves] });
        if (planner._assigned.Count > 0)
        {
            // One note for all: each assigned weight is marked on its indicator's result.
            var (n, k) = (planner._assigned.Count, planner._fromSelfScores);
            planner._notes.Add(new Finding(FindingCodes.WeightAssigned, Severity.Info, null,
                $"报告未给出 {n} 项指标的分值，已按方案分配（一级指标按方案框架，其余在上级分值内平均分配）"
                    + (k > 0 ? $"；其中 {k} 项的自评得分合计恰为上级分值，按自评得分推定分值" : string.Empty),
                $"The report gives no weight for {n} indicators; the scheme assigned them (level 1 from its frame, the rest split equally within the parent)"
                    + (k > 0 ? $"; {k} of them take their self-scores as weights, since those add up to the parent's points" : string.Empty)));
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
        notApplicable |= node.IsNotApplicable || ReadsNotApplicable(node);
        if (node.IsLeaf)
        {
            var plan = Leaf(node, weight, index, parent, notApplicable, up, slot);
            _facts.Add(plan);
            _leaves.Add(plan);
            return;
        }

        var frameChildren = frame?.Children ?? [];
        // A block scored on its own scale (out of 100, counted as 80) spreads that scale over its rows.
        var scale = parent < 0 ? node.Scale : null;
        var (weights, stated) = Weights(node.Children, scale ?? weight, frameChildren, node.Path);
        decimal sum = 0;
        foreach (var w in weights) sum += w;
        var branch = new BranchFact(index, parent, node, weight, node.Children.Length, sum, stated)
        {
            Up = up, Slot = slot, WeightAssigned = PrintedWeight(node) is null, Scale = scale, CapAtWeight = parent < 0 && HasBonus(node),
        };
        var own = new Tally(branch, node.Children.Length, _scheme);
        _facts.Add(branch);
        _facts.Add(own);
        for (var i = 0; i < node.Children.Length; i++)
        {
            Node(node.Children[i], weights[i], index, FrameFor(frameChildren, node.Children[i].Name), notApplicable, own, i);
        }
    }

    /// <summary>
    /// The weight the report prints for a node: its own, or, for a branch that prints none, the sum of
    /// its children's when every child has one (a parent is the sum of its rows); <see langword="null"/>
    /// when the report leaves it to the scheme.
    /// </summary>
    internal static decimal? PrintedWeight(Indicator node)
    {
        if (node.Weight is { } w) return w;
        if (node.IsLeaf) return null;
        decimal sum = 0;
        foreach (var c in node.Children)
        {
            if (PrintedWeight(c) is not { } cw) return null;
            sum += cw;
        }

        return sum;
    }

    private static bool HasBonus(Indicator node) => node.IsLeaf ? node.MaxBonus is not null : node.Children.Any(HasBonus);

    /// <summary>
    /// A leaf that states no 不适用 flag but whose target and actual both read 不适用 (or one does and
    /// the other is blank) drops out like a flagged one: there is nothing to score it by.
    /// </summary>
    private static bool ReadsNotApplicable(Indicator node)
    {
        if (!node.IsLeaf || !node.ValueProblems.IsEmpty) return false;
        static bool NaOrBlank(IndicatorValue? v) => v is null || v.Kind is ValueKind.NotApplicable or ValueKind.Empty;
        return NaOrBlank(node.Target) && NaOrBlank(node.Actual)
            && (node.Target?.Kind == ValueKind.NotApplicable || node.Actual?.Kind == ValueKind.NotApplicable);
    }

    /// <summary>
    /// The effective weights of siblings: as printed (a branch's printed weight may be its rows' sum);
    /// else from the scheme's frame; else, when the open siblings' self-scores add up exactly to the
    /// parent's points left over, those self-scores; else the points left over split equally in cents
    /// (the odd cents to the last by name, so the split does not depend on the order siblings are listed
    /// in, and no share is ever negative).
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

            if (PrintedWeight(nodes[i]) is { } sum)
            {
                weights[i] = sum;
                fixedSum += sum;
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

            if (SelfScoresFill(nodes, open, left))
            {
                foreach (var k in open)
                {
                    weights[k] = nodes[k].SelfScore!.Value;
                    _assigned.Add(nodes[k].Path);
                }

                _fromSelfScores += open.Count;
                return (weights, allStated);
            }

            var shares = EqualShares(left, open.Count);
            var byName = open.OrderBy(k => nodes[k].Name, StringComparer.Ordinal).ThenBy(k => k).ToArray();
            for (var k = 0; k < byName.Length; k++)
            {
                weights[byName[k]] = shares[k];
                _assigned.Add(nodes[byName[k]].Path);
            }
        }

        return (weights, allStated);
    }

    /// <summary>Whether every open sibling has a positive self-score and together they fill the points left exactly.</summary>
    private static bool SelfScoresFill(ImmutableArray<Indicator> nodes, List<int> open, decimal left)
    {
        decimal sum = 0;
        foreach (var k in open)
        {
            if (nodes[k].SelfScore is not > 0m) return false;
            sum += nodes[k].SelfScore!.Value;
        }

        return left > 0 && sum == left;
    }

    /// <summary>
    /// <paramref name="points"/> split into <paramref name="count"/> shares in whole cents, ascending: each
    /// gets the floor share, the odd cents go one each to the last ones, and anything finer than a cent to
    /// the very last. Shares add up to <paramref name="points"/> exactly and none is negative.
    /// </summary>
    internal static decimal[] EqualShares(decimal points, int count)
    {
        var cents = Math.Floor(points * 100m);
        var each = Math.Floor(cents / count);
        var odd = (int)(cents - each * count);
        var shares = new decimal[count];
        for (var k = 0; k < count; k++)
        {
            shares[k] = (each + (k >= count - odd ? 1 : 0)) / 100m;
        }

        shares[count - 1] += points - cents / 100m;
        return shares;
    }

    /// <summary>
    /// Plans one leaf again after its values changed (live re-grading): same place, weight, tally and
    /// tally as <paramref name="old"/>; only what the leaf's own values decide is redone.
    /// </summary>
    /// <exception cref="EvaluationException">When no rule can score the changed leaf and it has no self-score.</exception>
    public static LeafPlan Replan(Scheme scheme, ProjectEvaluation evaluation, LeafPlan old, Indicator leaf, bool ancestorNotApplicable)
    {
        var planner = new Planner(scheme, evaluation);
        var plan = planner.Leaf(leaf, old.Weight, old.Index, old.ParentIndex, ancestorNotApplicable || leaf.IsNotApplicable || ReadsNotApplicable(leaf), old.Up!, old.Slot);
        if (planner._problems.Count > 0)
        {
            throw new EvaluationException(evaluation.File, planner._problems);
        }

        return plan;
    }

    private LeafPlan Leaf(Indicator leaf, decimal weight, int index, int parent, bool notApplicable, Tally up, int slot)
    {
        var method = Resolve(leaf);
        var plan = new LeafPlan
        {
            Indicator = leaf, Scheme = _scheme, Index = index, ParentIndex = parent, Weight = weight, Method = method, IsNotApplicable = notApplicable,
            Up = up, Slot = slot, WeightAssigned = leaf.Weight is null,
        };
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

        return With(plan, fallback: (whyZh, whyEn!));
    }

    /// <summary>The method a leaf is scored by: its own, or the scheme's default for its kind of value and direction.</summary>
    private ScoringMethod Resolve(Indicator leaf)
    {
        if (leaf.Method is { } own) return own;
        var d = _scheme.Defaults;
        if (IsExecutionRate(leaf.Name)) return d.ExecutionRate;
        if (leaf.Actual is { Kind: ValueKind.Qualitative }) return d.Qualitative;
        // A target written "=100%" or "＝4000户" is a quantity to reach: the national rule scores it in
        // proportion (完成 → full marks, otherwise 按比例). Equal-or-zero is for a leaf declared 等于.
        var direction = leaf.Direction != Direction.Unspecified ? leaf.Direction : leaf.Target?.Comparison switch
        {
            Comparison.AtMost or Comparison.LessThan => Direction.Negative,
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

                // A bare number ("90" against "≥90万元") takes the other value's unit, multiplier included.
                if (tu is not null && au is null)
                {
                    return (With(plan, target: t, actual: InUnitOf(leaf.Actual, leaf.Target), unit: tu, unitAssumed: leaf.Target.Unit), null, null);
                }

                if (au is not null && tu is null)
                {
                    return (With(plan, target: InUnitOf(leaf.Target, leaf.Actual), actual: a, unit: au, unitAssumed: leaf.Actual.Unit), null, null);
                }

                return (With(plan, target: t, actual: a, unit: tu ?? au), null, null);
        }
    }

    /// <summary>Whether a numeric actual meets a numeric target in the same unit, or <see langword="null"/> when they cannot be compared.</summary>
    private static bool? Comparable(Indicator leaf)
    {
        if (Number(leaf.Target) is not { } t || Number(leaf.Actual) is not { } a) return null;
        var (tu, au) = (leaf.Target!.BaseUnit, leaf.Actual!.BaseUnit);
        if (tu is not null && au is not null && !string.Equals(tu, au, StringComparison.Ordinal)) return null;
        if (tu is not null && au is null) a = InUnitOf(leaf.Actual, leaf.Target);
        if (au is not null && tu is null) t = InUnitOf(leaf.Target, leaf.Actual);
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

    /// <summary>A bare number read in the unit another value writes (90 in 万元 → 900000 元).</summary>
    private static decimal InUnitOf(IndicatorValue bare, IndicatorValue other)
    {
        ValueReader.SplitUnit(other.Unit!, out var factor);
        return bare.Number!.Value * factor;
    }

    private static LeafPlan With(LeafPlan p, decimal? target = null, decimal? actual = null, string? unit = null, QualitativeOutcome? outcome = null, Budget? budget = null,
        bool assumed = false, string? unitAssumed = null, (string, string)? fallback = null) =>
        new()
        {
            Indicator = p.Indicator, Scheme = p.Scheme, Index = p.Index, ParentIndex = p.ParentIndex, Weight = p.Weight, Method = p.Method, IsNotApplicable = p.IsNotApplicable,
            Up = p.Up, Slot = p.Slot, WeightAssigned = p.WeightAssigned,
            Target = target, Actual = actual, Unit = unit, Outcome = outcome, Budget = budget, OutcomeAssumed = assumed, UnitAssumed = unitAssumed, Fallback = fallback,
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
