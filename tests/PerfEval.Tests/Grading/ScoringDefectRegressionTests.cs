using PerfEval.Grading;
using PerfEval.Serialization;
using PerfEval.Tests.Serialization;

namespace PerfEval.Tests.Grading;

/// <summary>
/// Regression tests for the scoring defects found on real 自评表 rows (issue 10 item 6) and by the
/// independent tester (issue 11 items 6 and 11), each graded by the built-in national-2020 scheme with
/// the arithmetic worked by hand in its comment.
/// </summary>
public sealed class ScoringDefectRegressionTests
{
    private static GradingResult Grade(string indicators, string extra = "") =>
        new Grader().Grade(EvaluationFile.Parse(
            "{\"format\":\"perfeval/evaluation@1\",\"scheme\":\"national-2020\",\"project\":{\"id\":\"r\"}" + extra + ",\"indicators\":[" + indicators + "]}"));

    /// <summary>A level-1 block with one leaf of the same weight: <c>{"name": root, "weight": w, "children": [{"name": leaf, "weight": w, …fields}]}</c>.</summary>
    private static string Block(string root, string weight, string leaf, string fields) =>
        "{\"name\":\"" + root + "\",\"weight\":" + weight + ",\"children\":[{\"name\":\"" + leaf + "\",\"weight\":" + weight + "," + fields + "}]}";

    private const string Full = "\"target\":\"≥1人\",\"actual\":\"1人\"", Done = "\"actual\":\"完成\"", Satisfied = "\"target\":\"≥90%\",\"actual\":\"95%\"";

    /// <summary>One leaf under 产出指标 (weight 100), so the leaf's score is the total.</summary>
    private static GradingResult OneRow(string row) => Grade("{\"name\":\"产出指标\",\"weight\":100,\"children\":[" + row + "]}");

    [Fact]
    public void A_target_written_equals_100_percent_scores_in_proportion_not_zero()
    {
        // "=100%" with 98%: a percentage to reach, so proportional: 98 ÷ 100 × 10 = 9.8 (equal-or-zero gave 0).
        var r = Grade("{\"name\":\"产出指标\",\"weight\":10,\"children\":[{\"name\":\"验收合格率\",\"weight\":10,\"target\":\"=100%\",\"actual\":\"98%\"}]},"
            + "{\"name\":\"效益指标\",\"weight\":90,\"children\":[{\"name\":\"社会效益\",\"weight\":90,\"actual\":\"完成\"}]}");
        var row = r["产出指标/验收合格率"];
        Assert.Equal(9.8m, row.Score);
        Assert.Equal(PerfEval.Model.MethodKind.Proportional, row.Explanation.Method);
        Assert.Equal("98% ÷ 100% × 10 = 9.80", row.Explanation.Arithmetic);

        // Full-width ＝ reads the same.
        Assert.Equal(98m, OneRow("{\"name\":\"验收合格率\",\"weight\":100,\"target\":\"＝100%\",\"actual\":\"98%\"}").Total);

        // A leaf declared 等于 keeps the scheme's equal-or-zero: 98% ≠ 100% → 0.
        Assert.Equal(0m, OneRow("{\"name\":\"验收合格率\",\"weight\":100,\"direction\":\"equal\",\"target\":\"=100%\",\"actual\":\"98%\"}").Total);
    }

    [Fact]
    public void A_bare_actual_takes_the_targets_unit_and_says_it_was_assumed()
    {
        // "90" against "≥90万元": read as 90万元 = 900000 元 ≥ 900000 元 → full marks (it was 90 元 → 0).
        var met = OneRow("{\"name\":\"资金拨付\",\"weight\":100,\"target\":\"≥90万元\",\"actual\":\"90\"}");
        Assert.Equal(100m, met.Total);
        var f = Assert.Single(met.Findings, f => f.Code == FindingCodes.UnitAssumed);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("产出指标/资金拨付", f.Path);
        Assert.Contains("90万元", f.MessageZh, StringComparison.Ordinal);

        // "80" against "≥90万元": 800000 ÷ 900000 × 100 = 88.888… → 88.89.
        Assert.Equal(88.89m, OneRow("{\"name\":\"资金拨付\",\"weight\":100,\"target\":\"≥90万元\",\"actual\":\"80\"}").Total);

        // Both with units: nothing assumed.
        Assert.DoesNotContain(OneRow("{\"name\":\"资金拨付\",\"weight\":100,\"target\":\"≥90万元\",\"actual\":\"90万元\"}").Findings, f => f.Code == FindingCodes.UnitAssumed);
    }

    [Fact]
    public void A_row_that_allows_a_bonus_scores_above_its_weight_within_its_level_1_block()
    {
        // 每超额完成一项加1分，最多加2分: target ≥5项, actual 6项 → 10 + min(2, 1 × (6 − 5)) = 11 (it was capped at 10).
        // 产出指标 40 = that row 11 + 质量 28 of 30 (28% ÷ 30% × 30 = 28) = 39 ≤ 40.
        const string Rows = "{\"name\":\"产出指标\",\"weight\":40,\"children\":["
            + "{\"name\":\"完成项目\",\"weight\":10,\"target\":\"≥5项\",\"actual\":\"{A}\",\"maxBonus\":2,\"bonusPerUnit\":1},"
            + "{\"name\":\"质量\",\"weight\":30,\"target\":\"≥30%\",\"actual\":\"{Q}\"}]},"
            + "{\"name\":\"效益指标\",\"weight\":60,\"children\":[{\"name\":\"社会效益\",\"weight\":60,\"actual\":\"完成\"}]}";
        var r = Grade(Rows.Replace("{A}", "6项", StringComparison.Ordinal).Replace("{Q}", "28%", StringComparison.Ordinal));
        Assert.Equal(11m, r["产出指标/完成项目"].Score);
        Assert.Equal(39m, r["产出指标"].Score);
        Assert.Equal(99m, r.Total);

        // 9项: 10 + min(2, 4) = 12; 12 + 30 = 42 is capped at the block's 40 (the level-1 cap), total 100.
        var capped = Grade(Rows.Replace("{A}", "9项", StringComparison.Ordinal).Replace("{Q}", "30%", StringComparison.Ordinal));
        Assert.Equal(12m, capped["产出指标/完成项目"].Score);
        Assert.Equal(40m, capped["产出指标"].Score);
        Assert.Equal(100m, capped.Total);

        // A self-score of 12 is within what the row allows; 13 is above it, against the printed weight: an error.
        var json = Rows.Replace("{A}", "9项", StringComparison.Ordinal).Replace("{Q}", "30%", StringComparison.Ordinal);
        Assert.DoesNotContain(Grade(json.Replace("\"bonusPerUnit\":1", "\"bonusPerUnit\":1,\"selfScore\":12", StringComparison.Ordinal)).Findings,
            f => f.Code == FindingCodes.SelfScoreAboveWeight);
        Assert.Contains(Grade(json.Replace("\"bonusPerUnit\":1", "\"bonusPerUnit\":1,\"selfScore\":13", StringComparison.Ordinal)).Findings,
            f => f.Code == FindingCodes.SelfScoreAboveWeight && f.Severity == Severity.Error);
    }

    [Fact]
    public void A_level_1_block_scored_out_of_100_and_counted_as_80()
    {
        // The 20 + 80 form: 预算执行率 20 at 50 of 100 executed → 20 × 50 ÷ 100 = 10; the indicator table out of
        // 100 = 50 (100人 of ≥100人) + 45 (90% of ≥100%: 90 ÷ 100 × 50) = 95, counted as 95 × 80 ÷ 100 = 76.
        // Total 10 + 76 = 86, as the form gives. Rescaling over 120 gave (10 + 95) ÷ 120 × 100 = 87.50.
        var r = Grade("{\"name\":\"预算执行率\",\"weight\":20},"
            + "{\"name\":\"绩效指标\",\"weight\":80,\"scale\":100,\"children\":["
            + "{\"name\":\"培训人数\",\"weight\":50,\"target\":\"≥100人\",\"actual\":\"100人\"},"
            + "{\"name\":\"合格率\",\"weight\":50,\"target\":\"≥100%\",\"actual\":\"90%\"}]}",
            ",\"budget\":{\"planned\":100,\"executed\":50}");
        Assert.Equal(10m, r["预算执行率"].Score);
        Assert.Equal(76m, r["绩效指标"].Score);
        Assert.Equal("(50 + 45) × 80 ÷ 100 = 76", r["绩效指标"].Explanation.Arithmetic);
        Assert.Equal(86m, r.Total);
        Assert.DoesNotContain(r.Findings, f => f.Code is FindingCodes.WeightSumMismatch or FindingCodes.WeightsRescaled or FindingCodes.NotApplicableRescaled);
    }

    [Fact]
    public void A_scale_outside_a_level_1_block_is_refused_with_its_path()
    {
        var ex = Assert.Throws<PerfEval.EvaluationException>(() => OneRow("{\"name\":\"培训人数\",\"weight\":100,\"scale\":50,\"target\":\"≥1人\",\"actual\":\"1人\"}"));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("InvalidScale", p.Code);
        Assert.Equal("$.indicators[0].children[0]", p.JsonPath);
        Assert.Equal("scale 50", p.Text);

        // A bonus per unit without the most it may reach is refused the same way.
        var bonus = Assert.Throws<PerfEval.EvaluationException>(() => OneRow("{\"name\":\"培训人数\",\"weight\":100,\"bonusPerUnit\":1,\"target\":\"≥1人\",\"actual\":\"1人\"}"));
        var b = Assert.Single(bonus.Problems);
        Assert.Equal("InvalidBonus", b.Code);
        Assert.Equal("maxBonus —, bonusPerUnit 1", b.Text);
    }

    /// <summary>
    /// Regression (issue 11 item 6, repros/na-text.json): row b's target and actual are both 不适用 but it
    /// carries no notApplicable flag, and was scored from its self-score 0: 产出指标 100 = a 50 + b 0 → 50.
    /// It drops out instead: a 50 of the 50 applicable points, rescaled → 100.
    /// </summary>
    [Fact]
    public void A_row_whose_target_and_actual_read_not_applicable_drops_out()
    {
        var r = new Grader().Grade(EvaluationFile.Load(TestFiles.Repro("na-text.json")));
        Assert.True(r["产出指标/数量指标/b"].IsNotApplicable);
        Assert.Equal(100m, r.Total);
        Assert.DoesNotContain(r.Findings, f => f.Code == FindingCodes.SelfScoreUsed);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.NotApplicableRescaled);
        Assert.Contains("50 ÷ 50 × 100 = 100.00", f.MessageZh, StringComparison.Ordinal);
    }

    /// <summary>
    /// Regression (issue 11 item 11): NotApplicableRescaled was raised when nothing was 不适用 — the rescale
    /// was due to weights adding to 99.99. 产出 50 + 效益 40 + 满意度 9.99 = 99.99, all at full marks:
    /// 99.99 ÷ 99.99 × 100 = 100. The finding now says what the rescale is for.
    /// </summary>
    [Fact]
    public void Weights_that_add_up_to_99_99_are_rescaled_as_such_not_as_not_applicable()
    {
        var r = Grade(string.Join(",", Block("产出指标", "50", "数量", Full), Block("效益指标", "40", "社会效益", Done), Block("满意度指标", "9.99", "满意度", Satisfied)));
        Assert.Equal(100m, r.Total);
        Assert.DoesNotContain(r.Findings, f => f.Code == FindingCodes.NotApplicableRescaled);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.WeightsRescaled);
        Assert.Contains("99.99 ÷ 99.99 × 100 = 100.00", f.MessageEn, StringComparison.Ordinal);
        Assert.Contains("WeightsRescaled", r.TotalExplanation.Reasons);
        Assert.DoesNotContain("NotApplicableRescaled", r.TotalExplanation.Reasons);
        var weights = Assert.Single(r.Findings, f => f.Code == FindingCodes.WeightSumMismatch);
        Assert.Contains("99.99", weights.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_110_point_table_names_the_row_outside_and_both_totals()
    {
        // 预算执行率 10 (at 90% → 9) + 产出 50 + 效益 35 + 满意度 15, all full: raw 109; rescaled 109 ÷ 110 × 100 = 99.0909… → 99.09.
        var r = Grade(string.Join(",", "{\"name\":\"预算执行率\",\"weight\":10,\"actual\":\"90%\"}",
            Block("产出指标", "50", "数量", Full), Block("效益指标", "35", "社会效益", Done), Block("满意度指标", "15", "满意度", Satisfied)));
        Assert.Equal(99.09m, r.Total);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.WeightSumMismatch);
        Assert.Contains("“预算执行率”", f.MessageZh, StringComparison.Ordinal);
        Assert.Contains("按百分制折算总分为 99.09，不折算（直接相加）为 109.00", f.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_without_a_printed_weight_weighs_what_its_rows_print()
    {
        // 数量指标 prints no weight; its rows print 5 and 10 → 15 (not an equal share of 产出's 50: 25).
        // 满意度指标 prints no weight; its row prints 20 → 20 (not the frame's 10).
        var r = Grade("{\"name\":\"产出指标\",\"weight\":50,\"children\":["
            + "{\"name\":\"数量指标\",\"children\":[{\"name\":\"甲\",\"weight\":5,\"target\":\"≥1人\",\"actual\":\"1人\"},{\"name\":\"乙\",\"weight\":10,\"target\":\"≥1人\",\"actual\":\"1人\"}]},"
            + "{\"name\":\"质量指标\",\"weight\":35,\"children\":[{\"name\":\"丙\",\"weight\":35,\"target\":\"≥1人\",\"actual\":\"1人\"}]}]},"
            + "{\"name\":\"效益指标\",\"weight\":30,\"children\":[{\"name\":\"社会效益\",\"weight\":30,\"actual\":\"完成\"}]},"
            + "{\"name\":\"满意度指标\",\"children\":[{\"name\":\"满意度\",\"weight\":20,\"target\":\"≥90%\",\"actual\":\"95%\"}]}");
        Assert.Equal(15m, r["产出指标/数量指标"].Weight);
        Assert.False(r["产出指标/数量指标"].IsWeightAssigned);
        Assert.Equal(20m, r["满意度指标"].Weight);
        Assert.False(r["满意度指标"].IsWeightAssigned);
        Assert.DoesNotContain(r.Findings, f => f.Code == FindingCodes.WeightAssigned);
        // 50 + 30 + 20 = 100: the printed rows fill the table without a scheme weight.
        Assert.Equal(100m, r.Total);
    }
}
