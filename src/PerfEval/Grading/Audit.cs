using PerfEval.Model;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using PerfEval.Scoring;
using static PerfEval.Grading.RuleKit;

namespace PerfEval.Grading;

/// <summary>
/// The audit rules: what the report states against what the rules compute, and the report's own
/// arithmetic. Each finding is a linked fact, so it goes away when its cause does.
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

        yield return Rule("核对报告总分", tag, priority,
            Then((IContext ctx, ProjectFact project, FinalTotal final) => YieldIf(ctx, TotalMismatch(project, final))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Total != null)),
            Match(final));

        yield return Rule("核对报告等级", tag, priority,
            Then((IContext ctx, ProjectFact project, FinalGrade grade) => YieldIf(ctx, GradeMismatch(project, grade))),
            Match(project, When((ProjectFact project) => project.Evaluation.Reported.Grade != null)),
            Match(grade));

        yield return Rule("核对预算执行率", tag, priority,
            Then((IContext ctx, ProjectFact project) => YieldIf(ctx, ExecutionRateMismatch(project))),
            Match(project, When((ProjectFact project) => project.Evaluation.Budget != null && project.Evaluation.Reported.ExecutionRatePercent != null)));

        yield return Rule("自评得分超过分值", tag, priority,
            Then((IContext ctx, LeafPlan leaf) => Yield(ctx, AboveWeight(leaf.Indicator, leaf.Weight))),
            Match(leaf, When((LeafPlan leaf) => leaf.SelfScore > leaf.Weight)));

        yield return Rule("小计自评得分超过分值", tag, priority,
            Then((IContext ctx, BranchFact branch) => Yield(ctx, AboveWeight(branch.Indicator, branch.Weight))),
            Match(branch, When((BranchFact branch) => branch.Indicator.SelfScore > branch.Weight)));

        // The comparison is the rule's condition, not its action: a leaf whose self-score agrees makes no
        // activation at all (most leaves of a report), which is most of what this rule set would cost.
        yield return Rule("自评得分与规则计分不符", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, SelfScoreDiffers(score))),
            Match(score, When((NodeScore score) => score.Computed && score.Leaf != null && score.Leaf.SelfScore != null && score.ApplicableWeight > 0 && Differs(score))));

        yield return Rule("小计得分与下级得分合计不符", tag, priority,
            Then((IContext ctx, ProjectFact project, BranchFact branch, NodeScore score) => YieldIf(ctx, Subtotal(branch, score, project.Scheme.Tolerance))),
            Match(project),
            Match(branch, When((BranchFact branch) => branch.Indicator.SelfScore != null)),
            Match(score, When((NodeScore score, BranchFact branch) => score.Index == branch.Index)));

        yield return Rule("下级分值之和不等于上级分值", tag, priority,
            Then((IContext ctx, BranchFact branch) => Yield(ctx, WeightSum(branch))),
            Match(branch, When((BranchFact branch) => branch.WeightsStated && branch.Indicator.Weight != null && branch.ChildWeightSum != branch.Weight)));

        yield return Rule("一级指标分值之和不等于100", tag, priority,
            Then((IContext ctx, ProjectFact project) => Yield(ctx, RootWeightSum(project))),
            Match(project, When((ProjectFact project) => project.RootWeightsStated && project.RootWeightSum != 100m)));

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

        yield return Rule("规则无法计分时采用自评得分", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, Info(FindingCodes.SelfScoreUsed, score.Path, score.Explanation))),
            Match(score, When((NodeScore score) => score.Leaf != null && score.Leaf.Fallback != null)));

        yield return Rule("叙述性实际值按方案视为达成", tag, priority,
            Then((IContext ctx, NodeScore score) => Yield(ctx, Assumed(score))),
            Match(score, When((NodeScore score) => score.Leaf != null && score.Leaf.OutcomeAssumed)));

        yield return Rule("不适用指标按百分制折算", tag, priority,
            Then((IContext ctx, TotalScore total) => Yield(ctx, Info(FindingCodes.NotApplicableRescaled, null, total.Explanation))),
            Match(total, When((TotalScore total) => total.Rescaled)));

        yield return Rule("政策调整等级", tag, priority,
            Then((IContext ctx, GradeVerdict verdict) => Yield(ctx, Verdict(verdict))),
            Match(verdict));

        yield return Rule("政策加减分", tag, priority,
            Then((IContext ctx, Adjustment adjustment) => Yield(ctx, Adjusted(adjustment))),
            Match(adjustment));
    }

    private static FindingFact? TotalMismatch(ProjectFact project, FinalTotal final)
    {
        var stated = project.Evaluation.Reported.Total!.Value;
        if (Math.Abs(stated - final.Total) <= project.Scheme.Tolerance) return null;
        var places = project.Scheme.Rounding.Places;
        return new FindingFact(new Finding(FindingCodes.ReportedTotalMismatch, Severity.Error, null,
            $"报告总分 {Num.Show(stated)}，按指标得分计算应为 {Num.Fixed(final.Total, places)}（相差 {Num.Show(final.Total - stated)}）",
            $"The report states a total of {Num.Show(stated)}; the indicator scores add up to {Num.Fixed(final.Total, places)} (a difference of {Num.Show(final.Total - stated)})"));
    }

    private static FindingFact? GradeMismatch(ProjectFact project, FinalGrade grade)
    {
        var stated = project.Evaluation.Reported.Grade!;
        if (string.Equals(stated, grade.Band.Name, StringComparison.Ordinal)) return null;
        return new FindingFact(new Finding(FindingCodes.ReportedGradeMismatch, Severity.Error, null,
            $"报告评价等级为“{stated}”，按计算总分应为“{grade.Band.Name}”",
            $"The report states grade \"{stated}\"; the computed total earns \"{grade.Band.Name}\""));
    }

    private static FindingFact? ExecutionRateMismatch(ProjectFact project)
    {
        var budget = project.Evaluation.Budget!;
        var stated = project.Evaluation.Reported.ExecutionRatePercent!.Value;
        var computed = Math.Round(budget.ExecutionRatePercent, 2, MidpointRounding.AwayFromZero);
        if (Math.Abs(stated - computed) <= project.Scheme.Tolerance) return null;
        return new FindingFact(new Finding(FindingCodes.ExecutionRateMismatch, Severity.Error, null,
            $"报告预算执行率 {Num.Show(stated)}%，执行数 {Num.Show(budget.Executed)} ÷ 预算数 {Num.Show(budget.Planned)} = {Num.Fixed(computed, 2)}%",
            $"The report states an execution rate of {Num.Show(stated)}%; executed {Num.Show(budget.Executed)} ÷ planned {Num.Show(budget.Planned)} = {Num.Fixed(computed, 2)}%"));
    }

    private static FindingFact AboveWeight(Indicator node, decimal weight) =>
        new(new Finding(FindingCodes.SelfScoreAboveWeight, Severity.Error, node.Path,
            $"自评得分 {Num.Show(node.SelfScore!.Value)} 超过分值 {Num.Show(weight)}",
            $"The self-score {Num.Show(node.SelfScore!.Value)} exceeds the weight {Num.Show(weight)}"));

    private static bool Differs(NodeScore score) => Math.Abs(score.Leaf!.SelfScore!.Value - score.Score) > score.Leaf.Scheme.Tolerance;

    private static FindingFact SelfScoreDiffers(NodeScore score)
    {
        var self = score.Leaf!.SelfScore!.Value;
        return new FindingFact(new Finding(FindingCodes.SelfScoreDiffersFromRule, Severity.Warning, score.Path,
            $"自评得分 {Num.Show(self)}，按规则计分为 {Num.Show(score.Score)}（{score.Explanation.Arithmetic}）",
            $"The self-score is {Num.Show(self)}; the rule scores {Num.Show(score.Score)} ({score.Explanation.Arithmetic})"));
    }

    private static FindingFact Unreadable(LeafPlan leaf) =>
        new(new Finding(FindingCodes.UnreadableValue, leaf.Fallback is null ? Severity.Info : Severity.Warning, leaf.Path,
            string.Join("；", leaf.Indicator.ValueProblems.Select(p => p.MessageZh)),
            string.Join("; ", leaf.Indicator.ValueProblems.Select(p => p.MessageEn))));

    private static FindingFact? TextTableMismatch(LeafPlan leaf)
    {
        var (text, table) = (leaf.Indicator.TextValue!, leaf.Indicator.Actual!);
        var (t, a) = (text.BaseNumber ?? text.Number, table.BaseNumber ?? table.Number);
        if (t is null || a is null || t == a) return null;
        var quote = leaf.Indicator.TextQuote is { } q ? $"（正文：“{q}”）" : string.Empty;
        return new FindingFact(new Finding(FindingCodes.TextTableMismatch, Severity.Warning, leaf.Path,
            $"正文所述 {text.Text} 与表中实际完成值 {table.Text} 不一致{quote}",
            $"The report's text states {text.Text} but the table gives {table.Text}"));
    }

    private static FindingFact? PartsMismatch(LeafPlan leaf)
    {
        decimal sum = 0;
        foreach (var part in leaf.Indicator.SelfScoreParts) sum += part.SelfScore;
        var self = leaf.SelfScore!.Value;
        if (sum == self) return null;
        var terms = string.Join(" + ", leaf.Indicator.SelfScoreParts.Select(p => Num.Show(p.SelfScore)));
        return new FindingFact(new Finding(FindingCodes.SelfScorePartsMismatch, Severity.Warning, leaf.Path,
            $"分项自评得分 {terms} = {Num.Show(sum)}，不等于自评得分 {Num.Show(self)}",
            $"The itemized self-scores {terms} = {Num.Show(sum)} do not add up to the self-score {Num.Show(self)}"));
    }

    private static FindingFact WeightSum(BranchFact branch) =>
        new(new Finding(FindingCodes.WeightSumMismatch, Severity.Warning, branch.Indicator.Path,
            $"下级指标分值合计 {Num.Show(branch.ChildWeightSum)}，不等于本级分值 {Num.Show(branch.Weight)}",
            $"The children's weights add up to {Num.Show(branch.ChildWeightSum)}, not {Num.Show(branch.Weight)}"));

    private static FindingFact RootWeightSum(ProjectFact project) =>
        new(new Finding(FindingCodes.WeightSumMismatch, Severity.Warning, null,
            $"一级指标分值合计 {Num.Show(project.RootWeightSum)}，不等于 100",
            $"The level-1 weights add up to {Num.Show(project.RootWeightSum)}, not 100"));

    private static FindingFact CostOver(LeafPlan leaf)
    {
        decimal a = leaf.Actual!.Value, t = leaf.Target!.Value;
        return new(new Finding(FindingCodes.CostOverTarget, Severity.Warning, leaf.Path,
            $"实际值 {leaf.Show(a)} 超出目标 {leaf.Show(t)}，超出 {leaf.Show(a - t)}",
            $"Actual {leaf.Show(a)} is over the target {leaf.Show(t)} by {leaf.Show(a - t)}"));
    }

    private static FindingFact Assumed(NodeScore score) =>
        new(new Finding(FindingCodes.OutcomeAssumed, Severity.Warning, score.Path, score.Explanation.Zh, score.Explanation.En));

    /// <summary>
    /// A stated subtotal against the report's own arithmetic: the sum of its children's stated scores
    /// when every child states one, else the computed subtotal.
    /// </summary>
    private static FindingFact? Subtotal(BranchFact branch, NodeScore score, decimal tolerance)
    {
        var stated = branch.Indicator.SelfScore!.Value;
        var children = branch.Indicator.Children;
        var fromReport = children.All(c => c.SelfScore is not null);
        var sum = fromReport ? children.Sum(c => c.SelfScore!.Value) : score.Score;
        if (Math.Abs(stated - sum) <= tolerance) return null;
        return new(new Finding(FindingCodes.SubtotalMismatch, Severity.Warning, branch.Indicator.Path,
            fromReport ? $"小计 {Num.Show(stated)} 与下级自评得分合计 {Num.Show(sum)} 不符" : $"小计 {Num.Show(stated)} 与按规则计算的下级得分合计 {Num.Show(sum)} 不符",
            fromReport ? $"The stated subtotal {Num.Show(stated)} differs from its children's stated scores, which add up to {Num.Show(sum)}" : $"The stated subtotal {Num.Show(stated)} differs from the computed sum of its children, {Num.Show(sum)}"));
    }

    private static FindingFact Info(string code, string? path, Explanation why) =>
        new(new Finding(code, Severity.Info, path, why.Zh, why.En));

    private static FindingFact Verdict(GradeVerdict verdict) =>
        new(new Finding(FindingCodes.PolicyApplied, Severity.Warning, verdict.Policy.Indicator, verdict.ReasonZh, verdict.ReasonEn));

    private static FindingFact Adjusted(Adjustment a) =>
        new(new Finding(FindingCodes.PolicyApplied, Severity.Info, null,
            $"{(a.Policy is null ? "规则" : "政策")}“{a.Name}”：{(a.Points > 0 ? "加" : "扣")} {Num.Show(Math.Abs(a.Points))} 分",
            $"{(a.Policy is null ? "Rule" : "Policy")} \"{a.Name}\": {(a.Points > 0 ? "+" : "−")}{Num.Show(Math.Abs(a.Points))} points"));
}
