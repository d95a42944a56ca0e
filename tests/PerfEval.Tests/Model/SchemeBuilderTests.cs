using System.Collections.Immutable;
using PerfEval.Model;

namespace PerfEval.Tests.Model;

/// <summary>The scheme builder: grade bands cover 0…100 without overlap, frame weights add up to 100, every problem at once.</summary>
public sealed class SchemeBuilderTests
{
    private static FrameIndicator F(string name, decimal? weight, params FrameIndicator[] children) => new(name, weight, [.. children], []);

    [Fact]
    public void National_grades_are_sorted_highest_first_and_lower_bounds_are_inclusive()
    {
        var s = new SchemeBuilder("national-2020", "全国").WithNationalGrades().Build();
        Assert.Equal(["优", "良", "中", "差"], s.Grades.Select(g => g.Name).ToArray());
        Assert.Equal("优", s.GradeFor(100m).Name);
        Assert.Equal("优", s.GradeFor(90m).Name);      // 90 is 优 (lower bound inclusive)
        Assert.Equal("良", s.GradeFor(89.99m).Name);
        Assert.Equal("良", s.GradeFor(80m).Name);
        Assert.Equal("中", s.GradeFor(79.99m).Name);
        Assert.Equal("中", s.GradeFor(60m).Name);
        Assert.Equal("差", s.GradeFor(59.99m).Name);
        Assert.Equal("差", s.GradeFor(0m).Name);
    }

    [Fact]
    public void Grades_given_in_any_order_are_sorted()
    {
        var b = new SchemeBuilder("s", "方案");
        b.Grades.Add(new GradeBand("不合格", 0m));
        b.Grades.Add(new GradeBand("优秀", 90m));
        b.Grades.Add(new GradeBand("合格", 60m));
        b.Grades.Add(new GradeBand("良好", 80m));
        var s = b.Build();
        Assert.Equal(["优秀", "良好", "合格", "不合格"], s.Grades.Select(g => g.Name).ToArray());
        Assert.Equal("良好", s.GradeFor(85m).Name);
    }

    [Fact]
    public void Defaults_are_national()
    {
        var s = new SchemeBuilder("s", "方案").WithNationalGrades().Build();
        Assert.Equal(RoundingPolicy.Default, s.Rounding);
        Assert.Equal(2, s.Rounding.Places);
        Assert.Equal(MidpointRounding.AwayFromZero, s.Rounding.Mode);
        Assert.Equal(RoundingScope.Leaf, s.Rounding.Scope);
        Assert.Equal(NotApplicablePolicy.Rescale, s.NotApplicable);
        Assert.Equal(0.005m, s.Tolerance);
        Assert.Same(MethodDefaults.National, s.Defaults);
        Assert.Equal(MethodKind.ReverseLinear, s.Defaults.Negative.Kind);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var b = new SchemeBuilder("bad id!", " ")
        {
            Rounding = new RoundingPolicy(Places: 7),
            Tolerance = -0.1m,
        };
        b.Grades.Add(new GradeBand("优", 90m));
        b.Grades.Add(new GradeBand("良", 90m));        // GradesOverlap: same start as 优
        b.Grades.Add(new GradeBand("优", 120m));       // InvalidGrade (above 100) and DuplicateGrade
        b.Grades.Add(new GradeBand("中", 60m));        // lowest starts at 60: GradesDoNotCover
        b.Frame.Add(F("产出", 50, F("数量", 20), F("质量", 20)));   // 20 + 20 ≠ 50
        b.Frame.Add(F("效益", 40));                                  // 50 + 40 ≠ 100
        b.Policies.Add(Policy.Veto("挪用资金", "fundsMisappropriated", "差"));   // 差 is not a grade here

        var ex = Assert.Throws<SchemeException>(() => b.Build());
        var codes = ex.Problems.Select(p => p.Code).ToArray();
        Assert.Equal(
            ["DuplicateGrade", "GradesDoNotCover", "GradesOverlap", "InvalidGrade", "InvalidId", "InvalidRounding", "InvalidTolerance", "MissingField", "UnknownGrade", "WeightSumMismatch", "WeightSumMismatch"],
            codes.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(ex.Problems, p => p.Code == "WeightSumMismatch" && p.MessageZh.Contains("产出", StringComparison.Ordinal) && p.MessageEn.Contains("not 50", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Code == "WeightSumMismatch" && p.MessageEn.Contains("90, not 100", StringComparison.Ordinal));
    }

    [Fact]
    public void No_grades_is_a_problem()
    {
        var ex = Assert.Throws<SchemeException>(() => new SchemeBuilder("s", "方案").Build());
        Assert.Equal("NoGrades", Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void A_frame_that_adds_up_builds_and_unweighted_frames_are_not_summed()
    {
        var b = new SchemeBuilder("s", "方案").WithNationalGrades();
        b.Frame.Add(F("预算执行率", 10));
        b.Frame.Add(F("产出指标", 50, F("数量指标", null), F("质量指标", null)));
        b.Frame.Add(F("效益指标", 30));
        b.Frame.Add(F("满意度指标", 10));
        Assert.Equal(4, b.Build().Frame.Length);

        var partial = new SchemeBuilder("s", "方案").WithNationalGrades();
        partial.Frame.Add(F("决策", null));
        partial.Frame.Add(F("过程", 20));
        Assert.Equal(2, partial.Build().Frame.Length);
    }

    [Fact]
    public void Frame_indicators_match_by_name_or_alias_exactly()
    {
        var f = new FrameIndicator("过程指标", 20, [], ["管理", "过程"]);
        Assert.True(f.Matches("过程指标"));
        Assert.True(f.Matches("管理"));
        Assert.False(f.Matches("过程指标 "));
        Assert.False(f.Matches("决策"));
    }

    [Fact]
    public void The_built_scheme_does_not_follow_the_builder()
    {
        var b = new SchemeBuilder("s", "方案").WithNationalGrades();
        var s = b.Build();
        b.Grades.Clear();
        b.Policies.Add(Policy.Bonus("加分", "x", 1m));
        Assert.Equal(4, s.Grades.Length);
        Assert.Empty(s.Policies);
    }
}
