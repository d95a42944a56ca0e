using System.Globalization;
using PerfEval.Model;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// Generated projects of a fixed shape, so grading cost can be measured against size: 4 level-1 indicators
/// of 25 points, 0.3 × leaves level-2 branches spread over them, the leaves spread over those (40 leaves →
/// 4 + 12 = 16 branches; 10 → 7; 160 → 52), each leaf one of six methods in turn with a self-score (every
/// fifth one off by a point, so the audit has something to say), and a budget executed at 97%.
/// </summary>
internal static class Shapes
{
    public const string SchemeId = "national-2020";

    public static ProjectEvaluation Project(int leaves)
    {
        var e = new EvaluationBuilder("generated-" + leaves.ToString(CultureInfo.InvariantCulture), SchemeId)
        {
            Name = "生成项目",
            Budget = new Budget(100m, 97m, "万元"),
            Reported = new ReportedFigures(Total: 95m, Grade: "优"),
        };
        var middles = Math.Max(4, leaves * 3 / 10);
        var roots = Enumerable.Range(0, 4).Select(i => e.Add("一级" + N(i), 25m)).ToArray();
        var branches = new IndicatorBuilder[middles];
        for (var m = 0; m < middles; m++)
        {
            var root = m % 4;
            var count = Enumerable.Range(0, middles).Count(x => x % 4 == root);
            branches[m] = roots[root].Add("二级" + N(m), Split(2500, count)[m / 4] / 100m);
        }

        var leavesOf = new List<int>[middles];
        for (var l = 0; l < leaves; l++) (leavesOf[l % middles] ??= []).Add(l);
        for (var m = 0; m < middles; m++)
        {
            var list = leavesOf[m] ?? [];
            var weights = Split((int)(branches[m].Weight!.Value * 100), list.Count);
            for (var k = 0; k < list.Count; k++)
            {
                var w = weights[k] / 100m;
                var leaf = branches[m].Add("三级" + N(list[k]), w);
                Fill(leaf, list[k], w);
            }
        }

        return e.Build();
    }

    private static void Fill(IndicatorBuilder leaf, int i, decimal weight)
    {
        leaf.SelfScore = i % 5 == 4 ? Math.Max(0m, weight - 1m) : weight;
        switch (i % 6)
        {
            case 0: (leaf.Method, leaf.Target, leaf.Actual) = (ScoringMethod.Proportional, "≥95%", "97%"); break;
            case 1: (leaf.Method, leaf.Target, leaf.Actual) = (ScoringMethod.ReverseLinear, "≤100万元", "98万元"); break;
            case 2: (leaf.Method, leaf.Actual) = (ScoringMethod.Qualitative, "完成"); break;
            case 3: (leaf.Method, leaf.Target, leaf.Actual) = (ScoringMethod.Equal(), "=1次", "1次"); break;
            case 4: (leaf.Method, leaf.Actual) = (ScoringMethod.PerIncident(1m), "0次"); break;
            default: (leaf.Method, leaf.Target, leaf.Actual) = (ScoringMethod.Proportional, "≥1000户", "1000户"); break;
        }
    }

    /// <summary>Splits cents into n parts that add up exactly (the remainder on the last).</summary>
    private static int[] Split(int cents, int n)
    {
        if (n == 0) return [];
        var parts = Enumerable.Repeat(cents / n, n).ToArray();
        parts[^1] += cents - (cents / n * n);
        return parts;
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The path of the first proportional leaf (its actual is what the live benchmark changes).</summary>
    public static string ChangingLeaf(ProjectEvaluation evaluation) =>
        evaluation.Walk().First(n => n.IsLeaf && n.Method?.Kind == MethodKind.Proportional && n.ActualText == "97%").Path;
}
