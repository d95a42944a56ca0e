using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Tests.Model;

/// <summary>The evaluation builder: a valid tree builds immutably; every structural problem is reported at once with its path.</summary>
public sealed class EvaluationBuilderTests
{
    [Fact]
    public void A_valid_tree_builds_with_paths_levels_and_values_read()
    {
        var b = new EvaluationBuilder("seed-001", "national") { Name = "网上服务", Year = 2019, Budget = new Budget(50m, 50m, "万元") };
        var output = b.Add("产出指标", 40);
        var leaf = output.Add("数量指标", 40).Add("支持中小企业数量", 40);
        leaf.Target = "4000户";
        leaf.Actual = "4800户";
        leaf.SelfScore = 10m;
        b.Add("满意度指标", 60).Actual = "完成";
        var e = b.Build();

        Assert.Equal(4, e.IndicatorCount);
        Assert.Equal(["产出指标", "产出指标/数量指标", "产出指标/数量指标/支持中小企业数量", "满意度指标"], e.Walk().Select(i => i.Path).ToArray());
        Assert.Equal([1, 2, 3, 1], e.Walk().Select(i => i.Level).ToArray());
        var l = e.Walk().Single(i => i.Name == "支持中小企业数量");
        Assert.True(l.IsLeaf);
        Assert.Equal("4800户", l.Actual!.Text);
        Assert.Equal(4800m, l.Actual.Number);
        Assert.Equal(4000m, l.Target!.Number);
        Assert.Equal(100m, e.Budget!.ExecutionRatePercent);
    }

    [Fact]
    public void The_built_evaluation_does_not_follow_later_changes_to_the_builder()
    {
        var b = new EvaluationBuilder("p", "s");
        var leaf = b.Add("甲", 100);
        leaf.Method = ScoringMethod.Checklist([new Criterion("①", 1)]);
        leaf.Checklist = [true];
        leaf.SelfScoreParts.Add(new ScorePart("完整性", 1m));
        b.Notes.Add("一");
        b.Flags["fundsMisappropriated"] = false;
        var e = b.Build();
        leaf.Checklist[0] = false;
        leaf.SelfScoreParts.Add(new ScorePart("明确性", 1m));
        leaf.Name = "乙";
        b.Notes.Add("二");
        b.Flags["fundsMisappropriated"] = true;
        b.Add("丙", 1);
        var i = Assert.Single(e.Indicators);
        Assert.Equal("甲", i.Name);
        Assert.True(i.Checklist!.Value[0]);
        Assert.Single(i.SelfScoreParts);
        Assert.Single(e.Notes);
        Assert.False(e.Flags["fundsMisappropriated"]);
    }

    [Fact]
    public void Every_structural_problem_is_reported_at_once_with_its_path()
    {
        var b = new EvaluationBuilder(" ", "") { Budget = new Budget(0m, -1m) };
        var output = b.Add("产出指标", 40);
        var quantity = output.Add("数量指标", -5);                 // NegativeWeight
        quantity.Target = "4000户";                                  // BranchWithLeafFields (it has children)
        quantity.Add("户数", 10).SelfScore = -1m;                   // NegativeScore
        output.Add("质量指标", 10);
        output.Add("质量指标", 10);                                 // DuplicateIndicator
        output.Add("  ", 5);                                        // MissingName
        var checklist = output.Add("立项规范性", 3);
        checklist.Method = ScoringMethod.Checklist([new Criterion("①", 1), new Criterion("②", 1)]);
        checklist.Checklist = [true];                               // ChecklistLength
        var stray = output.Add("时效指标", 5);
        stray.Checklist = [true];                                   // ChecklistWithoutCriteria
        output.Add("论证决策", 4).Method = ScoringMethod.Assessed;   // MissingSelfScore

        var ex = Assert.Throws<EvaluationException>(() => b.Build());
        var codes = ex.Problems.Select(p => (p.Code, p.IndicatorPath)).ToArray();
        Assert.Contains(("MissingField", (string?)null), codes);    // blank id
        Assert.Equal(2, codes.Count(c => c.Code == "MissingField")); // and no scheme
        Assert.Contains(("InvalidBudget", (string?)null), codes);
        Assert.Contains(("NegativeWeight", "产出指标/数量指标"), codes);
        Assert.Contains(("BranchWithLeafFields", "产出指标/数量指标"), codes);
        Assert.Contains(("NegativeScore", "产出指标/数量指标/户数"), codes);
        Assert.Contains(("DuplicateIndicator", "产出指标/质量指标"), codes);
        Assert.Contains(("MissingName", "产出指标/"), codes);
        Assert.Contains(("ChecklistLength", "产出指标/立项规范性"), codes);
        Assert.Contains(("ChecklistWithoutCriteria", "产出指标/时效指标"), codes);
        Assert.Contains(("MissingSelfScore", "产出指标/论证决策"), codes);
        Assert.Equal(11, ex.Problems.Count);
        Assert.Contains("11 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("产出指标/论证决策", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_tree_is_a_problem()
    {
        var ex = Assert.Throws<EvaluationException>(() => new EvaluationBuilder("p", "s").Build());
        Assert.Equal("EmptyTree", Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void A_tree_deeper_than_the_limit_is_a_problem()
    {
        var b = new EvaluationBuilder("p", "s");
        var node = b.Add("L1", 100);
        for (var i = 2; i <= EvaluationBuilder.MaxDepth + 1; i++)
        {
            node = node.Add("L" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 100);
        }

        node.Actual = "完成";
        var ex = Assert.Throws<EvaluationException>(() => b.Build());
        var p = Assert.Single(ex.Problems);
        Assert.Equal("TooDeep", p.Code);
        Assert.Equal(EvaluationBuilder.MaxDepth, p.IndicatorPath!.Split('/').Length);
    }

    [Fact]
    public void An_unreadable_value_is_kept_on_the_indicator_with_its_text_not_thrown()
    {
        var b = new EvaluationBuilder("p", "s");
        var leaf = b.Add("满意度指标", 100).Add("受益对象满意度", 100);
        leaf.Target = "≥95%";
        leaf.Actual = "待定";
        var i = b.Build().Walk().Last();
        Assert.Null(i.Actual);
        Assert.Equal(95m, i.Target!.Number);
        var p = Assert.Single(i.ValueProblems);
        Assert.Equal("UnreadableValue", p.Code);
        Assert.Equal("满意度指标/受益对象满意度", p.IndicatorPath);
        Assert.Equal("待定", p.Text);
    }

    [Fact]
    public void Sibling_names_may_repeat_across_levels()
    {
        // Shijiazhuang: 满意度指标/满意度指标/受益对象满意度.
        var b = new EvaluationBuilder("p", "s");
        b.Add("满意度指标", 100).Add("满意度指标", 100).Add("受益对象满意度", 100).Actual = "完成";
        Assert.Equal("满意度指标/满意度指标/受益对象满意度", b.Build().Walk().Last().Path);
    }

    [Fact]
    public void Names_are_trimmed_in_paths()
    {
        var b = new EvaluationBuilder("p", "s");
        b.Add(" 产出指标 ", 100).Add("数量 ", 100).Actual = "完成";
        Assert.Equal("产出指标/数量", b.Build().Walk().Last().Path);
    }

    [Fact]
    public void Execution_rate_of_a_budget_is_unrounded()
    {
        // 118.68 ÷ 122.22 × 100 = 97.1035837…
        var rate = new Budget(122.22m, 118.68m).ExecutionRatePercent;
        Assert.True(rate > 97.1035m && rate < 97.1036m);
        Assert.Equal(QualitativeOutcome.Achieved, ValueReader.Read("完成").Outcome);
    }

    [Fact]
    public void Numbers_built_in_code_out_of_range_are_refused_like_those_read_from_a_file()
    {
        // Issue 11 item 4: a weight of 1e28 (or a budget of 1e-28) built in code overflowed in grading.
        var b = new EvaluationBuilder("p", "national-2020") { Budget = new Budget(0.0000000000000000000000000001m, 1m) };
        b.Add("产出指标", 10_000_000_000_000_000_000_000_000_000m).SelfScore = 1_000_000_000_001m;
        var ex = Assert.Throws<EvaluationException>(() => b.Build());
        Assert.Equal(["NumberOutOfRange", "NumberOutOfRange", "NumberOutOfRange"], ex.Problems.Select(p => p.Code).ToArray());
        Assert.Equal(new[] { null, "产出指标", "产出指标" }, ex.Problems.Select(p => p.IndicatorPath));
    }

    [Fact]
    public void A_slash_in_an_indicator_name_is_refused_in_code_too()
    {
        // Issue 11 item 5: "/" separates paths, so 满意度指标/满意度 as one name collides with a real path.
        var b = new EvaluationBuilder("p", "national-2020");
        b.Add("满意度指标/满意度", 10).Actual = "完成";
        b.Add("满意度指标", 90).Add("满意度", 90).Actual = "完成";
        var p = Assert.Single(Assert.Throws<EvaluationException>(() => b.Build()).Problems);
        Assert.Equal(("SlashInName", "满意度指标/满意度"), (p.Code, p.IndicatorPath));
    }

    [Fact]
    public void Method_parameters_that_could_overflow_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.PerIncident(1e28m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.PerPointDeduction(1_000_000_000_001m));
        Assert.Throws<ArgumentException>(() => ScoringMethod.Checklist([new Criterion("a", 1e28m)]));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void A_repeated_sibling_name_is_found_in_a_small_level_and_a_large_one(int siblings)
    {
        // Small levels are compared pairwise, large ones through a set: the same verdicts either way.
        var b = new EvaluationBuilder("p", "national-2020");
        var root = b.Add("产出指标", 100);
        for (var i = 0; i < siblings; i++) root.Add("指标" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        root.Add(" 指标1 ", 1);   // the same name once trimmed
        root.Add("指标" + (siblings - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 1);

        var e = Assert.Throws<EvaluationException>(() => b.Build());

        var duplicates = e.Problems.Where(p => p.Code == "DuplicateIndicator").Select(p => p.IndicatorPath).ToList();
        Assert.Equal(["产出指标/指标1", "产出指标/指标" + (siblings - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], duplicates);
    }
}
