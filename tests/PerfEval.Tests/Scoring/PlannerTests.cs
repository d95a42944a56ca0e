using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Scoring;
using static PerfEval.Tests.Scoring.Kit;

namespace PerfEval.Tests.Scoring;

/// <summary>The planner: effective weights, method resolution, the numbers each method needs, and unscorable leaves.</summary>
public sealed class PlannerTests
{
    private static FrameIndicator F(string name, decimal? weight, params FrameIndicator[] children) =>
        new(name, weight, [.. children], []);

    private static List<object> Facts(Scheme scheme, ProjectEvaluation e) => Planner.Plan(scheme, e).Facts;

    private static decimal WeightOf(List<object> facts, string path) =>
        facts.OfType<LeafPlan>().Where(l => l.Path == path).Select(l => l.Weight)
            .Concat(facts.OfType<BranchFact>().Where(b => b.Indicator.Path == path).Select(b => b.Weight)).Single();

    // ---- weights

    [Fact]
    public void Stated_weights_are_kept()
    {
        var e = new EvaluationBuilder("p", "test");
        var a = e.Add("产出指标", 60);
        a.Add("数量", 35).Actual = "完成";
        a.Add("质量", 25).Actual = "完成";
        e.Add("效益指标", 40).Add("社会效益", 40).Actual = "完成";
        var facts = Facts(Scheme(), e.Build());
        Assert.Equal(35m, WeightOf(facts, "产出指标/数量"));
        Assert.Equal(25m, WeightOf(facts, "产出指标/质量"));
        Assert.Empty(Planner.Plan(Scheme(), e.Build()).Notes);
        var project = facts.OfType<ProjectFact>().Single();
        Assert.Equal(100m, project.RootWeightSum);
        Assert.True(project.RootWeightsStated);
    }

    [Fact]
    public void Frame_weights_fill_what_the_report_leaves_out_by_name_or_alias()
    {
        // 10号 frame: 预算执行率 10, 产出 50 (数量 30, 质量 20), 效益 30, 满意度 10.
        var scheme = Scheme(b =>
        {
            b.Frame.Add(F("预算执行率", 10));
            b.Frame.Add(F("产出指标", 50, F("数量指标", 30), F("质量指标", 20)));
            b.Frame.Add(new FrameIndicator("效益指标", 30, [], ["效益"]));
            b.Frame.Add(F("满意度指标", 10));
        });
        var e = new EvaluationBuilder("p", "test") { Budget = new Budget(100m, 100m) };
        e.Add("预算执行率").Add("预算执行率");
        var output = e.Add("产出指标");
        output.Add("数量指标").Add("人数").Actual = "完成";
        output.Add("质量指标").Add("合格率").Actual = "完成";
        e.Add("效益").Add("社会效益").Actual = "完成";
        e.Add("满意度指标").Add("满意度").Actual = "完成";
        var (facts, notes) = Planner.Plan(scheme, e.Build());
        Assert.Equal(10m, WeightOf(facts, "预算执行率"));
        Assert.Equal(50m, WeightOf(facts, "产出指标"));
        Assert.Equal(30m, WeightOf(facts, "产出指标/数量指标"));
        Assert.Equal(20m, WeightOf(facts, "产出指标/质量指标"));
        Assert.Equal(30m, WeightOf(facts, "效益"));           // by the alias 效益
        Assert.Equal(30m, WeightOf(facts, "效益/社会效益"));   // only child: the parent's whole weight
        Assert.Equal(10m, WeightOf(facts, "预算执行率/预算执行率"));
        // One note for the whole project; each assigned weight is marked on its indicator's result.
        var note = Assert.Single(notes, n => n.Code == FindingCodes.WeightAssigned);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Null(note.Path);
        Assert.False(facts.OfType<ProjectFact>().Single().RootWeightsStated);
    }

    [Theory]
    // The points in whole cents, floor(cents ÷ n) each, the odd cents one each to the last by name.
    // 10 among 3: 1000 cents = 3 × 333 + 1 → 3.33, 3.33, 3.34.
    [InlineData(10, 3, "3.33,3.33,3.34")]
    // 100 among 7: 10000 = 7 × 1428 + 4 → three of 14.28 and four of 14.29 (42.84 + 57.16 = 100).
    [InlineData(100, 7, "14.28,14.28,14.28,14.29,14.29,14.29,14.29")]
    // 20 among 4: 5 each.
    [InlineData(20, 4, "5,5,5,5")]
    // 1 among 6: 100 = 6 × 16 + 4 → 0.16, 0.16 and four of 0.17 (0.32 + 0.68 = 1).
    [InlineData(1, 6, "0.16,0.16,0.17,0.17,0.17,0.17")]
    public void Equal_split_gives_the_odd_cents_to_the_last_so_siblings_add_up_exactly(int parent, int n, string shares)
    {
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("产出指标", parent);
        for (var i = 0; i < n; i++) root.Add("指标" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Actual = "完成";
        var facts = Facts(Scheme(), e.Build());
        var weights = facts.OfType<LeafPlan>().OrderBy(l => l.Index).Select(l => l.Weight).ToArray();
        Assert.Equal(shares.Split(',').Select(x => decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture)), weights);
        Assert.Equal((decimal)parent, weights.Sum());
        Assert.Equal((decimal)parent, facts.OfType<BranchFact>().Single().ChildWeightSum);
    }

    /// <summary>
    /// Regression (issue 11 item 2, repros/negative-assigned-weight.json): 1.5 points over 20 leaves gave
    /// round(0.075, 2) = 0.08 to 19 of them and 1.5 − 19 × 0.08 = −0.02 to the last, and grading crashed.
    /// In cents: 150 = 20 × 7 + 10 → ten of 0.07 and ten of 0.08 (0.7 + 0.8 = 1.5), none negative.
    /// </summary>
    [Fact]
    public void An_equal_split_never_assigns_a_negative_weight()
    {
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("产出指标", 1.5m);
        for (var i = 0; i < 20; i++) root.Add("L" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Actual = "完成";
        var weights = Facts(Scheme(), e.Build()).OfType<LeafPlan>().OrderBy(l => l.Index).Select(l => l.Weight).ToArray();
        Assert.Equal(Enumerable.Repeat(0.07m, 10).Concat(Enumerable.Repeat(0.08m, 10)), weights);
        Assert.Equal(1.5m, weights.Sum());

        var repro = PerfEval.Serialization.EvaluationFile.Load(PerfEval.Tests.Serialization.TestFiles.Repro("negative-assigned-weight.json"));
        var r = new Grader().Grade(repro);
        Assert.All(r.Indicators, i => Assert.True(i.Weight >= 0, i.Path));
        Assert.Equal(100m, r.Total);   // every row meets its target: 10 + 50 + 30 + 10
    }

    /// <summary>
    /// Property of the equal split. Generator: points 0.00…1000.00 in cents (FsCheck ints 0…100000 ÷ 100) and
    /// 1…60 siblings; 1000 cases, seeded by FsCheck. Shares are never negative, add up exactly and differ by
    /// at most one cent, ascending.
    /// </summary>
    [Fact]
    public void Equal_shares_are_never_negative_add_up_exactly_and_differ_by_at_most_a_cent()
    {
        var cases = 0;
        var gen = Gen.Choose(0, 100000).SelectMany(c => Gen.Choose(1, 60), (c, n) => (Points: c / 100m, N: n));
        Prop.ForAll(Arb.From(gen), x =>
        {
            Interlocked.Increment(ref cases);
            var shares = Planner.EqualShares(x.Points, x.N);
            Assert.All(shares, s => Assert.True(s >= 0));
            Assert.Equal(x.Points, shares.Sum());
            Assert.True(shares[^1] - shares[0] <= 0.01m);
            Assert.Equal(shares.Order(), shares);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
        Assert.Equal(1000, cases);
    }

    [Fact]
    public void Equal_split_shares_what_stated_siblings_leave()
    {
        // 10 with one sibling stated at 4: 6 left for two → 3 and 3.
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("产出指标", 10);
        root.Add("甲", 4).Actual = "完成";
        root.Add("乙").Actual = "完成";
        root.Add("丙").Actual = "完成";
        var facts = Facts(Scheme(), e.Build());
        Assert.Equal(3m, WeightOf(facts, "产出指标/乙"));
        Assert.Equal(3m, WeightOf(facts, "产出指标/丙"));
        Assert.False(facts.OfType<BranchFact>().Single().WeightsStated);
    }

    [Fact]
    public void Roots_without_weights_or_frame_split_one_hundred()
    {
        var e = new EvaluationBuilder("p", "test");
        foreach (var name in new[] { "投入", "过程", "产出", "效果" }) e.Add(name).Actual = "完成";
        var facts = Facts(Scheme(), e.Build());
        Assert.All(facts.OfType<LeafPlan>(), l => Assert.Equal(25m, l.Weight));
    }

    [Fact]
    public void Stated_siblings_over_the_parent_leave_nothing_to_assign()
    {
        // 8 + 4 = 12 > 10: the third sibling cannot be given a weight.
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("产出指标", 10);
        root.Add("甲", 8).Actual = "完成";
        root.Add("乙", 4).Actual = "完成";
        root.Add("丙").Actual = "完成";
        var ex = Assert.Throws<EvaluationException>(() => Planner.Plan(Scheme(), e.Build()));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("MissingWeight", p.Code);
        Assert.Equal("产出指标", p.IndicatorPath);
        Assert.Contains("丙", p.MessageZh, StringComparison.Ordinal);
    }

    /// <summary>
    /// BUG (src/PerfEval/Scoring/Planner.cs, Weights): the rounding remainder of an equal split goes to the
    /// sibling that comes last in the report, so the same indicators get different weights — and scores —
    /// when the report lists them in another order (issue 3: "the order of entries never changes the result").
    /// 10 among 甲乙丙: 3.33 + 3.33 + 3.34, with 3.34 on whichever is entered last.
    /// </summary>
    [Fact]
    public void Equal_split_remainder_does_not_depend_on_entry_order()
    {
        static Dictionary<string, decimal> WeightsIn(params string[] order)
        {
            var e = new EvaluationBuilder("p", "test");
            var root = e.Add("产出指标", 10);
            foreach (var name in order) root.Add(name).Actual = "完成";
            return Planner.Plan(Scheme(), e.Build()).Facts.OfType<LeafPlan>().ToDictionary(l => l.Indicator.Name, l => l.Weight);
        }

        var forward = WeightsIn("甲", "乙", "丙");
        var backward = WeightsIn("丙", "乙", "甲");
        Assert.Equal(10m, forward.Values.Sum());
        Assert.Equal(forward["甲"], backward["甲"]);
        Assert.Equal(forward["丙"], backward["丙"]);
    }

    // ---- method resolution

    private static MethodKind Resolved(Action<IndicatorBuilder> leaf, Scheme? scheme = null) =>
        Plan(scheme ?? Scheme(), OneLeaf(10, leaf)).Kind;

    [Fact]
    public void Method_follows_the_direction()
    {
        Assert.Equal(MethodKind.Proportional, Resolved(l => { l.Target = "95%"; l.Actual = "90%"; }));
        Assert.Equal(MethodKind.Proportional, Resolved(l => { l.Direction = Direction.Positive; l.Target = "95%"; l.Actual = "90%"; }));
        Assert.Equal(MethodKind.ReverseLinear, Resolved(l => { l.Direction = Direction.Negative; l.Target = "170元/户"; l.Actual = "170元/户"; }));
        Assert.Equal(MethodKind.Equal, Resolved(l => { l.Direction = Direction.Equal; l.Target = "12次"; l.Actual = "12次"; }));
    }

    [Theory]
    [InlineData("≥95%", MethodKind.Proportional)]
    [InlineData(">95%", MethodKind.Proportional)]
    [InlineData("≤0.84万元", MethodKind.ReverseLinear)]
    [InlineData("<1%", MethodKind.ReverseLinear)]
    [InlineData("=12次", MethodKind.Proportional)]   // a quantity to reach: proportional (issue 10 item 6)
    [InlineData("4000户", MethodKind.Proportional)]
    public void Method_follows_the_targets_comparison_when_no_direction_is_stated(string target, MethodKind expected)
    {
        Assert.Equal(expected, Resolved(l => { l.Target = target; l.Actual = "1"; }));
    }

    [Fact]
    public void Stated_direction_wins_over_the_targets_comparison()
    {
        Assert.Equal(MethodKind.Proportional, Resolved(l => { l.Direction = Direction.Positive; l.Target = "≤5%"; l.Actual = "3%"; }));
    }

    [Fact]
    public void A_qualitative_actual_takes_the_qualitative_method_whatever_the_direction()
    {
        Assert.Equal(MethodKind.Qualitative, Resolved(l => { l.Target = "足额采购"; l.Actual = "完成"; }));
        Assert.Equal(MethodKind.Qualitative, Resolved(l => { l.Direction = Direction.Negative; l.Target = "≤5%"; l.Actual = "达到"; }));
    }

    [Theory]
    [InlineData("预算执行率")]
    [InlineData("项目预算执行率")]
    [InlineData("资金执行率")]
    public void Budget_execution_is_recognized_by_name(string name)
    {
        var e = new EvaluationBuilder("p", "test") { Budget = new Budget(50m, 50m, "万元") };
        e.Add("预算执行率指标", 10).Add(name, 10).Target = "100%";
        var plan = Plan(Scheme(), e.Build(), "预算执行率指标/" + name);
        Assert.Equal(MethodKind.ExecutionRate, plan.Kind);
        Assert.Equal(100m, plan.Actual);   // 50 ÷ 50 × 100
        Assert.Equal("%", plan.Unit);
        Assert.NotNull(plan.Budget);
    }

    [Fact]
    public void The_leafs_own_method_wins_and_the_schemes_defaults_are_used()
    {
        Assert.Equal(MethodKind.ReverseRatio, Resolved(l => { l.Target = "≥95%"; l.Actual = "90%"; l.Method = ScoringMethod.ReverseRatio; }));
        var regional = Scheme(b => b.Defaults = MethodDefaults.National with { Negative = ScoringMethod.ReverseRatio, Equal = ScoringMethod.Equal(true) });
        Assert.Equal(MethodKind.ReverseRatio, Resolved(l => { l.Target = "≤100元"; l.Actual = "120元"; }, regional));
        var equal = Plan(regional, OneLeaf(10, l => { l.Direction = Direction.Equal; l.Target = "=12次"; l.Actual = "10次"; }));
        Assert.True(equal.Method.OtherwiseProportional);
    }

    [Fact]
    public void Targets_and_actuals_are_compared_in_base_units()
    {
        var plan = Plan(Scheme(), OneLeaf(10, l => { l.Target = "≤0.84万元"; l.Actual = "9240元"; }));
        Assert.Equal(8400m, plan.Target);
        Assert.Equal(9240m, plan.Actual);
        Assert.Equal("元", plan.Unit);
        Assert.Null(plan.Fallback);
    }

    // ---- leaves no rule can score

    [Fact]
    public void Unscorable_leaf_without_a_self_score_names_the_indicator_and_the_text()
    {
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("满意度指标", 10);
        var leaf = root.Add("受益对象满意度", 10);
        leaf.Target = "≥95%";
        leaf.Actual = "待定";
        var ex = Assert.Throws<EvaluationException>(() => Planner.Plan(Scheme(), e.Build()));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("Unscorable", p.Code);
        Assert.Equal("满意度指标/受益对象满意度", p.IndicatorPath);
        Assert.Equal("待定", p.Text);
        Assert.Contains("待定", p.MessageZh, StringComparison.Ordinal);
        Assert.Contains("满意度指标/受益对象满意度", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unscorable_leaf_is_reported_at_once()
    {
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("产出指标", 100);
        var a = root.Add("甲", 40);
        a.Target = "100户";
        a.Actual = "90%";                          // units differ
        var b = root.Add("乙", 30);
        b.Actual = "是否在合同约定期间交货";        // no outcome, no figure
        var c = root.Add("丙", 30);
        c.Method = ScoringMethod.Checklist([new Criterion("①", 1)]);   // answers not given
        var ex = Assert.Throws<EvaluationException>(() => Planner.Plan(Scheme(), e.Build()));
        Assert.Equal(["产出指标/丙", "产出指标/乙", "产出指标/甲"], ex.Problems.Select(p => p.IndicatorPath!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(ex.Problems, p => Assert.Equal("Unscorable", p.Code));
        var units = ex.Problems.Single(p => p.IndicatorPath == "产出指标/甲");
        Assert.Equal("90%", units.Text);
        Assert.Contains("户", units.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Unscorable_leaf_with_a_self_score_falls_back_to_it()
    {
        var plan = Plan(Scheme(), OneLeaf(10, l => { l.Target = "≥95%"; l.Actual = "待定"; l.SelfScore = 7m; }));
        Assert.NotNull(plan.Fallback);
        Assert.Contains("待定", plan.Fallback!.Value.Zh, StringComparison.Ordinal);
        var s = Score(plan);
        Assert.Equal(7m, s.Score);
        Assert.Equal("7 / 10", s.Explanation.Arithmetic);
        Assert.False(s.Computed);
    }

    [Fact]
    public void Execution_rate_without_budget_or_rate_is_unscorable()
    {
        var e = new EvaluationBuilder("p", "test");
        e.Add("预算执行率", 10).Actual = "完成";
        var ex = Assert.Throws<EvaluationException>(() => Planner.Plan(Scheme(), e.Build()));
        Assert.Equal("预算执行率", Assert.Single(ex.Problems).IndicatorPath);
    }

    [Fact]
    public void Not_applicable_and_assessed_leaves_need_no_inputs()
    {
        var e = new EvaluationBuilder("p", "test");
        var root = e.Add("效益指标", 30);
        root.Add("生态效益", 10).NotApplicable = true;
        var assessed = root.Add("社会效益", 20);
        assessed.Method = ScoringMethod.Assessed;
        assessed.SelfScore = 18m;
        var facts = Facts(Scheme(), e.Build());
        Assert.Equal(2, facts.OfType<LeafPlan>().Count());
        Assert.All(facts.OfType<LeafPlan>(), l => Assert.Null(l.Fallback));
    }

    [Fact]
    public void Grade_bands_become_ranked_facts_highest_first()
    {
        var facts = Facts(Scheme(), OneLeaf(10, l => l.Actual = "完成"));
        var bands = facts.OfType<GradeBandFact>().OrderBy(b => b.Rank).ToArray();
        Assert.Equal(["优", "良", "中", "差"], bands.Select(b => b.Band.Name).ToArray());
        Assert.Null(bands[0].UpperBound);
        Assert.Equal(90m, bands[1].UpperBound);
        Assert.Equal(60m, bands[3].UpperBound);
    }

    [Fact]
    public void Indexes_follow_tree_order_with_parents_before_children()
    {
        var e = new EvaluationBuilder("p", "test");
        var a = e.Add("甲", 50);
        a.Add("甲1", 25).Actual = "完成";
        a.Add("甲2", 25).Actual = "完成";
        e.Add("乙", 50).Actual = "完成";
        var facts = Facts(Scheme(), e.Build());
        var byPath = facts.OfType<LeafPlan>().ToDictionary(l => l.Path, l => (l.Index, l.ParentIndex));
        var branch = facts.OfType<BranchFact>().Single();
        Assert.Equal((0, -1), (branch.Index, branch.ParentIndex));
        Assert.Equal((1, 0), byPath["甲/甲1"]);
        Assert.Equal((2, 0), byPath["甲/甲2"]);
        Assert.Equal((3, -1), byPath["乙"]);
    }
}
