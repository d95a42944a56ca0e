using PerfEval.Model;
using NRules;
using NRules.RuleModel;
using PerfEval.Scoring;
using PerfEval.Values;
using static PerfEval.Grading.RuleKit;

namespace PerfEval.Grading;

/// <summary>
/// The audit rules. Three statements are kept apart: the report's own arithmetic (its stated totals
/// and subtotals against its own 得分), the rules' verdict (the scheme's total against the stated one,
/// explained row by row), and the grade (against the stated total's band and the rules' band). A
/// finding that rests only on the report's figures may be an error; one that rests on an assigned
/// weight, an assumed outcome, unit or method is at most a warning and says what was assumed. Each
/// finding is a linked fact, so it goes away when its cause does.
/// </summary>
internal static class Audit
{
    public static IEnumerable<IRuleDefinition> Rules(string tag, int priority)
    {
        var project = Fact<ProjectFact>("project");
        var final = Fact<FinalTotal>("final");
        var grade = Fact<FinalGrade>("grade");
        var leaf = Fact<LeafPlan>("leaf");
        var branch = Fact<BranchFact>("branch");
        var score = Fact<NodeScore>("score");
        var total = Fact<TotalScore>("total");
        var verdict = Fact<GradeVerdict>("verdict");
        var adjustment = Fact<Adjustment>("adjustment");

        yield return Rule("报告总分与报告各项得分合计不符", tag, priority,
            Then((IContext ctx, ProjectFact project) => YieldIf(ctx, ReportedTotal(project))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Total != null)));

        yield return Rule("按规则计算的总分与报告总分不符", tag, priority,
            Then((IContext ctx, ProjectFact project, TotalScore total, FinalTotal final) => YieldIf(ctx, RuleTotal(project, total, final))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Total != null)),
            Match(total),
            Match(final));

        yield return Rule("报告等级与报告总分不符", tag, priority,
            Then((IContext ctx, ProjectFact project) => YieldIf(ctx, ReportedGrade(project))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Grade != null && project.Evaluation.Reported.Total != null)));

        yield return Rule("报告等级与按规则计算的等级不符", tag, priority,
            Then((IContext ctx, ProjectFact project, FinalGrade grade, FinalTotal final) => YieldIf(ctx, RuleGrade(project, grade, final))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Grade != null)),
            Match(grade),
            Match(final));

        yield return Rule("核对预算执行率", tag, priority,
            Then((IContext ctx, ProjectFact project) => YieldIf(ctx, ExecutionRateMismatch(project))),
            Match(project, When((ProjectFact project) => project.Evaluation.Budget != null && project.Evaluation.Reported.ExecutionRatePercent != null)));

        yield return Rule("自评得分超过分值", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, AboveWeight(leaf.Indicator, leaf.Cap, leaf.WeightAssigned))),
            Match(leaf, When((LeafPlan leaf) => leaf.SelfScore > leaf.Cap)));

        yield return Rule("小计自评得分超过分值", tag, priority,
            Then((IContext ctx, BranchFact branch) => Yield(ctx, AboveWeight(branch.Indicator, branch.Scale ?? branch.Weight, branch.WeightAssigned))),
            Match(branch, When((BranchFact branch) => branch.Indicator.SelfScore > (branch.Scale ?? branch.Weight))));

        // The comparison is the rule's condition, not its action: a leaf whose self-score agrees makes no
        // activation at all (most leaves of a report), which is most of what this rule set would cost.
        yield return Rule("自评得分与规则计分不符", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, SelfScoreDiffers(score))),
            Match(score, When((NodeScore score) => score.Computed && score.Leaf != null && score.Leaf.SelfScore != null && score.ApplicableWeight > 0 && Differs(score))));

        yield return Rule("报告小计与报告下级得分合计不符", tag, priority,
            Then((IContext ctx, BranchFact branch) => YieldIf(ctx, ReportedSubtotal(branch))),
            Match(branch, When((BranchFact branch) => branch.Indicator.SelfScore != null)));

        yield return Rule("小计得分与按规则计算的下级得分合计不符", tag, priority,
            Then((IContext ctx, BranchFact branch, NodeScore score) => YieldIf(ctx, RuleSubtotal(branch, score))),
            Match(branch, When((BranchFact branch) => branch.Indicator.SelfScore != null)),
            Match(score, When((NodeScore score, BranchFact branch) => score.Index == branch.Index)));

        yield return Rule("下级分值之和不等于上级分值", tag, priority,
            Then((IContext ctx, BranchFact branch) => Yield(ctx, WeightSum(branch))),
            Match(branch, When((BranchFact branch) => branch.WeightsStated && branch.Indicator.Weight != null && branch.ChildWeightSum != (branch.Scale ?? branch.Weight))));

        yield return Rule("一级指标分值之和不等于100", tag, priority,
            Then((IContext ctx, ProjectFact project, TotalScore total) => Yield(ctx, RootWeightSum(project, total))),
            Match(project, When((ProjectFact project) => project.RootWeightsStated && project.RootWeightSum != 100m)),
            Match(total));

        yield return Rule("无法读取的数值", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, Unreadable(leaf))),
            Match(leaf, When((LeafPlan leaf) => leaf.Indicator.ValueProblems.Length > 0)));

        yield return Rule("成本超出目标", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, CostOver(leaf))),
            Match(leaf, When((LeafPlan leaf) => (leaf.Kind == MethodKind.ReverseLinear || leaf.Kind == MethodKind.ReverseRatio)
                && leaf.Target != null && leaf.Actual != null && leaf.Actual > leaf.Target)));

        yield return Rule("正文数值与表格不符", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => YieldIf(ctx, TextTableMismatch(leaf))),
            Match(leaf, When((LeafPlan leaf) => leaf.Indicator.TextValue != null && leaf.Indicator.Actual != null)));

        yield return Rule("自评分项之和不等于自评得分", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => YieldIf(ctx, PartsMismatch(leaf))),
            Match(leaf, When((LeafPlan leaf) => leaf.Indicator.SelfScoreParts.Length > 0 && leaf.SelfScore != null)));

        yield return Rule("未写单位的数值按另一值的单位读取", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, UnitAssumed(leaf))),
            Match(leaf, When((LeafPlan leaf) => leaf.UnitAssumed != null && !leaf.IsNotApplicable)));

        yield return Rule("实际完成值照抄目标值", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, ActualRepeatsTarget(leaf))),
            Match(leaf, When((LeafPlan leaf) => !leaf.IsNotApplicable && RepeatsTarget(leaf.Indicator))));

        yield return Rule("数值型目标以完成二字作实际值", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, CompletionWord(leaf))),
            Match(leaf, When((LeafPlan leaf) => !leaf.IsNotApplicable && leaf.Kind == MethodKind.Qualitative && CompletionWordForNumber(leaf.Indicator))));

        yield return Rule("满意度指标文字照抄其他指标", tag, priority,
            Then((IContext ctx, ProjectFact project) => YieldIf(ctx, CopiedSatisfaction(project))),
            Match(project));

        yield return Rule("规则无法计分时采用自评得分", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, SelfScoreUsed(score))),
            Match(score, When((NodeScore score) => score.Leaf != null && score.Leaf.Fallback != null)));

        yield return Rule("叙述性实际值按方案视为达成", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, Assumed(score))),
            Match(score, When((NodeScore score) => score.Leaf != null && score.Leaf.OutcomeAssumed)));

        yield return Rule("总分按百分制折算", tag, priority,
            Then((IContext ctx, ProjectFact project, TotalScore total) => Yield(ctx, Rescaled(project, total))),
            Match(project),
            Match(total, When((TotalScore total) => total.Rescaled)));

        yield return Rule("政策调整等级", tag, priority,
            Then((IContext ctx, GradeVerdict verdict) => Yield(ctx, Verdict(verdict))),
            Match(verdict));

        yield return Rule("政策加减分", tag, priority,
            Then((IContext ctx, Adjustment adjustment) => Yield(ctx, Adjusted(adjustment))),
            Match(adjustment));
    }

    // ---------------------------------------------------------------- the report's own arithmetic

    /// <summary>The stated total against the sum of the report's own 得分 (level-1 subtotals, or their rows).</summary>
    private static FindingFact? ReportedTotal(ProjectFact project)
    {
        var stated = project.Evaluation.Reported.Total!.Value;
        var dropped = DroppedLeaves(project);
        if (ReportSum(project, dropped) is not { } sum) return null;   // a row without 得分: the report's sum is unknown
        var check = Printed.Check(stated, sum, truncation: false);
        if (check.Agrees) return null;
        // A report that dropped 不适用 rows may state its sum rescaled to 100 (按百分制折算).
        if (dropped.Count > 0 && project.Scheme.NotApplicable == NotApplicablePolicy.Rescale && ApplicableWeight(project, dropped) is > 0m and var applicable
            && Printed.Check(stated, sum / applicable * 100m, truncation: false).Agrees)
        {
            return null;
        }

        return new(Cite(new Finding(FindingCodes.ReportedTotalMismatch, Severity.Error, null,
            $"报告总分 {Num.Show(stated)}，报告各项得分合计 {Num.Show(sum)}（{check.Zh}），两者不符；依据：$.reported.total 与各指标 selfScore",
            $"The report states a total of {Num.Show(stated)}, but its own scores add up to {Num.Show(sum)} ({check.En}); from $.reported.total and the indicators' selfScore"),
            Fig("reported total", stated, "$.reported.total"),
            Fig("sum of the report's own scores", sum, "$.indicators[*].selfScore")));
    }

    /// <summary>A stated subtotal against its rows' stated 得分, when every row states one.</summary>
    private static FindingFact? ReportedSubtotal(BranchFact branch)
    {
        var stated = branch.Indicator.SelfScore!.Value;
        if (RowsSum(branch.Indicator) is not { } sum) return null;
        var check = Printed.Check(stated, sum, truncation: false);
        // A block scored out of its own scale may state its subtotal on either scale.
        if (check.Agrees || (branch.Scale is { } scale && Printed.Check(stated, sum * branch.Weight / scale, truncation: false).Agrees)) return null;
        return new(Cite(new Finding(FindingCodes.ReportedTotalMismatch, Severity.Error, branch.Indicator.Path,
            $"小计 {Num.Show(stated)} 与报告下级各项得分合计 {Num.Show(sum)} 不符（{check.Zh}）；依据：{Where(branch.Indicator)}.selfScore 与下级 selfScore",
            $"The stated subtotal {Num.Show(stated)} differs from its rows' stated scores, which add up to {Num.Show(sum)} ({check.En}); from {Where(branch.Indicator)}.selfScore and its rows'"),
            Fig("stated subtotal", stated, Field(branch.Indicator, "selfScore")), Fig("sum of its rows' stated scores", sum, Field(branch.Indicator, "children[*].selfScore"))));
    }

    /// <summary>The sum of a branch's rows as the report gives them (a row's own 得分, or its rows' in turn).</summary>
    private static decimal? RowsSum(Indicator branch)
    {
        decimal sum = 0;
        foreach (var c in branch.Children)
        {
            if (Own(c, NoneDropped) is not { } s) return null;
            sum += s;
        }

        return sum;
    }

    private static readonly HashSet<Indicator> NoneDropped = new(ReferenceEqualityComparer.Instance);

    /// <summary>The report's own total: its level-1 得分 as it gives them, added up; <see langword="null"/> when a row gives none.</summary>
    private static decimal? ReportSum(ProjectFact project, HashSet<Indicator> dropped)
    {
        decimal sum = 0;
        foreach (var root in project.Evaluation.Indicators)
        {
            if (Own(root, dropped) is not { } own) return null;
            sum += own;
        }

        return sum;
    }

    /// <summary>A node's 得分 as the report gives it: its own, or its applicable rows' sum when every one states one.</summary>
    private static decimal? Own(Indicator node, HashSet<Indicator> dropped)
    {
        if (node.IsNotApplicable || dropped.Contains(node)) return 0m;
        if (node.SelfScore is { } s) return s;
        if (node.IsLeaf) return null;
        decimal sum = 0;
        foreach (var c in node.Children)
        {
            if (Own(c, dropped) is not { } own) return null;
            sum += own;
        }

        return node.Scale is { } scale && node.Weight is { } w ? sum * w / scale : sum;
    }

    private static HashSet<Indicator> DroppedLeaves(ProjectFact project)
    {
        var set = new HashSet<Indicator>(ReferenceEqualityComparer.Instance);
        foreach (var l in project.Leaves)
        {
            if (l.IsNotApplicable) set.Add(l.Indicator);
        }

        return set;
    }

    private static decimal ApplicableWeight(ProjectFact project, HashSet<Indicator> dropped)
    {
        var w = project.RootWeightSum;
        foreach (var l in project.Leaves)
        {
            if (dropped.Contains(l.Indicator)) w -= l.Weight;
        }

        return w;
    }

    // ---------------------------------------------------------------- the rules' verdict

    /// <summary>
    /// The total by the scheme's rules against the stated total, explained by the rows whose self-score
    /// differs from the rule. Silent when the report's own 得分 add up to the rules' total: then the whole
    /// gap is the report's arithmetic, which <see cref="ReportedTotal"/> states.
    /// </summary>
    private static FindingFact? RuleTotal(ProjectFact project, TotalScore total, FinalTotal final)
    {
        var stated = project.Evaluation.Reported.Total!.Value;
        var check = Printed.Check(stated, final.Total, truncation: false);
        if (check.Agrees) return null;
        var places = project.Scheme.Rounding.Places;
        var own = ReportSum(project, DroppedLeaves(project));
        if (own is { } reportSum && project.Scheme.Rounding.Round(reportSum) == final.Total) return null;

        var rows = new List<string>();
        var rowsEn = new List<string>();
        var evidence = new List<Evidence>();
        decimal diffs = 0;
        foreach (var leaf in project.Leaves)
        {
            if (leaf.IsNotApplicable || leaf.SelfScore is not { } self || leaf.Fallback is not null || !leaf.Method.IsComputed) continue;
            var rule = RuleScore(leaf);
            if (Math.Abs(rule - self) <= project.Scheme.Tolerance) continue;
            diffs += rule - self;
            rows.Add($"{leaf.Path} {Num.Show(self)} → {Num.Show(rule)}（{Signed(rule - self)}）");
            rowsEn.Add($"{leaf.Path} {Num.Show(self)} → {Num.Show(rule)} ({Signed(rule - self)})");
            evidence.Add(Fig("self-score of " + leaf.Path, self, Field(leaf.Indicator, "selfScore")));
            evidence.Add(Fig("rule score of " + leaf.Path, rule, ByRules));
        }

        var gap = final.Total - stated;
        var rest = gap - diffs;
        var assumed = project.Leaves.Any(l => l.WeightAssigned || l.OutcomeAssumed || l.UnitAssumed != null);
        var zh = $"按方案规则计算总分 {Num.Fixed(final.Total, places)}，报告总分 {Num.Show(stated)}（{check.Zh}），相差 {Signed(gap)}";
        var en = $"By the scheme's rules the total is {Num.Fixed(final.Total, places)}; the report states {Num.Show(stated)} ({check.En}), a difference of {Signed(gap)}";
        if (rows.Count > 0)
        {
            zh += $"；自评得分与规则计分不符的指标：{string.Join("；", rows)}，合计 {Signed(diffs)}";
            en += $"; rows whose self-score differs from the rule: {string.Join("; ", rowsEn)}, together {Signed(diffs)}";
        }

        if (rest != 0)
        {
            zh += $"；其余 {Signed(rest)} 来自{RestZh(project, total, final, own)}";
            en += $"; the remaining {Signed(rest)} comes from {RestEn(project, total, final, own)}";
        }

        if (assumed)
        {
            zh += "；部分分值、完成情况或单位为推定，见相应发现";
            en += "; some weights, outcomes or units are assumed, see those findings";
        }

        return new(Cite(new Finding(FindingCodes.RuleTotalDiffers, Severity.Warning, null, zh, en), [Fig("reported total", stated, "$.reported.total"),
            Fig("total by the rules", final.Total, ByRules), .. evidence]));
    }

    private static string RestZh(ProjectFact project, TotalScore total, FinalTotal final, decimal? own) => string.Join("、", Rest(project, total, final, own).Select(r => r.Zh));

    private static string RestEn(ProjectFact project, TotalScore total, FinalTotal final, decimal? own) => string.Join(", ", Rest(project, total, final, own).Select(r => r.En));

    /// <summary>What else can make the rules' total differ from the stated one besides the rows' self-scores; rounding when nothing else does.</summary>
    private static List<(string Zh, string En)> Rest(ProjectFact project, TotalScore total, FinalTotal final, decimal? own)
    {
        var rest = new List<(string Zh, string En)>();
        if (own is { } sum && sum != project.Evaluation.Reported.Total) rest.Add(("报告自身合计误差", "the report's own addition"));
        if (own is null) rest.Add(("未给自评得分的指标", "rows without a self-score"));
        if (total.Rescaled) rest.Add(("百分制折算", "rescaling to 100"));
        if (!final.Adjustments.IsEmpty) rest.Add(("政策加减分", "policy adjustments"));
        if (rest.Count == 0) rest.Add(("舍入", "rounding"));
        return rest;
    }

    /// <summary>
    /// The rule's score of a leaf: the one its rule put in its parent's tally in this session (by the
    /// time the audit fires every leaf is scored), else by the same scoring function its rule fires.
    /// </summary>
    private static decimal RuleScore(LeafPlan leaf)
    {
        if (leaf.Up?.At(leaf.Slot) is { } scored && ReferenceEquals(scored.Leaf, leaf)) return scored.Score;
        foreach (var (kind, _, score) in GradingRules.Methods)
        {
            if (kind == leaf.Kind) return score(leaf, leaf.Scheme.Rounding).Score;
        }

        return leaf.SelfScore ?? 0m;
    }

    private static bool Differs(NodeScore score) => Math.Abs(score.Leaf!.SelfScore!.Value - score.Score) > score.Leaf.Scheme.Tolerance;

    private static FindingFact SelfScoreDiffers(NodeScore score)
    {
        var leaf = score.Leaf!;
        var self = leaf.SelfScore!.Value;
        return new FindingFact(Cite(new Finding(FindingCodes.SelfScoreDiffersFromRule, Severity.Warning, score.Path,
            $"自评得分 {Num.Show(self)}，按规则计分为 {Num.Show(score.Score)}（{score.Explanation.Arithmetic}）；依据：{Where(leaf.Indicator)}",
            $"The self-score is {Num.Show(self)}; the rule scores {Num.Show(score.Score)} ({score.Explanation.Arithmetic}); from {Where(leaf.Indicator)}"),
            Fig("self-score", self, Field(leaf.Indicator, "selfScore")), Fig("rule score", score.Score, ByRules)));
    }

    /// <summary>A stated subtotal whose rows do not all state a score, against the rules' sum of them.</summary>
    private static FindingFact? RuleSubtotal(BranchFact branch, NodeScore score)
    {
        if (RowsSum(branch.Indicator) is not null) return null;   // the report's own arithmetic decides; see ReportedSubtotal
        var stated = branch.Indicator.SelfScore!.Value;
        var check = Printed.Check(stated, score.Score, truncation: false);
        if (check.Agrees) return null;
        return new(Cite(new Finding(FindingCodes.SubtotalMismatch, Severity.Warning, branch.Indicator.Path,
            $"小计 {Num.Show(stated)} 与按规则计算的下级得分合计 {Num.Show(score.Score)} 不符（{check.Zh}）",
            $"The stated subtotal {Num.Show(stated)} differs from the rules' sum of its rows, {Num.Show(score.Score)} ({check.En})"),
            Fig("stated subtotal", stated, Field(branch.Indicator, "selfScore")), Fig("rows scored by the rules", score.Score, ByRules)));
    }

    // ---------------------------------------------------------------- the grade

    /// <summary>The stated grade against the band the stated total earns: the report's own consistency.</summary>
    private static FindingFact? ReportedGrade(ProjectFact project)
    {
        var (grade, total) = (project.Evaluation.Reported.Grade!, project.Evaluation.Reported.Total!.Value);
        var band = project.Scheme.GradeFor(total);
        if (string.Equals(grade, band.Name, StringComparison.Ordinal)) return null;
        return new(Cite(new Finding(FindingCodes.ReportedGradeMismatch, Severity.Error, null,
            $"报告评价等级为“{grade}”，报告总分 {Num.Show(total)} 按方案等级应为“{band.Name}”（{Num.Show(band.Min)} 分及以上）；依据：$.reported.grade 与 $.reported.total",
            $"The report states grade \"{grade}\", but its own total {Num.Show(total)} earns \"{band.Name}\" (from {Num.Show(band.Min)}); from $.reported.grade and $.reported.total"),
            new Evidence("reported grade", grade, "$.reported.grade"),
            Fig("reported total", total, "$.reported.total"),
            new Evidence("band of the reported total", band.Name, Grades(project))));
    }

    /// <summary>The stated grade against the grade the rules' total earns (after policies).</summary>
    private static FindingFact? RuleGrade(ProjectFact project, FinalGrade grade, FinalTotal final)
    {
        var stated = project.Evaluation.Reported.Grade!;
        if (string.Equals(stated, grade.Band.Name, StringComparison.Ordinal)) return null;
        var places = project.Scheme.Rounding.Places;
        var why = grade.PolicyName is { } p ? $"，政策“{p}”" : string.Empty;
        var whyEn = grade.PolicyName is { } q ? $", policy \"{q}\"" : string.Empty;
        return new(Cite(new Finding(FindingCodes.RuleGradeDiffers, Severity.Warning, null,
            $"报告评价等级为“{stated}”，按方案规则计算总分 {Num.Fixed(final.Total, places)}{why}，等级应为“{grade.Band.Name}”",
            $"The report states grade \"{stated}\"; by the scheme's rules the total is {Num.Fixed(final.Total, places)}{whyEn}, which earns \"{grade.Band.Name}\""),
            new Evidence("reported grade", stated, "$.reported.grade"),
            Fig("total by the rules", final.Total, ByRules), new Evidence("grade by the rules", grade.Band.Name, ByRules)));
    }

    // ---------------------------------------------------------------- budget, weights, values

    private static FindingFact? ExecutionRateMismatch(ProjectFact project)
    {
        var budget = project.Evaluation.Budget!;
        var stated = project.Evaluation.Reported.ExecutionRatePercent!.Value;
        var computed = budget.ExecutionRatePercent;
        // Reports print rates rounded (四舍五入) or cut (截尾) at the places they show; either agrees.
        var check = Printed.Check(stated, computed, truncation: true);
        if (check.Agrees) return null;
        var shown = Num.Fixed(Math.Round(computed, Math.Max(2, (int)stated.Scale), MidpointRounding.AwayFromZero), Math.Max(2, (int)stated.Scale));
        return new FindingFact(Cite(new Finding(FindingCodes.ExecutionRateMismatch, Severity.Error, null,
            $"报告预算执行率 {Num.Show(stated)}%，执行数 {Num.Show(budget.Executed)} ÷ 预算数 {Num.Show(budget.Planned)} = {shown}%（{check.Zh}）；依据：$.reported.executionRate 与 $.budget",
            $"The report states an execution rate of {Num.Show(stated)}%; executed {Num.Show(budget.Executed)} ÷ planned {Num.Show(budget.Planned)} = {shown}% ({check.En}); from $.reported.executionRate and $.budget"),
            new Evidence("reported execution rate", Num.Show(stated) + "%", "$.reported.executionRate"),
            Fig("planned", budget.Planned, "$.budget.planned"),
            Fig("executed", budget.Executed, "$.budget.executed"),
            new Evidence("executed ÷ planned", shown + "%", ByRules)));
    }

    /// <summary>A self-score above the points a row allows: an error against a printed weight, a warning against an assigned one.</summary>
    private static FindingFact AboveWeight(Indicator node, decimal cap, bool assigned) =>
        assigned
            ? new(Cite(new Finding(FindingCodes.SelfScoreAboveWeight, Severity.Warning, node.Path,
                $"自评得分 {Num.Show(node.SelfScore!.Value)} 超过方案分配的分值 {Num.Show(cap)}（报告未列分值，分配值为推定）",
                $"The self-score {Num.Show(node.SelfScore!.Value)} exceeds the weight {Num.Show(cap)} the scheme assigned (the report prints none, so the weight is an assumption)"),
            Fig("self-score", node.SelfScore!.Value, Field(node, "selfScore")), Fig("weight", cap, "rules (assigned)")))
            : new(Cite(new Finding(FindingCodes.SelfScoreAboveWeight, Severity.Error, node.Path,
                $"自评得分 {Num.Show(node.SelfScore!.Value)} 超过分值 {Num.Show(cap)}；依据：{Where(node)}",
                $"The self-score {Num.Show(node.SelfScore!.Value)} exceeds the weight {Num.Show(cap)}; from {Where(node)}"),
            Fig("self-score", node.SelfScore!.Value, Field(node, "selfScore")), Fig("weight", cap, Field(node, "weight"))));

    private static FindingFact Unreadable(LeafPlan leaf) =>
        new(Cite(new Finding(FindingCodes.UnreadableValue, leaf.Fallback is null ? Severity.Info : Severity.Warning, leaf.Path,
            string.Join("；", leaf.Indicator.ValueProblems.Select(p => p.MessageZh)),
            string.Join("; ", leaf.Indicator.ValueProblems.Select(p => p.MessageEn))), [.. leaf.Indicator.ValueProblems.Select(p => new Evidence("unreadable text", p.Text ?? string.Empty, p.JsonPath ?? leaf.Path))]));

    private static FindingFact? TextTableMismatch(LeafPlan leaf)
    {
        var (text, table) = (leaf.Indicator.TextValue!, leaf.Indicator.Actual!);
        var (t, a) = (text.BaseNumber ?? text.Number, table.BaseNumber ?? table.Number);
        if (t is null || a is null || t == a) return null;
        var quote = leaf.Indicator.TextQuote is { } q ? $"（正文：“{q}”）" : string.Empty;
        return new FindingFact(Cite(new Finding(FindingCodes.TextTableMismatch, Severity.Warning, leaf.Path,
            $"正文所述 {text.Text} 与表中实际完成值 {table.Text} 不一致{quote}",
            $"The report's text states {text.Text} but the table gives {table.Text}"),
            new Evidence("figure in the text", text.Text, Field(leaf.Indicator, "textValue")), new Evidence("actual in the table", table.Text, Field(leaf.Indicator, "actual"))));
    }

    private static FindingFact? PartsMismatch(LeafPlan leaf)
    {
        decimal sum = 0;
        foreach (var part in leaf.Indicator.SelfScoreParts) sum += part.SelfScore;
        var self = leaf.SelfScore!.Value;
        if (sum == self) return null;
        var terms = string.Join(" + ", leaf.Indicator.SelfScoreParts.Select(p => Num.Show(p.SelfScore)));
        return new FindingFact(Cite(new Finding(FindingCodes.SelfScorePartsMismatch, Severity.Warning, leaf.Path,
            $"分项自评得分 {terms} = {Num.Show(sum)}，不等于自评得分 {Num.Show(self)}",
            $"The itemized self-scores {terms} = {Num.Show(sum)} do not add up to the self-score {Num.Show(self)}"),
            Fig("self-score", self, Field(leaf.Indicator, "selfScore")), Fig("sum of the parts", sum, Field(leaf.Indicator, "selfScoreParts[*].selfScore"))));
    }

    private static FindingFact WeightSum(BranchFact branch)
    {
        var points = branch.Scale ?? branch.Weight;
        return new(Cite(new Finding(FindingCodes.WeightSumMismatch, Severity.Warning, branch.Indicator.Path,
            $"下级指标分值合计 {Num.Show(branch.ChildWeightSum)}，不等于本级{(branch.Scale is null ? "分值" : "计分满分")} {Num.Show(points)}",
            $"The children's weights add up to {Num.Show(branch.ChildWeightSum)}, not {Num.Show(points)}"),
            Fig("weight", points, Field(branch.Indicator, branch.Scale is null ? "weight" : "scale")), Fig("sum of the rows' weights", branch.ChildWeightSum, Field(branch.Indicator, "children[*].weight"))));
    }

    /// <summary>
    /// Level-1 weights that do not add up to 100: which row makes the excess (or the shortfall) when one
    /// row's weight equals it, and the total with and without rescaling to 100.
    /// </summary>
    private static FindingFact RootWeightSum(ProjectFact project, TotalScore total)
    {
        var sum = project.RootWeightSum;
        var off = sum - 100m;
        var r = project.Scheme.Rounding;
        var rows = project.Evaluation.Indicators.Where(i => PlannedWeight(i) == Math.Abs(off)).Select(i => i.Name).ToArray();
        var rowZh = off > 0 && rows.Length > 0 ? $"；超出的 {Num.Show(off)} 分与“{string.Join("”“", rows)}”的分值相等，该行可能列在 100 分表之外" : string.Empty;
        var rowEn = off > 0 && rows.Length > 0 ? $"; the excess {Num.Show(off)} equals the weight of {string.Join(", ", rows)}, which may sit outside a 100-point table" : string.Empty;
        var (with, without) = (Num.Fixed(total.Total, r.Places), Num.Fixed(r.Round(total.Raw), r.Places));
        return new(Cite(new Finding(FindingCodes.WeightSumMismatch, Severity.Warning, null,
            $"一级指标分值合计 {Num.Show(sum)}，不等于 100{rowZh}；按百分制折算总分为 {with}，不折算（直接相加）为 {without}",
            $"The level-1 weights add up to {Num.Show(sum)}, not 100{rowEn}; rescaled to 100 the total is {with}, added up as printed it is {without}"),
            Fig("sum of the level-1 weights", sum, "$.indicators[*].weight"),
            Fig("total rescaled to 100", total.Total, ByRules), Fig("total as printed", r.Round(total.Raw), ByRules)));
    }

    private static decimal? PlannedWeight(Indicator root) => Planner.PrintedWeight(root);

    /// <summary>Why the total was rescaled to 100: rows dropped as 不适用, or weights that do not add up to 100.</summary>
    private static FindingFact Rescaled(ProjectFact project, TotalScore total)
    {
        var r = project.Scheme.Rounding;
        var arithmetic = $"{Num.Show(total.Raw)} ÷ {Num.Show(total.ApplicableWeight)} × 100 = {Num.Fixed(total.Total, r.Places)}";
        var dropped = project.Leaves.Where(l => l.IsNotApplicable && l.Weight > 0).ToArray();
        if (dropped.Length > 0)
        {
            var w = dropped.Sum(l => l.Weight);
            return new(Cite(new Finding(FindingCodes.NotApplicableRescaled, Severity.Info, null,
                $"{dropped.Length} 项指标不适用（分值 {Num.Show(w)}），不参与计分；适用分值 {Num.Show(total.ApplicableWeight)}，总分按百分制折算：{arithmetic}",
                $"{dropped.Length} indicators are not applicable ({Num.Show(w)} points) and drop out; on the {Num.Show(total.ApplicableWeight)} applicable points the total is rescaled to 100: {arithmetic}"),
            Fig("points not applicable", w, ByRules), Fig("applicable points", total.ApplicableWeight, ByRules), Fig("total rescaled to 100", total.Total, ByRules)));
        }

        return new(Cite(new Finding(FindingCodes.WeightsRescaled, Severity.Info, null,
            $"没有不适用的指标，但计分指标的分值合计 {Num.Show(total.ApplicableWeight)} 不等于 100，总分按百分制折算：{arithmetic}",
            $"Nothing is 不适用, but the scored rows' weights add up to {Num.Show(total.ApplicableWeight)}, not 100, so the total is rescaled to 100: {arithmetic}"),
            Fig("scored points", total.ApplicableWeight, "$.indicators[*].weight"),
            Fig("total rescaled to 100", total.Total, ByRules)));
    }

    private static FindingFact CostOver(LeafPlan leaf)
    {
        decimal a = leaf.Actual!.Value, t = leaf.Target!.Value;
        return new(Cite(new Finding(FindingCodes.CostOverTarget, Severity.Warning, leaf.Path,
            $"实际值 {leaf.Show(a)} 超出目标 {leaf.Show(t)}，超出 {leaf.Show(a - t)}",
            $"Actual {leaf.Show(a)} is over the target {leaf.Show(t)} by {leaf.Show(a - t)}"),
            new Evidence("target", leaf.Show(t), Field(leaf.Indicator, "target")), new Evidence("actual", leaf.Show(a), Field(leaf.Indicator, "actual"))));
    }

    private static FindingFact UnitAssumed(LeafPlan leaf)
    {
        var (bareTarget, unit) = (leaf.Indicator.Target!.BaseUnit is null, leaf.UnitAssumed!);
        var (bare, other) = bareTarget ? ("目标值", "实际值") : ("实际值", "目标值");
        var (bareEn, otherEn) = bareTarget ? ("target", "actual") : ("actual", "target");
        var text = bareTarget ? leaf.Indicator.TargetText : leaf.Indicator.ActualText;
        return new(Cite(new Finding(FindingCodes.UnitAssumed, Severity.Warning, leaf.Path,
            $"{bare}“{text}”未写单位，按{other}的单位读作 {text}{unit}（推定）；依据：{Where(leaf.Indicator)}",
            $"The {bareEn} \"{text}\" has no unit and is read in the {otherEn}'s unit as {text}{unit} (an assumption); from {Where(leaf.Indicator)}"),
            new Evidence("target", leaf.Indicator.TargetText ?? string.Empty, Field(leaf.Indicator, "target")), new Evidence("actual", leaf.Indicator.ActualText ?? string.Empty, Field(leaf.Indicator, "actual"))));
    }

    /// <summary>An actual written like a target (≥266米 against ≥266米): it restates the goal, it does not report a result.</summary>
    private static bool RepeatsTarget(Indicator leaf) =>
        leaf.Actual is { Kind: ValueKind.Quantity, Comparison: not Comparison.None } a && leaf.Target is { Kind: ValueKind.Quantity } t
        && a.Comparison == t.Comparison && (a.BaseNumber ?? a.Number) == (t.BaseNumber ?? t.Number)
        && string.Equals(a.BaseUnit, t.BaseUnit, StringComparison.Ordinal);

    private static FindingFact ActualRepeatsTarget(LeafPlan leaf) =>
        new(Cite(new Finding(FindingCodes.ActualRepeatsTarget, Severity.Warning, leaf.Path,
            $"实际完成值“{leaf.Indicator.ActualText}”照抄目标值“{leaf.Indicator.TargetText}”（带比较符），不能证明已完成；依据：{Where(leaf.Indicator)}.actual",
            $"The actual \"{leaf.Indicator.ActualText}\" repeats the target \"{leaf.Indicator.TargetText}\" with its comparator: it is no evidence of completion; from {Where(leaf.Indicator)}.actual"),
            TargetAndActual(leaf.Indicator)));

    /// <summary>完成 / 已完成 as the actual of a numeric target: read as met, but the report gives no figure.</summary>
    private static bool CompletionWordForNumber(Indicator leaf) =>
        leaf.Target is { Kind: ValueKind.Quantity } && leaf.Actual is { Kind: ValueKind.Qualitative, Outcome: QualitativeOutcome.Achieved };

    private static FindingFact CompletionWord(LeafPlan leaf) =>
        new(Cite(new Finding(FindingCodes.CompletionWordForNumber, Severity.Warning, leaf.Path,
            $"目标值“{leaf.Indicator.TargetText}”是数值，实际完成值“{Cut(leaf.Indicator.ActualText)}”未给出数值，仅按“完成”视为达到目标；依据：{Where(leaf.Indicator)}.actual",
            $"The target \"{leaf.Indicator.TargetText}\" is a figure but the actual \"{Cut(leaf.Indicator.ActualText)}\" gives none; it is read as met on the word 完成 alone; from {Where(leaf.Indicator)}.actual"),
            TargetAndActual(leaf.Indicator)));

    /// <summary>A 满意度 row whose target or actual text is word for word another row's: a copied cell.</summary>
    private static FindingFact? CopiedSatisfaction(ProjectFact project)
    {
        var copies = new List<(LeafPlan Row, LeafPlan Source, string Text)>();
        foreach (var row in project.Leaves)
        {
            if (row.IsNotApplicable || !row.Path.Contains("满意", StringComparison.Ordinal)) continue;
            foreach (var other in project.Leaves)
            {
                if (ReferenceEquals(other, row)) continue;
                var same = Same(row.Indicator.ActualText, other.Indicator.ActualText) ?? Same(row.Indicator.TargetText, other.Indicator.TargetText);
                if (same is not null)
                {
                    copies.Add((row, other, same));
                    break;
                }
            }
        }

        if (copies.Count == 0) return null;
        var (first, source, text) = copies[0];
        return new(Cite(new Finding(FindingCodes.CopiedText, Severity.Warning, first.Path,
            $"满意度指标的文字“{Cut(text)}”与“{source.Path}”完全相同，疑为照抄；依据：{Where(first.Indicator)} 与 {Where(source.Indicator)}",
            $"The satisfaction row's text \"{Cut(text)}\" is word for word that of {source.Path}: likely copied; from {Where(first.Indicator)} and {Where(source.Indicator)}"),
            new Evidence("text", text, Field(first.Indicator, "actual")), new Evidence("same text", text, Field(source.Indicator, "actual"))));
    }

    /// <summary>The text when both are the same and long enough to be more than an outcome word (完成 repeats by nature).</summary>
    private static string? Same(string? a, string? b) =>
        a is { Length: > 4 } && string.Equals(a.Trim(), b?.Trim(), StringComparison.Ordinal) ? a.Trim() : null;

    private static FindingFact Assumed(NodeScore score) =>
        new(Cite(new Finding(FindingCodes.OutcomeAssumed, Severity.Warning, score.Path, score.Explanation.Zh, score.Explanation.En),
            new Evidence("actual", score.Leaf!.Indicator.ActualText ?? string.Empty, Field(score.Leaf.Indicator, "actual")),
            new Evidence("outcome assumed", score.Leaf.Outcome?.ToString() ?? string.Empty, ByRules)));

    private static FindingFact SelfScoreUsed(NodeScore score) =>
        new(Cite(new Finding(FindingCodes.SelfScoreUsed, Severity.Info, score.Path, score.Explanation.Zh, score.Explanation.En),
            Fig("self-score", score.Leaf!.SelfScore!.Value, Field(score.Leaf.Indicator, "selfScore"))));

    private static FindingFact Verdict(GradeVerdict verdict) =>
        new(new Finding(FindingCodes.PolicyApplied, Severity.Warning, verdict.Policy.Indicator, verdict.ReasonZh, verdict.ReasonEn));

    private static FindingFact Adjusted(Adjustment a) =>
        new(new Finding(FindingCodes.PolicyApplied, Severity.Info, null,
            $"{(a.Policy is null ? "规则" : "政策")}“{a.Name}”：{(a.Points > 0 ? "加" : "扣")} {Num.Show(Math.Abs(a.Points))} 分",
            $"{(a.Policy is null ? "Rule" : "Policy")} \"{a.Name}\": {(a.Points > 0 ? "+" : "−")}{Num.Show(Math.Abs(a.Points))} points"));

    private const string ByRules = "rules";

    private static Finding Cite(Finding finding, params Evidence[] evidence) => finding with { Evidence = [.. evidence] };

    private static Evidence Fig(string figure, decimal value, string source) => new(figure, Num.Show(value), source);

    /// <summary>Where a field of an indicator came from: its JSON path in the file, or its indicator path when built in code.</summary>
    private static string Field(Indicator node, string field) => $"{Where(node)}.{field}";

    private static string Grades(ProjectFact project) => $"scheme {project.Scheme.Id} grades";

    private static Evidence[] TargetAndActual(Indicator leaf) =>
        [new("target", leaf.TargetText ?? string.Empty, Field(leaf, "target")), new("actual", leaf.ActualText ?? string.Empty, Field(leaf, "actual"))];

    /// <summary>Where a figure came from: the indicator's JSON path when read from a file, else its indicator path.</summary>
    private static string Where(Indicator node) => node.Origin?.JsonPath ?? node.Path;

    private static string Signed(decimal d) => d > 0 ? "+" + Num.Show(d) : Num.Show(d);

    private static string? Cut(string? text) => text is { Length: > 40 } ? string.Concat(text.AsSpan(0, 39), "…") : text;
}

/// <summary>
/// Printed precision: a figure printed with n decimals agrees with a computed value that rounds to it
/// at n decimals (四舍五入) or, where reports cut figures (rates), that truncates to it. The message
/// says which held, or that neither did, and at what precision.
/// </summary>
internal static class Printed
{
    public readonly record struct Agreement(bool Agrees, string Zh, string En);

    public static Agreement Check(decimal stated, decimal computed, bool truncation)
    {
        var n = stated.Scale;
        var (zhPlaces, enPlaces) = n == 0 ? ("取整", "to whole numbers") : ($"保留 {n} 位小数", $"to {n} decimal{(n == 1 ? string.Empty : "s")}");
        var rounded = Math.Round(computed, n, MidpointRounding.AwayFromZero);
        if (rounded == stated)
        {
            return new(true, computed == stated ? "相等" : $"{zhPlaces}四舍五入后相等", computed == stated ? "equal" : $"equal when rounded {enPlaces}");
        }

        var cut = Math.Round(computed, n, MidpointRounding.ToZero);
        if (truncation && cut == stated)
        {
            return new(true, $"{zhPlaces}截尾后相等", $"equal when truncated {enPlaces}");
        }

        return truncation
            ? new(false, $"报告数{zhPlaces}，计算值按同一精度四舍五入为 {Num.Show(rounded)}、截尾为 {Num.Show(cut)}，均不相等",
                $"printed {enPlaces}; the computed value rounds to {Num.Show(rounded)} and truncates to {Num.Show(cut)}, neither equal")
            : new(false, $"报告数{zhPlaces}，计算值按同一精度四舍五入为 {Num.Show(rounded)}，不相等",
                $"printed {enPlaces}; the computed value rounds to {Num.Show(rounded)}, not equal");
    }
}
