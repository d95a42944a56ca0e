using PerfEval.Model;
using static PerfEval.Tests.Scoring.Kit;

namespace PerfEval.Tests.Scoring;

/// <summary>Roll-up, not-applicable rescaling and rounding scopes, through the engine-free mirror of the rules.</summary>
public sealed class RollUpTests
{
    private static ProjectEvaluation Tree(bool notApplicable = false)
    {
        // 产出 60: 数量 (10 × 2/3 = 6.666…) + 质量 50 (完成 → 50); 效益 40: 社会 20 (完成), 生态 20 (完成 or 不适用).
        var e = new EvaluationBuilder("p", "test");
        var output = e.Add("产出", 60);
        var q = output.Add("数量", 10);
        q.Target = "3个";
        q.Actual = "2个";
        output.Add("质量", 50).Actual = "完成";
        var benefit = e.Add("效益", 40);
        benefit.Add("社会", 20).Actual = "完成";
        var eco = benefit.Add("生态", 20);
        eco.Actual = "完成";
        eco.NotApplicable = notApplicable;
        return e.Build();
    }

    [Fact]
    public void Parents_are_the_sum_of_their_children_and_the_total_the_sum_of_the_roots()
    {
        // Leaf rounding: 6.67 + 50 = 56.67; 20 + 20 = 40; total 96.67.
        var (nodes, total) = Run(Scheme(), Tree());
        Assert.Equal(6.67m, nodes["产出/数量"].Score);
        Assert.Equal(56.67m, nodes["产出"].Score);
        Assert.Equal(40m, nodes["效益"].Score);
        Assert.Equal(96.67m, total.Total);
        Assert.Equal("56.67 + 40 = 96.67", total.Explanation.Arithmetic);
        Assert.Equal("6.67 + 50 = 56.67", nodes["产出"].Explanation.Arithmetic);
        Assert.False(total.Rescaled);
    }

    [Fact]
    public void TotalOnly_rounds_once_at_the_end()
    {
        // 6.666… + 50 = 56.666…; + 40 = 96.666… → 96.67.
        var (nodes, total) = Run(Scheme(b => b.Rounding = new RoundingPolicy(Scope: RoundingScope.TotalOnly)), Tree());
        Assert.Equal(50m + (10m * 2m / 3m), nodes["产出"].Score);
        Assert.Equal(96.67m, total.Total);
    }

    [Fact]
    public void Zero_places_rounds_half_away_from_zero()
    {
        // 6.666… → 7 at the leaf; 7 + 50 + 40 = 97.
        var (nodes, total) = Run(Scheme(b => b.Rounding = new RoundingPolicy(Places: 0)), Tree());
        Assert.Equal(7m, nodes["产出/数量"].Score);
        Assert.Equal(97m, total.Total);
    }

    [Fact]
    public void Not_applicable_leaves_drop_out_and_the_rest_rescale_to_one_hundred()
    {
        // 生态 20 drops: applicable 80, raw 56.67 + 20 = 76.67; 76.67 ÷ 80 × 100 = 95.8375 → 95.84.
        var (nodes, total) = Run(Scheme(), Tree(notApplicable: true));
        Assert.Equal(20m, nodes["效益"].Score);
        Assert.Equal(20m, nodes["效益"].ApplicableWeight);
        Assert.Equal(80m, total.ApplicableWeight);
        Assert.Equal(76.67m, total.Raw);
        Assert.Equal(95.84m, total.Total);
        Assert.True(total.Rescaled);
        Assert.Equal("(56.67 + 20) ÷ 80 × 100 = 95.84", total.Explanation.Arithmetic);
        Assert.Contains("NotApplicableDropped", nodes["效益"].Explanation.Reasons);
    }

    [Fact]
    public void Not_applicable_full_marks_policy_keeps_the_weight()
    {
        // 生态 counts 20: 56.67 + 40 = 96.67, no rescaling.
        var (_, total) = Run(Scheme(b => b.NotApplicable = NotApplicablePolicy.FullMarks), Tree(notApplicable: true));
        Assert.Equal(96.67m, total.Total);
        Assert.False(total.Rescaled);
    }

    [Fact]
    public void EveryLevel_rounds_each_branch()
    {
        // Under TotalOnly the branch would hold 56.666…; EveryLevel rounds it to 56.67 (the leaf is also rounded).
        var (nodes, _) = Run(Scheme(b => b.Rounding = new RoundingPolicy(Scope: RoundingScope.EveryLevel)), Tree());
        Assert.Equal(56.67m, nodes["产出"].Score);
    }
}
