using PerfEval.Model;
using PerfEval.Values;
using static PerfEval.Tests.Scoring.Kit;

namespace PerfEval.Tests.Scoring;

/// <summary>
/// The arithmetic of every scoring method (DOMAIN.md §3), one leaf at a time. Every expected value is
/// worked out by hand in the comment next to it; the scheme rounds 四舍五入 to two places at each leaf.
/// </summary>
public sealed class LeafScorerTests
{
    private static readonly ScoringMethod Hunan = ScoringMethod.PerPointDeduction(0.1m);

    // ---- proportional (正向): a ≥ t → w; else w·a/t

    [Fact]
    public void Proportional_below_target_scores_in_proportion_with_the_arithmetic_written_out()
    {
        // Shijiazhuang 满意度: 10 × 76 / 95 = 760 / 95 = 8 exactly.
        var s = ScoreOne(10, l => { l.Target = "95%"; l.Actual = "76%"; l.Method = ScoringMethod.Proportional; });
        Assert.Equal(8m, s.Score);
        Assert.Equal("76% ÷ 95% × 10 = 8.00", s.Explanation.Arithmetic);
        Assert.Equal(MethodKind.Proportional, s.Explanation.Method);
        Assert.Equal(["BelowTarget"], s.Explanation.Reasons.ToArray());
        Assert.True(s.Computed);
    }

    [Fact]
    public void Proportional_over_achievement_is_capped_at_the_weight()
    {
        // 4800户 against 4000户 would be 10 × 4800 / 4000 = 12 uncapped; the cap gives 10.
        var s = ScoreOne(10, l => { l.Target = "4000户"; l.Actual = "4800户"; });
        Assert.Equal(10m, s.Score);
        Assert.Equal("4800户 ≥ 4000户 → 10", s.Explanation.Arithmetic);
        Assert.Equal(["AboveTargetCapped"], s.Explanation.Reasons.ToArray());
    }

    [Fact]
    public void Proportional_at_target_is_full_marks()
    {
        var s = ScoreOne(10, l => { l.Target = "≥100%"; l.Actual = "100%"; });
        Assert.Equal(10m, s.Score);
        Assert.Equal(["TargetMet"], s.Explanation.Reasons.ToArray());
    }

    [Theory]
    // 10 × 2 / 3 = 6.666… → 6.67
    [InlineData("3个", "2个", 10, "6.67")]
    // 10 × 5 / 80 = 0.625 → 0.63 (四舍五入; half-to-even would give 0.62)
    [InlineData("80%", "5%", 10, "0.63")]
    // 20 × 45 / 90 = 10
    [InlineData("≥90%", "45%", 20, "10")]
    // 5 × 0 / 90 = 0
    [InlineData("90%", "0%", 5, "0")]
    public void Proportional_rounds_half_away_from_zero_at_the_leaf(string target, string actual, int weight, string expected)
    {
        var s = ScoreOne(weight, l => { l.Target = target; l.Actual = actual; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void Proportional_compares_in_base_units()
    {
        // 0.5万人 = 5000人 against 10000人: 10 × 5000 / 10000 = 5.
        var s = ScoreOne(10, l => { l.Target = "1万人"; l.Actual = "5000人"; });
        Assert.Equal(5m, s.Score);
    }

    // ---- reverse linear (反向): a ≤ t → w; t < a < 2t → w·(1 − (a−t)/t); a ≥ 2t → 0

    [Theory]
    [InlineData("80元", "10")]     // within the target → 10
    [InlineData("100元", "10")]    // at the target → 10
    [InlineData("120元", "8")]     // 10 × (1 − 20/100) = 8
    [InlineData("150元", "5")]     // 10 × (1 − 50/100) = 5
    [InlineData("199元", "0.1")]   // 10 × (1 − 99/100) = 0.1
    [InlineData("200元", "0")]     // a = 2t → 0 (the cut is inclusive)
    [InlineData("350元", "0")]     // a > 2t → 0
    public void ReverseLinear(string actual, string expected)
    {
        var s = ScoreOne(10, l => { l.Target = "≤100元"; l.Actual = actual; l.Method = ScoringMethod.ReverseLinear; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void ReverseLinear_explains_the_excess_and_the_two_t_cut()
    {
        var over = ScoreOne(10, l => { l.Target = "≤100元"; l.Actual = "120元"; l.Method = ScoringMethod.ReverseLinear; });
        Assert.Equal("10 × (1 − (120元 − 100元) ÷ 100元) = 8.00", over.Explanation.Arithmetic);
        Assert.Equal(["OverTarget"], over.Explanation.Reasons.ToArray());
        var cut = ScoreOne(10, l => { l.Target = "≤100元"; l.Actual = "200元"; l.Method = ScoringMethod.ReverseLinear; });
        Assert.Equal("200元 ≥ 2 × 100元 → 0", cut.Explanation.Arithmetic);
        var within = ScoreOne(10, l => { l.Target = "≤100元"; l.Actual = "99元"; l.Method = ScoringMethod.ReverseLinear; });
        Assert.Equal("99元 ≤ 100元 → 10", within.Explanation.Arithmetic);
    }

    [Fact]
    public void ReverseLinear_is_the_national_default_for_an_at_most_target()
    {
        // ≤0.84万元 = 8400元 against 9240元: 10 × (1 − 840/8400) = 10 × 0.9 = 9.
        var s = ScoreOne(10, l => { l.Target = "≤0.84万元"; l.Actual = "9240元"; });
        Assert.Equal(MethodKind.ReverseLinear, s.Explanation.Method);
        Assert.Equal(9m, s.Score);
    }

    // ---- reverse ratio (反向): a ≤ t → w; else w·t/a

    [Theory]
    [InlineData("100元", "10")]   // at the target → 10
    [InlineData("125元", "8")]    // 10 × 100 / 125 = 8
    [InlineData("400元", "2.5")]  // 10 × 100 / 400 = 2.5 (no 2t cut)
    [InlineData("300元", "3.33")] // 10 × 100 / 300 = 3.333… → 3.33
    public void ReverseRatio(string actual, string expected)
    {
        var s = ScoreOne(10, l => { l.Target = "≤100元"; l.Actual = actual; l.Method = ScoringMethod.ReverseRatio; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void ReverseRatio_arithmetic()
    {
        var s = ScoreOne(10, l => { l.Target = "100元"; l.Actual = "125元"; l.Method = ScoringMethod.ReverseRatio; });
        Assert.Equal("100元 ÷ 125元 × 10 = 8.00", s.Explanation.Arithmetic);
    }

    // ---- equal (等于): a = t → w; otherwise zero, or min/max × w

    [Theory]
    [InlineData("12次", false, "10")]  // equal → 10
    [InlineData("10次", false, "0")]   // not equal, otherwise zero → 0
    [InlineData("15次", false, "0")]
    [InlineData("10次", true, "8.33")] // 10 × 10 / 12 = 8.333… → 8.33
    [InlineData("15次", true, "8")]    // 10 × 12 / 15 = 8
    [InlineData("12次", true, "10")]
    public void Equal(string actual, bool proportional, string expected)
    {
        var s = ScoreOne(10, l => { l.Target = "=12次"; l.Actual = actual; l.Method = ScoringMethod.Equal(proportional); });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void Equal_arithmetic()
    {
        var zero = ScoreOne(10, l => { l.Target = "=12次"; l.Actual = "10次"; l.Method = ScoringMethod.Equal(); });
        Assert.Equal("10次 ≠ 12次 → 0", zero.Explanation.Arithmetic);
        Assert.Equal(["NotEqual"], zero.Explanation.Reasons.ToArray());
        var prop = ScoreOne(10, l => { l.Target = "=12次"; l.Actual = "15次"; l.Method = ScoringMethod.Equal(otherwiseProportional: true); });
        Assert.Equal("12 ÷ 15 × 10 = 8.00", prop.Explanation.Arithmetic);
    }

    // ---- per-point deduction: full at target; minus d per percentage point short; floor 0

    [Theory]
    [InlineData("98%", "4.8")]   // Hunan 质量达标率: 5 − 0.1 × (100 − 98) = 4.8
    [InlineData("100%", "5")]    // at target → 5
    [InlineData("60%", "1")]     // 5 − 0.1 × 40 = 1
    [InlineData("50%", "0")]     // 5 − 0.1 × 50 = 0
    [InlineData("0%", "0")]      // 5 − 0.1 × 100 = −5 → floor 0
    [InlineData("99.5%", "4.95")] // 5 − 0.1 × 0.5 = 4.95
    public void PerPointDeduction(string actual, string expected)
    {
        var s = ScoreOne(5, l => { l.Target = "100%"; l.Actual = actual; l.Method = Hunan; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void PerPointDeduction_arithmetic()
    {
        var s = ScoreOne(5, l => { l.Target = "100%"; l.Actual = "98%"; l.Method = Hunan; });
        Assert.Equal("5 − 0.1 × (100 − 98) = 4.80", s.Explanation.Arithmetic);
        Assert.Equal(["DeductionPerPoint"], s.Explanation.Reasons.ToArray());
    }

    // ---- banded: points by band; bounds inclusive on either side

    // ≥90 → 5; [80, 90) → 4; [70, 80) → 3; <60 → 0; [60, 70) is in no band.
    private static readonly ScoringMethod HunanBands = ScoringMethod.Banded(
    [
        new ScoreBand(90m, true, null, false, 5m),
        new ScoreBand(80m, true, 90m, false, 4m),
        new ScoreBand(70m, true, 80m, false, 3m),
        new ScoreBand(null, false, 60m, false, 0m),
    ]);

    [Theory]
    [InlineData("100%", "5")]
    [InlineData("90%", "5")]     // lower bound 90 is inclusive
    [InlineData("89.99%", "4")]  // just below 90
    [InlineData("80%", "4")]     // 80(含)
    [InlineData("79.9%", "3")]
    [InlineData("70%", "3")]     // 70(含)
    [InlineData("65%", "0")]     // no band
    [InlineData("59.9%", "0")]   // below 60
    public void Banded_with_inclusive_lower_bounds(string actual, string expected)
    {
        var s = ScoreOne(5, l => { l.Actual = actual; l.Method = HunanBands; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Theory]
    // (−∞, 80] → 2; (80, 95) → 4; [95, +∞) → 6 capped at the weight 5
    [InlineData("80", "2")]     // upper bound 80 inclusive: the lower band
    [InlineData("80.01", "4")]  // just above: the middle band (its lower bound is exclusive)
    [InlineData("94.99", "4")]
    [InlineData("95", "5")]     // 6 points, capped at the weight 5
    public void Banded_with_inclusive_upper_bounds_and_the_cap(string actual, string expected)
    {
        var bands = ScoringMethod.Banded(
        [
            new ScoreBand(null, false, 80m, true, 2m),
            new ScoreBand(80m, false, 95m, false, 4m),
            new ScoreBand(95m, true, null, false, 6m),
        ]);
        var s = ScoreOne(5, l => { l.Actual = actual; l.Method = bands; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void Banded_arithmetic_names_the_band()
    {
        var top = ScoreOne(5, l => { l.Actual = "90%"; l.Method = HunanBands; });
        Assert.Equal("90% ∈ [90%, +∞) → 5", top.Explanation.Arithmetic);
        Assert.Equal(["TopBand"], top.Explanation.Reasons.ToArray());
        var mid = ScoreOne(5, l => { l.Actual = "85%"; l.Method = HunanBands; });
        Assert.Equal("85% ∈ [80%, 90%) → 4", mid.Explanation.Arithmetic);
        Assert.Equal(["LowerBand"], mid.Explanation.Reasons.ToArray());
        var none = ScoreOne(5, l => { l.Actual = "65%"; l.Method = HunanBands; });
        Assert.Equal(["NoBand"], none.Explanation.Reasons.ToArray());
    }

    [Fact]
    public void ScoreBand_contains_honours_each_bound()
    {
        var closed = new ScoreBand(1m, true, 2m, true, 1m);
        var open = new ScoreBand(1m, false, 2m, false, 1m);
        Assert.True(closed.Contains(1m) && closed.Contains(2m));
        Assert.False(open.Contains(1m) || open.Contains(2m));
        Assert.True(open.Contains(1.5m));
        Assert.True(new ScoreBand(null, false, null, false, 0m).Contains(-1_000_000m));
    }

    // ---- per incident: w − k·n, floor 0

    [Theory]
    [InlineData("2次", 1, "1")]       // 3 − 1 × 2 = 1
    [InlineData("5次", 1, "0")]       // 3 − 5 = −2 → 0 (扣完为止)
    [InlineData("3次", 0.5, "1.5")]   // 3 − 0.5 × 3 = 1.5
    [InlineData("0次", 1, "3")]
    [InlineData("无投诉", 1, "3")]     // a zero count → full marks
    public void PerIncident(string actual, decimal k, string expected)
    {
        var s = ScoreOne(3, l => { l.Actual = actual; l.Method = ScoringMethod.PerIncident(k); });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void PerIncident_arithmetic()
    {
        var s = ScoreOne(3, l => { l.Actual = "2次"; l.Method = ScoringMethod.PerIncident(1m); });
        Assert.Equal("3 − 1 × 2 = 1.00", s.Explanation.Arithmetic);
        Assert.Equal(["Incident"], s.Explanation.Reasons.ToArray());
    }

    // ---- checklist: the sum of the points of the criteria met

    private static ScoringMethod Criteria(params decimal[] points) =>
        ScoringMethod.Checklist(points.Select((p, i) => new Criterion("标准" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p)));

    [Fact]
    public void Checklist_sums_the_criteria_met()
    {
        // Hunan 项目立项规范性: ①②③ 1 point each; ② not met → 1 + 0 + 1 = 2.
        var s = ScoreOne(3, l => { l.Method = Criteria(1, 1, 1); l.Checklist = [true, false, true]; });
        Assert.Equal(2m, s.Score);
        Assert.Equal("1 + 0 + 1 = 2.00", s.Explanation.Arithmetic);
        Assert.Equal(["CriterionNotMet"], s.Explanation.Reasons.ToArray());
        Assert.Contains("标准2", s.Explanation.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_all_met_is_full_marks_and_more_points_than_the_weight_are_capped()
    {
        var all = ScoreOne(3, l => { l.Method = Criteria(1, 1, 1); l.Checklist = [true, true, true]; });
        Assert.Equal(3m, all.Score);
        Assert.Equal(["AllCriteriaMet"], all.Explanation.Reasons.ToArray());
        // 2 + 2 = 4 points against a weight of 3 → 3.
        var capped = ScoreOne(3, l => { l.Method = Criteria(2, 2); l.Checklist = [true, true]; });
        Assert.Equal(3m, capped.Score);
    }

    [Fact]
    public void Checklist_without_answers_uses_the_self_score()
    {
        var s = ScoreOne(3, l => { l.Method = Criteria(1, 1, 1); l.SelfScore = 2m; });
        Assert.Equal(2m, s.Score);
        Assert.Equal(["SelfScoreUsed"], s.Explanation.Reasons.ToArray());
        Assert.False(s.Computed);
    }

    // ---- qualitative tiers: 达成 [80%, 100%]; 部分达成 [60%, 80%); 未达成 [0, 60%)

    [Theory]
    [InlineData("完成", null, "10")]     // 达成, no self-score → 100% × 10
    [InlineData("完成", 9.0, "9")]       // inside [8, 10] → the evaluator's 9
    [InlineData("完成", 8.0, "8")]       // 8 is 达成's inclusive lower end
    [InlineData("完成", 7.0, "10")]      // outside → the tier's default 10
    [InlineData("基本完成", null, "6")]  // 部分达成 → 60% × 10
    [InlineData("基本完成", 7.5, "7.5")] // inside [6, 8)
    [InlineData("基本完成", 8.0, "6")]   // 8 is outside [6, 8) → default 6
    [InlineData("未完成", null, "0")]    // 未达成 → 0
    [InlineData("未完成", 5.0, "5")]     // inside [0, 6)
    [InlineData("未完成", 6.0, "0")]     // 6 is outside [0, 6) → default 0
    public void Qualitative_tiers(string actual, double? self, string expected)
    {
        var s = ScoreOne(10, l => { l.Actual = actual; l.SelfScore = self is { } d ? (decimal)d : null; });
        Assert.Equal(MethodKind.Qualitative, s.Explanation.Method);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void Qualitative_arithmetic_shows_the_tier_range()
    {
        var inside = ScoreOne(10, l => { l.Actual = "完成"; l.SelfScore = 9m; });
        Assert.Equal("达成 → [8, 10]; 9", inside.Explanation.Arithmetic);
        Assert.Equal(["TierAchieved"], inside.Explanation.Reasons.ToArray());
        var partly = ScoreOne(10, l => { l.Actual = "基本完成"; });
        Assert.Equal("部分达成 → 10 × 0.6 = 6.00", partly.Explanation.Arithmetic);
        Assert.Contains("[6, 8)", partly.Explanation.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Qualitative_with_a_lower_cut_at_fifty_percent()
    {
        // Some regions: 部分达成 [50%, 80%): 5 of 10 lies inside; without a self-score 50% → 5.
        var tiers = ScoringMethod.QualitativeWith(new QualitativeTiers(PartlyMin: 0.5m, PartlyDefault: 0.5m));
        Assert.Equal(5m, ScoreOne(10, l => { l.Actual = "部分完成"; l.SelfScore = 5m; l.Method = tiers; }).Score);
        Assert.Equal(5m, ScoreOne(10, l => { l.Actual = "部分完成"; l.Method = tiers; }).Score);
        // 4.9 is below 50% of 10: outside, the default 5 counts.
        Assert.Equal(5m, ScoreOne(10, l => { l.Actual = "部分完成"; l.SelfScore = 4.9m; l.Method = tiers; }).Score);
    }

    [Fact]
    public void Qualitative_reads_a_numeric_actual_against_its_target()
    {
        // A qualitative method with figures: 98% ≥ 95% → 达成 → 10; 90% < 95% → 未达成 → 0.
        Assert.Equal(10m, ScoreOne(10, l => { l.Target = "≥95%"; l.Actual = "98%"; l.Method = ScoringMethod.Qualitative; }).Score);
        Assert.Equal(0m, ScoreOne(10, l => { l.Target = "≥95%"; l.Actual = "90%"; l.Method = ScoringMethod.Qualitative; }).Score);
    }

    [Fact]
    public void Qualitative_narrative_rule_assumes_the_outcome_and_says_so()
    {
        // 是否在合同约定期间交货 is a yes/no criterion: qualitative with no outcome word.
        var tiers = ScoringMethod.QualitativeWith(new QualitativeTiers(Narrative: QualitativeOutcome.Achieved));
        var s = ScoreOne(10, l => { l.Actual = "是否在合同约定期间交货"; l.Method = tiers; });
        Assert.Equal(10m, s.Score);
        Assert.Contains("OutcomeAssumed", s.Explanation.Reasons);
        Assert.True(s.Leaf!.OutcomeAssumed);
    }

    // ---- assessed: the evaluator's score, checked against 0…weight

    [Fact]
    public void Assessed_takes_the_evaluators_score_and_caps_it()
    {
        // Guangdong 论证决策 3 of 4.
        var ok = ScoreOne(4, l => { l.Method = ScoringMethod.Assessed; l.SelfScore = 3m; });
        Assert.Equal(3m, ok.Score);
        Assert.Equal("3 / 4", ok.Explanation.Arithmetic);
        Assert.False(ok.Computed);
        var over = ScoreOne(4, l => { l.Method = ScoringMethod.Assessed; l.SelfScore = 5m; });
        Assert.Equal(4m, over.Score);
        Assert.Equal("min(5, 4) = 4", over.Explanation.Arithmetic);
        Assert.Equal(["Capped"], over.Explanation.Reasons.ToArray());
    }

    // ---- execution rate (预算执行率)

    [Fact]
    public void ExecutionRate_proportional_from_the_budget()
    {
        // Hainan: 118.68 ÷ 122.22 = 0.9710358… × 10 = 9.710358… → 9.71.
        var s = ScoreOne(10, l => { l.Method = ScoringMethod.ExecutionRate(); }, budget: new Budget(122.22m, 118.68m, "万元"));
        Assert.Equal(9.71m, s.Score);
        Assert.Equal("118.68 ÷ 122.22 × 10 = 9.71", s.Explanation.Arithmetic);
        Assert.Equal(["BelowTarget"], s.Explanation.Reasons.ToArray());
    }

    [Fact]
    public void ExecutionRate_full_marks_from_a_threshold()
    {
        // 97.10% ≥ 90% → 10.
        var s = ScoreOne(10, l => { l.Method = ScoringMethod.ExecutionRate(90m); }, budget: new Budget(122.22m, 118.68m));
        Assert.Equal(10m, s.Score);
        Assert.Equal("118.68 ÷ 122.22 = 97.10% ≥ 90% → 10", s.Explanation.Arithmetic);
        // Below a 98% threshold it falls back to proportional: 9.71.
        var below = ScoreOne(10, l => { l.Method = ScoringMethod.ExecutionRate(98m); }, budget: new Budget(122.22m, 118.68m));
        Assert.Equal(9.71m, below.Score);
    }

    [Fact]
    public void ExecutionRate_from_a_stated_rate_and_by_name()
    {
        // No budget: the actual 25% → 25% × 10 = 2.5 (the 2023 Hainan school table).
        var e = new EvaluationBuilder("p", "test");
        e.Add("预算执行率指标", 10).Add("预算执行率", 10).Actual = "25%";
        var s = Score(Plan(Scheme(), e.Build(), "预算执行率指标/预算执行率"));
        Assert.Equal(MethodKind.ExecutionRate, s.Explanation.Method);
        Assert.Equal(2.5m, s.Score);
        Assert.Equal("25% × 10 = 2.50", s.Explanation.Arithmetic);
    }

    [Fact]
    public void ExecutionRate_over_one_hundred_percent_is_capped()
    {
        // 110 ÷ 100 × 10 = 11 → 10.
        var s = ScoreOne(10, l => { l.Method = ScoringMethod.ExecutionRate(); }, budget: new Budget(100m, 110m));
        Assert.Equal(10m, s.Score);
        Assert.Equal(["TargetMet"], s.Explanation.Reasons.ToArray());
    }

    // ---- not applicable

    [Fact]
    public void NotApplicable_drops_out_or_earns_full_marks_per_scheme()
    {
        var dropped = ScoreOne(10, l => { l.Target = "100%"; l.NotApplicable = true; });
        Assert.Equal(0m, dropped.Score);
        Assert.Equal(0m, dropped.ApplicableWeight);
        Assert.Equal(10m, dropped.Weight);
        var full = ScoreOne(10, l => { l.Target = "100%"; l.NotApplicable = true; }, Scheme(b => b.NotApplicable = NotApplicablePolicy.FullMarks));
        Assert.Equal(10m, full.Score);
        Assert.Equal(10m, full.ApplicableWeight);
    }

    // ---- rounding scope at the leaf

    [Fact]
    public void TotalOnly_keeps_the_leaf_unrounded()
    {
        // 10 × 2 / 3 = 6.666…: rounded at the leaf by default, kept whole under TotalOnly.
        var scheme = Scheme(b => b.Rounding = new RoundingPolicy(Scope: RoundingScope.TotalOnly));
        var s = ScoreOne(10, l => { l.Target = "3个"; l.Actual = "2个"; }, scheme);
        Assert.Equal(10m * 2m / 3m, s.Score);
        Assert.Equal("2个 ÷ 3个 × 10 = 6.67", s.Explanation.Arithmetic);
    }

    [Fact]
    public void Scores_stay_within_zero_and_the_weight_for_a_self_score_fallback()
    {
        // An unreadable actual with a self-score above the weight: the fallback caps it at 10.
        var s = ScoreOne(10, l => { l.Target = "95%"; l.Actual = "待定"; l.SelfScore = 12m; });
        Assert.Equal(10m, s.Score);
        Assert.Equal(["SelfScoreUsed"], s.Explanation.Reasons.ToArray());
    }

    /// <summary>
    /// BUG (src/PerfEval/Scoring/LeafScorer.cs Make, and RollUp.Branch under EveryLevel): the score is clamped
    /// to 0…weight before it is rounded, so rounding can carry it past the weight. A scheme that rounds to whole
    /// points with a 2.5-point leaf at full marks scores it Round(2.5, 0, AwayFromZero) = 3 of 2.5.
    /// Fix: clamp after rounding (or round down at the weight): Math.Min(r.Round(score), weight).
    /// </summary>
    [Fact]
    public void Rounding_never_carries_a_score_past_its_weight()
    {
        var scheme = Scheme(b => b.Rounding = new RoundingPolicy(Places: 0));
        var s = ScoreOne(2.5m, l => { l.Target = "100%"; l.Actual = "100%"; }, scheme);
        Assert.InRange(s.Score, 0m, 2.5m);
    }

    // ---- issue 11: regressions found by the independent tester

    [Fact]
    public void ReverseLinear_exact_half_cent_rounds_up_not_down_by_a_second_division()
    {
        // Repro rounding-reverse-linear.json: 4.5 × (1 − (73 − 60) ÷ 60) = 4.5 × 47 ÷ 60 = 211.5 ÷ 60 = 3.525 exactly
        // → 3.53 (四舍五入). Dividing twice gave 13 ÷ 60 = 0.21666…7 first, so 3.52499… and 3.52.
        var s = ScoreOne(4.5m, l => { l.Target = "≤60天"; l.Actual = "73天"; });
        Assert.Equal(3.53m, s.Score);
        Assert.Equal("4.5 × (1 − (73天 − 60天) ÷ 60天) = 3.53", s.Explanation.Arithmetic);
    }

    [Fact]
    public void ExecutionRate_from_the_budget_exact_half_cent_rounds_up_not_down_by_a_second_division()
    {
        // Repro rounding-execution-rate.json: 60.4 ÷ 120 × 4.5 = 271.8 ÷ 120 = 2.265 exactly → 2.27.
        // Through the rate first, 60.4 ÷ 120 = 0.50333…3 (28 digits), and the product came to 2.26499… → 2.26.
        var s = ScoreOne(4.5m, l => { l.Method = ScoringMethod.ExecutionRate(); }, budget: new Budget(120m, 60.4m, "万元"));
        Assert.Equal(2.27m, s.Score);
        Assert.Equal("60.4 ÷ 120 × 4.5 = 2.27", s.Explanation.Arithmetic);
    }

    [Fact]
    public void ExecutionRate_over_one_hundred_percent_does_not_print_an_untrue_equation()
    {
        // 110 ÷ 100 = 110.00% > 100% → 10; "110 ÷ 100 × 10 = 10.00" was false (it is 11).
        var s = ScoreOne(10, l => { l.Method = ScoringMethod.ExecutionRate(); }, budget: new Budget(100m, 110m));
        Assert.Equal("110 ÷ 100 = 110.00% > 100% → 10", s.Explanation.Arithmetic);
    }

    [Fact]
    public void Proportional_zero_target_and_negative_actual_is_a_miss_not_full_marks()
    {
        // Repro zero-target-negative-actual.json: target 0%, actual −5%: a < t, a miss. It scored w = 100 and printed
        // "-5% ÷ 0% × 100 = 100.00". A target ≤ 0 gives no proportion: 0, and the explanation says why.
        var s = ScoreOne(100, l => { l.Target = "0%"; l.Actual = "-5%"; });
        Assert.Equal(0m, s.Score);
        Assert.Equal("-5% < 0% ≤ 0 → 0", s.Explanation.Arithmetic);
        Assert.Contains("目标不是正数", s.Explanation.Zh, StringComparison.Ordinal);
        Assert.Contains("not positive", s.Explanation.En, StringComparison.Ordinal);
    }

    [Theory]
    // target −5%, actual −10%: a < t, a miss (w·a/t = 10 × 2 = 20 was capped to full marks) → 0
    [InlineData("-5%", "-10%", "0")]
    // target −5%, actual −2%: a ≥ t, met → 10
    [InlineData("-5%", "-2%", "10")]
    public void Proportional_negative_target_gives_no_marks_for_a_miss(string target, string actual, string expected)
    {
        var s = ScoreOne(10, l => { l.Target = target; l.Actual = actual; l.Method = ScoringMethod.Proportional; });
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.Score);
    }

    [Fact]
    public void Proportional_negative_actual_against_a_positive_target_says_the_floor()
    {
        // 10 × (−5) ÷ 80 = −0.625 → floor 0.
        var s = ScoreOne(10, l => { l.Target = "80%"; l.Actual = "-5%"; });
        Assert.Equal(0m, s.Score);
        Assert.Equal("-5% < 0 → 0 (floor 0)", s.Explanation.Arithmetic);
    }

    [Fact]
    public void ReverseRatio_negative_target_gives_no_marks_for_a_miss()
    {
        // target ≤ −10, actual −5: a > t, a miss; w·t/a = 10 × (−10) ÷ (−5) = 20 was capped to full marks → 0.
        var s = ScoreOne(10, l => { l.Target = "≤-10%"; l.Actual = "-5%"; l.Method = ScoringMethod.ReverseRatio; });
        Assert.Equal(0m, s.Score);
        Assert.Equal(["OverTarget"], s.Explanation.Reasons.ToArray());
    }

    [Fact]
    public void PerIncident_floored_at_zero_says_the_floor()
    {
        // 3 − 1 × 5 = −2 → 0; it printed "3 − 1 × 5 = 0.00", an untrue equation.
        var s = ScoreOne(3, l => { l.Actual = "5次"; l.Method = ScoringMethod.PerIncident(1m); });
        Assert.Equal(0m, s.Score);
        Assert.Equal("3 − 1 × 5 = -2 → 0.00 (floor 0)", s.Explanation.Arithmetic);
    }

    [Fact]
    public void PerPointDeduction_floored_at_zero_says_the_floor()
    {
        // 5 − 0.1 × (100 − 0) = 5 − 10 = −5 → 0.
        var s = ScoreOne(5, l => { l.Target = "100%"; l.Actual = "0%"; l.Method = Hunan; });
        Assert.Equal(0m, s.Score);
        Assert.Equal("5 − 0.1 × (100 − 0) = -5 → 0.00 (floor 0)", s.Explanation.Arithmetic);
        Assert.EndsWith("扣至 0 分为止", s.Explanation.Zh, StringComparison.Ordinal);
        Assert.EndsWith("floored at 0", s.Explanation.En, StringComparison.Ordinal);
    }

    [Fact]
    public void No_method_overflows_at_the_edges_of_the_number_range()
    {
        // Issue 11 item 4: inside NumberLimit (size ≤ 10^12, non-zero ≥ 10^-10) no step may overflow decimal.
        // Every pair of edge values for target and actual, w = 10^12, for each numeric method; scores stay in 0 … w.
        string[] edges = ["1000000000000", "-1000000000000", "0.0000000001", "-0.0000000001", "0", "999999999999.9999999999"];
        ScoringMethod[] methods = [ScoringMethod.Proportional, ScoringMethod.ReverseLinear, ScoringMethod.ReverseRatio, ScoringMethod.Equal(true),
            ScoringMethod.PerPointDeduction(1_000_000_000_000m), ScoringMethod.PerIncident(1_000_000_000_000m)];
        var count = 0;
        foreach (var m in methods)
        {
            foreach (var t in edges)
            {
                foreach (var a in edges)
                {
                    var s = ScoreOne(1_000_000_000_000m, l => { l.Target = t + "元"; l.Actual = a + "元"; l.Method = m; });
                    Assert.InRange(s.Score, 0m, 1_000_000_000_000m);
                    count++;
                }
            }
        }

        Assert.Equal(6 * 6 * 6, count);
        var rate = ScoreOne(1_000_000_000_000m, l => l.Method = ScoringMethod.ExecutionRate(), budget: new Budget(0.0000000001m, 1_000_000_000_000m));
        Assert.Equal(1_000_000_000_000m, rate.Score);
    }
}
