using System.Globalization;
using System.Text;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;

namespace PerfEval.Tests.Grading;

/// <summary>
/// The grader end to end (rules runtime): each audit code produced by a small case and gone when the
/// case is fixed, not-applicable rescaling, policies, 四舍五入, and culture independence.
/// </summary>
public sealed class GraderTests
{
    private static readonly Scheme National = new SchemeBuilder("test", "测试方案").WithNationalGrades().Build();

    /// <summary>
    /// The base case, 100 points in full:
    /// 产出指标 50 = 数量 30 (100户 of 100户 → 30) + 成本 20 (≤100元, 100元 → 20);
    /// 效益指标 40 = 社会效益 40 (完成 → 40); 满意度指标 10 = 满意度 10 (≥90%, 95% → 10).
    /// </summary>
    private static EvaluationBuilder Base()
    {
        var e = new EvaluationBuilder("p", "test");
        var output = e.Add("产出指标", 50);
        var quantity = output.Add("数量", 30);
        quantity.Target = "100户";
        quantity.Actual = "100户";
        var cost = output.Add("成本", 20);
        cost.Target = "≤100元";
        cost.Actual = "100元";
        cost.Direction = Direction.Negative;
        e.Add("效益指标", 40).Add("社会效益", 40).Actual = "完成";
        var satisfaction = e.Add("满意度指标", 10).Add("满意度", 10);
        satisfaction.Target = "≥90%";
        satisfaction.Actual = "95%";
        return e;
    }

    private static IndicatorBuilder Node(EvaluationBuilder e, string path)
    {
        var names = path.Split('/');
        var node = e.Indicators.Single(i => i.Name == names[0]);
        foreach (var name in names.Skip(1)) node = node.Children.Single(c => c.Name == name);
        return node;
    }

    private static GradingResult Grade(Action<EvaluationBuilder>? tweak = null, Scheme? scheme = null)
    {
        var e = Base();
        tweak?.Invoke(e);
        var s = scheme ?? National;
        return new Grader(SchemeCatalog.Empty.With(s)).Grade(e.Build(), s);
    }

    [Fact]
    public void The_base_case_scores_100_with_no_findings()
    {
        var r = Grade();
        Assert.Equal(100m, r.Total);
        Assert.Equal("优", r.Grade.Name);
        Assert.Empty(r.Findings);
        Assert.Equal("50 + 40 + 10 = 100.00", r.TotalExplanation.Arithmetic);
    }

    [Fact]
    public void Grading_by_the_evaluations_scheme_id_uses_the_catalog()
    {
        var r = new Grader(SchemeCatalog.Empty.With(National)).Grade(Base().Build());
        Assert.Equal(100m, r.Total);
        Assert.Throws<SchemeException>(() => new Grader(SchemeCatalog.Empty).Grade(Base().Build()));
    }

    // ---- audit codes: each produced by a small case, absent once fixed

    /// <summary>The base case with the report's own 得分 on every row: 30 + 20 + 40 + 9.6 = 99.6.</summary>
    private static void SelfScored(EvaluationBuilder e)
    {
        Node(e, "产出指标/数量").SelfScore = 30m;
        Node(e, "产出指标/成本").SelfScore = 20m;
        Node(e, "效益指标/社会效益").SelfScore = 40m;
        Node(e, "满意度指标/满意度").SelfScore = 9.6m;
    }

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // The report's own 得分 add up to 99.6; a total printed with n decimals agrees when 99.6 rounds (四舍五入) to it.
    [InlineData("95", true)]      // 99.6 → 100 ≠ 95
    [InlineData("99", true)]      // 99.6 → 100 ≠ 99: truncation does not excuse a total
    [InlineData("99.7", true)]    // 99.6 ≠ 99.7 at one decimal
    [InlineData("100", false)]    // 99.6 → 100 at whole points
    [InlineData("99.6", false)]
    [InlineData("99.60", false)]
    public void ReportedTotalMismatch_is_the_reports_own_arithmetic_at_its_printed_precision(string reported, bool expected)
    {
        var r = Grade(e => { SelfScored(e); e.Reported = new ReportedFigures(Total: D(reported)); });
        Assert.Equal(expected, r.Has(FindingCodes.ReportedTotalMismatch));
        if (expected)
        {
            var f = r.Findings.Single(f => f.Code == FindingCodes.ReportedTotalMismatch);
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Null(f.Path);
            Assert.Contains("99.6", f.MessageZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_stated_total_without_the_reports_own_scores_is_weighed_against_the_rules_only()
    {
        // No row states 得分, so the report's own sum is unknown: the rules' 100 against the stated 95 is RuleTotalDiffers.
        var r = Grade(e => e.Reported = new ReportedFigures(Total: 95m));
        Assert.False(r.Has(FindingCodes.ReportedTotalMismatch));
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.RuleTotalDiffers);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("100.00", f.MessageZh, StringComparison.Ordinal);
        Assert.Contains("+5", f.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    // Stated total, stated grade → (grade vs the stated total's band, grade vs the rules' 100 → 优).
    [InlineData("100", "良", true, true)]
    [InlineData("85", "良", false, true)]    // 85 earns 良: the report is consistent, the rules say 优
    [InlineData("100", "优", false, false)]
    [InlineData("100", "优秀", true, true)]  // a different name is a different grade
    [InlineData(null, "良", false, true)]    // no stated total: only the rules' band can be compared
    public void ReportedGradeMismatch_and_RuleGradeDiffers(string? total, string grade, bool reported, bool rules)
    {
        var r = Grade(e => e.Reported = new ReportedFigures(Total: total is null ? null : D(total), Grade: grade));
        Assert.Equal(reported, r.Has(FindingCodes.ReportedGradeMismatch));
        Assert.Equal(rules, r.Has(FindingCodes.RuleGradeDiffers));
        Assert.All(r.Findings.Where(f => f.Code == FindingCodes.ReportedGradeMismatch), f => Assert.Equal(Severity.Error, f.Severity));
        Assert.All(r.Findings.Where(f => f.Code == FindingCodes.RuleGradeDiffers), f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Fact]
    public void SelfScoreAboveWeight_on_a_leaf_and_on_a_subtotal()
    {
        var leaf = Grade(e => Node(e, "满意度指标/满意度").SelfScore = 12m);
        var f = Assert.Single(leaf.Findings, f => f.Code == FindingCodes.SelfScoreAboveWeight);
        Assert.Equal("满意度指标/满意度", f.Path);
        Assert.Equal(10m, leaf["满意度指标/满意度"].Score);

        var branch = Grade(e => Node(e, "产出指标").SelfScore = 55m);
        Assert.Equal("产出指标", Assert.Single(branch.Findings, f => f.Code == FindingCodes.SelfScoreAboveWeight).Path);

        Assert.False(Grade(e => Node(e, "满意度指标/满意度").SelfScore = 10m).Has(FindingCodes.SelfScoreAboveWeight));
    }

    [Fact]
    public void Assessed_self_score_above_the_weight_is_capped_and_flagged()
    {
        var r = Grade(e =>
        {
            var social = Node(e, "效益指标/社会效益");
            social.Actual = null;
            social.Method = ScoringMethod.Assessed;
            social.SelfScore = 45m;
        });
        Assert.Equal(40m, r["效益指标/社会效益"].Score);
        Assert.True(r.Has(FindingCodes.SelfScoreAboveWeight));
        Assert.False(r.Has(FindingCodes.SelfScoreDiffersFromRule));   // no rule computes an assessed leaf
    }

    [Fact]
    public void SelfScoreDiffersFromRule()
    {
        // 76% of 95%: 10 × 76 / 95 = 8; the report claims 10.
        void Low(EvaluationBuilder e)
        {
            var s = Node(e, "满意度指标/满意度");
            s.Target = "95%";
            s.Actual = "76%";
        }

        var wrong = Grade(e => { Low(e); Node(e, "满意度指标/满意度").SelfScore = 10m; });
        var f = Assert.Single(wrong.Findings, f => f.Code == FindingCodes.SelfScoreDiffersFromRule);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("满意度指标/满意度", f.Path);
        Assert.Contains("76% ÷ 95% × 10 = 8.00", f.MessageZh, StringComparison.Ordinal);
        Assert.Equal(8m, wrong["满意度指标/满意度"].Score);   // the rule's score counts
        Assert.Equal(98m, wrong.Total);

        Assert.False(Grade(e => { Low(e); Node(e, "满意度指标/满意度").SelfScore = 8m; }).Has(FindingCodes.SelfScoreDiffersFromRule));
    }

    [Theory]
    // 118.68 ÷ 122.22 = 97.1036…%: printed with n decimals it agrees when it rounds or truncates to the figure.
    [InlineData("98", true, "")]
    [InlineData("97.2", true, "")]
    [InlineData("97.11", true, "")]
    [InlineData("97", false, "")]        // 97.1036 → 97 at whole percent
    [InlineData("97.1", false, "")]
    [InlineData("97.10", false, "")]
    // 97.15 ÷ 100 = 97.15%: at one decimal it rounds to 97.2 and truncates to 97.1; both are read as agreeing.
    [InlineData("97.1", false, "97.15")]
    [InlineData("97.2", false, "97.15")]
    [InlineData("97.3", true, "97.15")]
    public void ExecutionRateMismatch_at_the_printed_precision(string reported, bool expected, string executed)
    {
        var budget = executed.Length == 0 ? new Budget(122.22m, 118.68m, "万元") : new Budget(100m, D(executed), "万元");
        var r = Grade(e =>
        {
            e.Budget = budget;
            e.Reported = new ReportedFigures(ExecutionRatePercent: D(reported));
        });
        Assert.Equal(expected, r.Has(FindingCodes.ExecutionRateMismatch));
        if (expected)
        {
            var f = r.Findings.Single(f => f.Code == FindingCodes.ExecutionRateMismatch);
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Contains(executed.Length == 0 ? "97.10%" : "97.15%", f.MessageZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WeightSumMismatch_for_a_branch_and_for_the_roots()
    {
        // 产出指标 50 with children 30 + 15 = 45.
        var branch = Grade(e => Node(e, "产出指标/成本").Weight = 15m);
        Assert.Equal("产出指标", Assert.Single(branch.Findings, f => f.Code == FindingCodes.WeightSumMismatch).Path);

        // Roots 50 + 40 + 5 = 95.
        var roots = Grade(e => { Node(e, "满意度指标").Weight = 5m; Node(e, "满意度指标/满意度").Weight = 5m; });
        var f = Assert.Single(roots.Findings, f => f.Code == FindingCodes.WeightSumMismatch);
        Assert.Null(f.Path);
        Assert.Contains("95", f.MessageZh, StringComparison.Ordinal);

        Assert.False(Grade().Has(FindingCodes.WeightSumMismatch));
    }

    [Fact]
    public void Weights_the_scheme_assigns_are_not_a_mismatch()
    {
        var r = Grade(e => Node(e, "产出指标/成本").Weight = null);
        Assert.False(r.Has(FindingCodes.WeightSumMismatch));
        Assert.True(r.Has(FindingCodes.WeightAssigned));
        Assert.True(r["产出指标/成本"].IsWeightAssigned);
        Assert.Equal(20m, r["产出指标/成本"].Weight);
    }

    [Fact]
    public void UnreadableValue()
    {
        var bad = Grade(e => { Node(e, "满意度指标/满意度").Actual = "待定"; Node(e, "满意度指标/满意度").SelfScore = 9m; });
        var f = Assert.Single(bad.Findings, f => f.Code == FindingCodes.UnreadableValue);
        Assert.Equal("满意度指标/满意度", f.Path);
        Assert.Contains("待定", f.MessageZh, StringComparison.Ordinal);
        Assert.True(bad.Has(FindingCodes.SelfScoreUsed));
        Assert.Equal(9m, bad["满意度指标/满意度"].Score);   // the self-score counts
        Assert.Equal(99m, bad.Total);

        Assert.False(Grade(e => Node(e, "满意度指标/满意度").SelfScore = 10m).Has(FindingCodes.UnreadableValue));
    }

    [Fact]
    public void Unscorable_leaf_without_a_self_score_is_an_error_not_a_zero()
    {
        var ex = Assert.Throws<EvaluationException>(() => Grade(e => Node(e, "满意度指标/满意度").Actual = "待定"));
        Assert.Equal("满意度指标/满意度", Assert.Single(ex.Problems).IndicatorPath);
    }

    [Fact]
    public void CostOverTarget()
    {
        // 120元 against ≤100元: 20 × (1 − 20/100) = 16; total 96.
        var over = Grade(e => Node(e, "产出指标/成本").Actual = "120元");
        var f = Assert.Single(over.Findings, f => f.Code == FindingCodes.CostOverTarget);
        Assert.Equal("产出指标/成本", f.Path);
        Assert.Contains("20元", f.MessageZh, StringComparison.Ordinal);   // over by 20元
        Assert.Equal(16m, over["产出指标/成本"].Score);
        Assert.Equal(96m, over.Total);

        Assert.False(Grade(e => Node(e, "产出指标/成本").Actual = "90元").Has(FindingCodes.CostOverTarget));
    }

    /// <summary>
    /// BUG (src/PerfEval/Scoring/Planner.cs Node / Model/EvaluationBuilder.cs): a branch flagged 不适用 keeps
    /// its children's scores — the planner never looks at a branch's flag — while the result reports the
    /// branch as not applicable. Either the builder must refuse the flag on a branch, or the whole subtree
    /// must drop out like a 不适用 leaf. Here: 效益指标/社会效益 as a branch (one child 40) flagged 不适用
    /// should give (50 + 0 + 10) ÷ 60 × 100 = 100 with NotApplicableRescaled, or be refused.
    /// </summary>
    [Fact]
    public void A_not_applicable_branch_drops_out_with_its_children_or_is_refused()
    {
        var e = Base();
        var social = Node(e, "效益指标/社会效益");
        social.Actual = null;
        social.NotApplicable = true;
        var item = social.Add("知晓率", 40);
        item.Target = "≥90%";
        item.Actual = "45%";   // 40 × 45 / 90 = 20 if it were (wrongly) counted
        ProjectEvaluation evaluation;
        try
        {
            evaluation = e.Build();
        }
        catch (EvaluationException ex)
        {
            Assert.Contains(ex.Problems, p => p.IndicatorPath == "效益指标/社会效益");
            return;
        }

        var r = new Grader(SchemeCatalog.Empty.With(National)).Grade(evaluation, National);
        Assert.True(r["效益指标/社会效益"].IsNotApplicable);
        Assert.Equal(0m, r["效益指标/社会效益"].Score);
        Assert.Equal(100m, r.Total);
        Assert.True(r.Has(FindingCodes.NotApplicableRescaled));
    }

    /// <summary>
    /// BUG (src/PerfEval/Scoring/RollUp.cs Total): when the report's level-1 weights add up to more than 100,
    /// the total is their plain sum and exceeds 100, although <see cref="GradingResult.Total"/> is documented as
    /// 0…100 (the WeightSumMismatch finding is raised correctly). Roots 50 + 40 + 20 = 110 all at full marks → 110.
    /// </summary>
    [Fact]
    public void The_total_stays_within_one_hundred_when_the_reports_weights_add_up_to_more()
    {
        var r = Grade(e => { Node(e, "满意度指标").Weight = 20m; Node(e, "满意度指标/满意度").Weight = 20m; });
        Assert.True(r.Has(FindingCodes.WeightSumMismatch));
        Assert.InRange(r.Total, 0m, 100m);
    }

    // ---- other findings

    [Fact]
    public void A_narrative_actual_read_by_the_schemes_rule_is_an_OutcomeAssumed_finding()
    {
        var narrative = ScoringMethod.QualitativeWith(new QualitativeTiers(Narrative: PerfEval.Values.QualitativeOutcome.Achieved));
        var r = Grade(e =>
        {
            var social = Node(e, "效益指标/社会效益");
            social.Actual = "是否在合同约定期间交货";
            social.Method = narrative;
        });
        Assert.Equal(40m, r["效益指标/社会效益"].Score);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.OutcomeAssumed);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("效益指标/社会效益", f.Path);

        // Without the rule the leaf cannot be scored and has no self-score: an error, never a silent zero.
        Assert.Throws<EvaluationException>(() => Grade(e => Node(e, "效益指标/社会效益").Actual = "是否在合同约定期间交货"));
    }

    [Fact]
    public void Text_and_table_figures_that_differ_are_a_finding()
    {
        // Sichuan equipment table: 99494.00元 in the table, 99490.00元 in the text.
        var r = Grade(e =>
        {
            var cost = Node(e, "产出指标/成本");
            cost.Target = "≤99490.00元";
            cost.Actual = "99494.00元";
            cost.TextValue = "99490.00元";
            cost.TextQuote = "总价99490.00元";
        });
        Assert.True(r.Has(FindingCodes.TextTableMismatch));
        Assert.True(r.Has(FindingCodes.CostOverTarget));
        // 20 × (1 − 4/99490) = 19.99919… → 20.00.
        Assert.Equal(20m, r["产出指标/成本"].Score);
    }

    [Fact]
    public void Itemized_self_scores_that_do_not_add_up_are_a_finding()
    {
        // Guangdong 目标设置 5.2 = 1.7 + 1.7 + 1.8; written as 5.3 it is flagged.
        void Parts(EvaluationBuilder e, decimal self)
        {
            var social = Node(e, "效益指标/社会效益");
            social.SelfScore = self;
            social.SelfScoreParts.Add(new ScorePart("完整性", 1.7m));
            social.SelfScoreParts.Add(new ScorePart("明确性", 1.7m));
            social.SelfScoreParts.Add(new ScorePart("合理性", 1.8m));
        }

        Assert.True(Grade(e => Parts(e, 5.3m)).Has(FindingCodes.SelfScorePartsMismatch));
        Assert.False(Grade(e => Parts(e, 5.2m)).Has(FindingCodes.SelfScorePartsMismatch));
    }

    [Fact]
    public void Findings_are_ordered_most_severe_first()
    {
        var r = Grade(e =>
        {
            e.Reported = new ReportedFigures(Total: 90m);
            Node(e, "产出指标/成本").Actual = "120元";
            Node(e, "产出指标/成本").Weight = null;
            Node(e, "满意度指标/满意度").SelfScore = 12m;   // above the printed 10: an error
        });
        Assert.Equal(r.Findings.OrderByDescending(f => f.Severity).Select(f => f.Severity), r.Findings.Select(f => f.Severity));
        Assert.Equal(Severity.Error, r.Findings[0].Severity);
        Assert.Equal(Severity.Info, r.Findings[^1].Severity);
    }

    /// <summary>
    /// BUG (src/PerfEval/Grading/Audit.cs): <see cref="FindingCodes.SubtotalMismatch"/> is defined ("a node's
    /// stated score differs from the sum of its children's scores") but no audit rule produces it, so a
    /// report's wrong subtotal goes unnoticed (Hunan states 投入 18, 过程 30 …; Shijiazhuang "该指标满分40分，得分40分").
    /// Here 产出指标 claims 45 while its children add up to 30 + 20 = 50.
    /// </summary>
    [Fact]
    public void A_stated_subtotal_that_differs_from_its_childrens_sum_is_a_finding()
    {
        var wrong = Grade(e => Node(e, "产出指标").SelfScore = 45m);
        var f = Assert.Single(wrong.Findings, f => f.Code == FindingCodes.SubtotalMismatch);
        Assert.Equal("产出指标", f.Path);
        Assert.False(Grade(e => Node(e, "产出指标").SelfScore = 50m).Has(FindingCodes.SubtotalMismatch));
    }

    [Fact]
    public void One_grader_serves_many_threads()
    {
        // The Shijiazhuang evaluation graded 200 times on the thread pool by one grader: 98 every time.
        var scheme = ShijiazhuangTests.Scheme();
        var grader = new Grader(SchemeCatalog.Empty.With(scheme));
        var evaluation = ShijiazhuangTests.Evaluation();
        var totals = new System.Collections.Concurrent.ConcurrentBag<(decimal, string)>();
        Parallel.For(0, 200, _ =>
        {
            var r = grader.Grade(evaluation);
            totals.Add((r.Total, r["满意度指标/满意度指标/受益对象满意度"].Explanation.Arithmetic));
        });
        Assert.Equal(200, totals.Count);
        Assert.All(totals, t => Assert.Equal((98m, "76% ÷ 95% × 10 = 8.00"), t));
    }

    // ---- not applicable

    [Fact]
    public void Not_applicable_rescales_the_rest_to_one_hundred()
    {
        // 社会效益 40 drops; 满意度 76% of 95% → 8. (50 + 0 + 8) ÷ 60 × 100 = 96.666… → 96.67.
        var r = Grade(e =>
        {
            Node(e, "效益指标/社会效益").NotApplicable = true;
            Node(e, "满意度指标/满意度").Target = "95%";
            Node(e, "满意度指标/满意度").Actual = "76%";
        });
        Assert.Equal(96.67m, r.Total);
        Assert.Equal("优", r.Grade.Name);
        Assert.Equal("(50 + 0 + 8) ÷ 60 × 100 = 96.67", r.TotalExplanation.Arithmetic);
        Assert.True(r["效益指标/社会效益"].IsNotApplicable);
        Assert.True(r["效益指标"].IsNotApplicable);
        Assert.True(r.Has(FindingCodes.NotApplicableRescaled));
    }

    [Fact]
    public void Not_applicable_with_full_marks()
    {
        var scheme = new SchemeBuilder("test", "测试方案") { NotApplicable = NotApplicablePolicy.FullMarks }.WithNationalGrades().Build();
        var r = Grade(e => Node(e, "效益指标/社会效益").NotApplicable = true, scheme);
        Assert.Equal(100m, r.Total);
        Assert.False(r.Has(FindingCodes.NotApplicableRescaled));
    }

    // ---- policies

    private static Scheme WithPolicy(Policy policy)
    {
        var b = new SchemeBuilder("test", "测试方案").WithNationalGrades();
        b.Policies.Add(policy);
        return b.Build();
    }

    [Fact]
    public void Veto_sets_the_grade_when_its_flag_is_set()
    {
        var scheme = WithPolicy(Policy.Veto("资金挪用一票否决", "fundsMisappropriated", "差"));
        var vetoed = Grade(e => e.Flags["fundsMisappropriated"] = true, scheme);
        Assert.Equal(100m, vetoed.Total);
        Assert.Equal("差", vetoed.Grade.Name);
        Assert.True(vetoed.Has(FindingCodes.PolicyApplied));

        var clean = Grade(e => e.Flags["fundsMisappropriated"] = false, scheme);
        Assert.Equal("优", clean.Grade.Name);
        Assert.False(clean.Has(FindingCodes.PolicyApplied));
        Assert.Equal("优", Grade(null, scheme).Grade.Name);
    }

    [Fact]
    public void Grade_cap_limits_the_grade_when_an_indicator_scores_below_its_fraction()
    {
        var scheme = WithPolicy(Policy.GradeCap("满意度低于60%最高为良", "满意度指标", 0.6m, "良"));
        // 50% of 95%: 10 × 50 / 95 = 5.263… → 5.26 < 6; total 50 + 40 + 5.26 = 95.26 would be 优.
        var capped = Grade(e => { Node(e, "满意度指标/满意度").Target = "95%"; Node(e, "满意度指标/满意度").Actual = "50%"; }, scheme);
        Assert.Equal(95.26m, capped.Total);
        Assert.Equal("良", capped.Grade.Name);
        Assert.True(capped.Has(FindingCodes.PolicyApplied));

        // 76% of 95% → 8 ≥ 6: no cap.
        var fine = Grade(e => { Node(e, "满意度指标/满意度").Target = "95%"; Node(e, "满意度指标/满意度").Actual = "76%"; }, scheme);
        Assert.Equal("优", fine.Grade.Name);
        Assert.False(fine.Has(FindingCodes.PolicyApplied));
    }

    [Fact]
    public void A_cap_never_raises_a_grade()
    {
        // Cap at 良 while the total earns 差: the grade stays 差.
        var scheme = WithPolicy(Policy.GradeCap("满意度低于60%最高为良", "满意度指标", 0.6m, "良"));
        var r = Grade(e =>
        {
            Node(e, "满意度指标/满意度").Actual = "0%";
            Node(e, "效益指标/社会效益").Actual = "未完成";
            Node(e, "产出指标/数量").Actual = "0户";
        }, scheme);
        // 0 + 20 + 0 + 0 = 20 → 差.
        Assert.Equal(20m, r.Total);
        Assert.Equal("差", r.Grade.Name);
    }

    [Fact]
    public void Bonus_adds_points_capped_at_one_hundred()
    {
        // 120元 → cost 16, total 96; +2 → 98.
        var two = Grade(e => { e.Flags["innovation"] = true; Node(e, "产出指标/成本").Actual = "120元"; }, WithPolicy(Policy.Bonus("创新加分", "innovation", 2m)));
        Assert.Equal(98m, two.Total);
        Assert.True(two.Has(FindingCodes.PolicyApplied));
        // 96 + 10 = 106 → 100.
        var ten = Grade(e => { e.Flags["innovation"] = true; Node(e, "产出指标/成本").Actual = "120元"; }, WithPolicy(Policy.Bonus("创新加分", "innovation", 10m)));
        Assert.Equal(100m, ten.Total);
        // Flag not set: 96.
        Assert.Equal(96m, Grade(e => Node(e, "产出指标/成本").Actual = "120元", WithPolicy(Policy.Bonus("创新加分", "innovation", 2m))).Total);
    }

    [Fact]
    public void Deduction_takes_points_and_the_grade_follows_the_adjusted_total()
    {
        // 100 − 12 = 88 → 良.
        var r = Grade(e => e.Flags["violation"] = true, WithPolicy(Policy.Deduction("违规扣分", "violation", 12m)));
        Assert.Equal(88m, r.Total);
        Assert.Equal("良", r.Grade.Name);
        // 100 − 150 → floor 0 → 差.
        var floor = Grade(e => e.Flags["violation"] = true, WithPolicy(Policy.Deduction("违规扣分", "violation", 150m)));
        Assert.Equal(0m, floor.Total);
        Assert.Equal("差", floor.Grade.Name);
    }

    // ---- rounding

    [Theory]
    // 满意度 5% of 80%: 10 × 5 / 80 = 0.625. Total 90 + 0.625.
    [InlineData(MidpointRounding.AwayFromZero, RoundingScope.Leaf, "0.63", "90.63")]
    [InlineData(MidpointRounding.ToEven, RoundingScope.Leaf, "0.62", "90.62")]
    [InlineData(MidpointRounding.AwayFromZero, RoundingScope.TotalOnly, "0.625", "90.63")]
    [InlineData(MidpointRounding.ToEven, RoundingScope.TotalOnly, "0.625", "90.62")]
    public void Rounding_is_half_away_from_zero_where_the_scheme_rounds(MidpointRounding mode, RoundingScope scope, string leaf, string total)
    {
        var scheme = new SchemeBuilder("test", "测试方案") { Rounding = new RoundingPolicy(2, mode, scope) }.WithNationalGrades().Build();
        var r = Grade(e => { Node(e, "满意度指标/满意度").Target = "80%"; Node(e, "满意度指标/满意度").Actual = "5%"; }, scheme);
        Assert.Equal(decimal.Parse(leaf, CultureInfo.InvariantCulture), r["满意度指标/满意度"].Score);
        Assert.Equal(decimal.Parse(total, CultureInfo.InvariantCulture), r.Total);
    }

    [Fact]
    public void The_grade_boundary_at_90_is_inclusive()
    {
        // 满意度 0 of 10 → total exactly 90 → 优.
        var r = Grade(e => Node(e, "满意度指标/满意度").Actual = "0%");
        Assert.Equal(90m, r.Total);
        Assert.Equal("优", r.Grade.Name);
    }

    // ---- culture

    [Fact]
    public void Results_do_not_depend_on_the_current_culture()
    {
        static GradingResult Case() => Grade(e =>
        {
            e.Budget = new Budget(122.22m, 118.68m, "万元");
            e.Reported = new ReportedFigures(Total: 99.5m, ExecutionRatePercent: 98m);
            // 效益 40 → 30 to make room for 预算执行率 10: 118.68 ÷ 122.22 × 10 = 9.71.
            Node(e, "效益指标").Weight = 30m;
            Node(e, "效益指标/社会效益").Weight = 30m;
            e.Add("预算执行率", 10m);
            Node(e, "产出指标/成本").Actual = "120.5元";
        });

        var invariant = Describe(Under(CultureInfo.InvariantCulture, Case));
        var zh = Under(new CultureInfo("zh-CN"), Case);
        var de = Under(new CultureInfo("de-DE"), Case);
        Assert.Equal(invariant, Describe(zh));
        Assert.Equal(invariant, Describe(de));
        // 20 × (1 − 20.5/100) = 15.9: the decimal point is a point.
        Assert.Equal("20 × (1 − (120.5元 − 100元) ÷ 100元) = 15.90", de["产出指标/成本"].Explanation.Arithmetic);
        Assert.Equal("118.68 ÷ 122.22 × 10 = 9.71", de["预算执行率"].Explanation.Arithmetic);
        // 30 + 15.9 + 30 + 10 + 9.71 = 95.61.
        Assert.Equal(95.61m, de.Total);
        Assert.Contains("97.10%", de.Findings.Single(f => f.Code == FindingCodes.ExecutionRateMismatch).MessageEn, StringComparison.Ordinal);
    }

    private static T Under<T>(CultureInfo culture, Func<T> f)
    {
        var (old, oldUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return f();
        }
        finally
        {
            CultureInfo.CurrentCulture = old;
            CultureInfo.CurrentUICulture = oldUi;
        }
    }

    private static string Describe(GradingResult r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Total.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(r.Grade.Name).Append(' ').Append(r.TotalExplanation.Arithmetic).Append('\n');
        foreach (var i in r.Indicators)
        {
            sb.Append(i.Path).Append(' ').Append(i.Score.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(i.Explanation.Arithmetic).Append(" | ").Append(i.Explanation.Zh).Append(" | ").Append(i.Explanation.En).Append('\n');
        }

        foreach (var f in r.Findings) sb.Append(f.Code).Append(' ').Append(f.MessageZh).Append(" | ").Append(f.MessageEn).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void An_exact_half_cent_leaf_no_longer_flips_the_grade_from_excellent_to_good()
    {
        // Repro rounding-grade-flip.json (issue 11, item 3), national-2020:
        // 办公成本 3 × (1 − (88340 − 84000) ÷ 84000) = 3 × 79660 ÷ 84000 = 2.845 exactly → 2.85 (it was 2.84);
        // 满意度 10 × 1.5 ÷ 100 = 0.15; total 10 + (2.85 + 47) + 30 + 0.15 = 90.00 → 优 (it was 89.99 → 良).
        const string json = """
            {"format":"perfeval/evaluation@1","scheme":"national-2020","project":{"id":"flip90"},
             "indicators":[
              {"name":"预算执行率","weight":10,"actual":"100%"},
              {"name":"产出指标","weight":50,"children":[{"name":"成本指标","children":[
                 {"name":"办公成本","weight":3,"target":"≤8.4万元","actual":"88340元"},
                 {"name":"印刷数量","weight":47,"target":"≥100份","actual":"100份"}]}]},
              {"name":"效益指标","weight":30,"children":[{"name":"社会效益指标","children":[{"name":"受益人数","target":"≥1000人","actual":"1000人"}]}]},
              {"name":"满意度指标","weight":10,"target":"100%","actual":"1.5%"}
             ]}
            """;
        var r = new Grader(SchemeCatalog.Default).Grade(PerfEval.Serialization.EvaluationFile.Parse(json, "rounding-grade-flip.json"));
        Assert.Equal(2.85m, r.Indicators.Single(i => i.Path == "产出指标/成本指标/办公成本").Score);
        Assert.Equal(90.00m, r.Total);
        Assert.Equal("优", r.Grade.Name);
    }
}
