using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;

namespace PerfEval.Tests.Grading;

/// <summary>
/// The acceptance test of issue 3: the Shijiazhuang seed (shared/seeds/001_c9fde1014537d0f2.txt,
/// §二(三) 建立绩效评价指标体系) built in C# and graded by the rules: total 98, grade 优秀, 满意度 8 as
/// 76% ÷ 95% × 10, and 4800户 against 4000户 capped at full marks.
/// </summary>
public sealed class ShijiazhuangTests
{
    /// <summary>
    /// The seed states only the grade it gives (98 → 优秀). The other bands are the common
    /// 优秀/良好/合格/不合格 names at the national cuts (DOMAIN.md §4): 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60,
    /// 不合格 below — an assumption, not the seed's.
    /// </summary>
    internal static Scheme Scheme()
    {
        var b = new SchemeBuilder("shijiazhuang-2019", "石家庄市财政支出绩效评价（石财绩[2013]2号）") { Region = "河北省石家庄市" };
        b.Grades.Add(new GradeBand("优秀", 90m, "Excellent"));
        b.Grades.Add(new GradeBand("良好", 80m, "Good"));
        b.Grades.Add(new GradeBand("合格", 60m, "Pass"));
        b.Grades.Add(new GradeBand("不合格", 0m, "Fail"));
        return b.Build();
    }

    /// <summary>The table of §二(三), row by row: 一级 (分值) / 二级 / 三级 (its points) / 预期指标值 / 实际完成值 / 自评得分.</summary>
    internal static ProjectEvaluation Evaluation(decimal? reportedTotal = 98m)
    {
        var e = new EvaluationBuilder("seed-shijiazhuang-2019", "shijiazhuang-2019")
        {
            Name = "中小企业网上服务经费",
            Unit = "长安区社会保险中心",
            Region = "河北省石家庄市长安区",
            Year = 2019,
            Source = "shared/seeds/001_c9fde1014537d0f2.txt",
            // 三、预算执行情况: 年初预算安排50万元，资金全部使用到位.
            Budget = new Budget(50m, 50m, "万元"),
            Reported = new ReportedFigures(Total: reportedTotal, Grade: "优秀", ExecutionRatePercent: 100m),
        };

        // The table gives no 二级 weights; each 二级 row holds one 三级 row, so it carries that row's points.
        var output = e.Add("产出指标", 40);
        Leaf(output.Add("数量指标", 10), "支持中小企业数量", 10, "4000户", "4800户", 10);
        Leaf(output.Add("质量指标", 10), "受益对象覆盖率", 10, "100%", "100%", 10);
        Leaf(output.Add("时效指标", 10), "资金到位及时率", 10, "100%", "100%", 10);
        Leaf(output.Add("成本指标", 10), "补助标准", 10, "170元/户", "170元/户", 10).Direction = Direction.Negative;

        // 预算执行率指标（10分）: the 二级 cell is empty, so the 三级 row sits directly under it.
        Leaf(e.Add("预算执行率指标", 10), "预算执行率", 10, "100%", "100%", 10);

        var benefit = e.Add("效益指标", 40);
        Leaf(benefit.Add("社会效益指标", 20), "政策知晓率", 20, "90%", "100%", 20);
        Leaf(benefit.Add("经济效益指标", 20), "减轻参保企业负担", 20, "100%", "100%", 20);

        Leaf(e.Add("满意度指标", 10).Add("满意度指标", 10), "受益对象满意度", 10, "95%", "76%", 8);
        return e.Build();
    }

    private static IndicatorBuilder Leaf(IndicatorBuilder parent, string name, decimal weight, string target, string actual, decimal self)
    {
        var leaf = parent.Add(name, weight);
        leaf.Target = target;
        leaf.Actual = actual;
        leaf.SelfScore = self;
        return leaf;
    }

    [Fact]
    public void Grades_to_98_and_优秀_with_满意度_scored_8_as_76_of_95()
    {
        var result = new Grader(SchemeCatalog.Empty.With(Scheme())).Grade(Evaluation());

        // 40 + 10 + 40 + 8 = 98.
        Assert.Equal(98m, result.Total);
        Assert.Equal("优秀", result.Grade.Name);

        var satisfaction = result["满意度指标/满意度指标/受益对象满意度"];
        Assert.Equal(8m, satisfaction.Score);
        Assert.Equal(10m, satisfaction.Weight);
        Assert.Equal("76% ÷ 95% × 10 = 8.00", satisfaction.Explanation.Arithmetic);
        Assert.Equal(MethodKind.Proportional, satisfaction.Explanation.Method);
        Assert.Contains("BelowTarget", satisfaction.Explanation.Reasons);

        // 4800户 against 4000户: capped at the weight, not 12.
        var firms = result["产出指标/数量指标/支持中小企业数量"];
        Assert.Equal(10m, firms.Score);
        Assert.Contains("AboveTargetCapped", firms.Explanation.Reasons);

        Assert.Equal(40m, result["产出指标"].Score);
        Assert.Equal(10m, result["预算执行率指标"].Score);
        Assert.Equal(MethodKind.ExecutionRate, result["预算执行率指标/预算执行率"].Explanation.Method);
        Assert.Equal(40m, result["效益指标"].Score);
        Assert.Equal(8m, result["满意度指标"].Score);

        // The report's own figures all agree with the rules.
        Assert.False(result.Has(FindingCodes.ReportedTotalMismatch));
        Assert.False(result.Has(FindingCodes.ReportedGradeMismatch));
        Assert.False(result.Has(FindingCodes.SelfScoreDiffersFromRule));
        Assert.False(result.Has(FindingCodes.ExecutionRateMismatch));
        Assert.False(result.Has(FindingCodes.WeightSumMismatch));
        Assert.False(result.Has(FindingCodes.CostOverTarget));
        Assert.DoesNotContain(result.Findings, f => f.Severity != Severity.Info);
        // 4 一级 + (4 二级 + 4 三级) + 1 三级 + (2 + 2) + (1 + 1) = 19 nodes.
        Assert.Equal(19, result.Indicators.Length);
    }

    [Fact]
    public void A_wrong_reported_total_is_flagged_against_98()
    {
        var result = new Grader(SchemeCatalog.Empty.With(Scheme())).Grade(Evaluation(reportedTotal: 100m));
        Assert.Equal(98m, result.Total);
        // The report's own 得分 add up to 10 × 4 + 10 + 20 + 20 + 8 = 98, which is also the rules' total:
        // the whole gap is the report's arithmetic (ReportedTotalMismatch), not the rules' verdict.
        var f = Assert.Single(result.Findings, f => f.Code == FindingCodes.ReportedTotalMismatch);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("合计 98", f.MessageZh, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Code == FindingCodes.RuleTotalDiffers);
    }
}
