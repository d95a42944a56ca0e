using System.Numerics;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Tests.Grading;
using Xunit.Abstractions;

namespace PerfEval.Tests.Reliability;

/// <summary>
/// Issue 11, "make each promise a test", point 7: 2 000 random evaluations (System.Random, seed 11; 1–4 level-1
/// indicators of 1–6 leaves, weights in whole cents adding to 100, every one of the 11 methods with random targets
/// and actuals, rendered by <see cref="TreeGen.Build"/>) graded by the national rounding (四舍五入 to the cent), and
/// every leaf's score compared to the cent with an exact reference written here from docs/scoring-methods.md: the
/// formula evaluated in exact fractions of integers (<see cref="BigInteger"/>, never <c>decimal</c> division), then
/// rounded once, half away from zero. The test prints its counts.
/// </summary>
public sealed class RoundingCrossCheckTests(ITestOutputHelper output)
{
    private const int Evaluations = 2000;
    private static readonly Scheme Generated = new SchemeBuilder("generated", "生成方案").WithNationalGrades().Build();

    [Fact]
    public void Two_thousand_random_evaluations_match_an_exact_reference_at_every_leaf_to_the_cent()
    {
        var grader = new Grader(SchemeCatalog.Default.With(Generated));
        var random = new Random(11);
        var leaves = 0;
        var midpoints = 0;
        var perKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var wrong = new List<string>();
        for (var n = 0; n < Evaluations; n++)
        {
            var tree = Tree(random);
            var result = grader.Grade(TreeGen.Build(tree), Generated);
            foreach (var (node, path) in tree.Walk().Where(x => x.Node.Leaf is not null))
            {
                var (expected, exactHalf) = Reference(node.Leaf!, node.Weight);
                var got = result[path].Score;
                leaves++;
                midpoints += exactHalf ? 1 : 0;
                perKind[node.Leaf!.Kind.ToString()] = perKind.GetValueOrDefault(node.Leaf!.Kind.ToString()) + 1;
                if (got != expected) wrong.Add($"#{n} {path} w={node.Weight} {node.Leaf}: got {got}, exact reference {expected}");
            }
        }

        output.WriteLine($"rounding cross-check: {Evaluations} evaluations, {leaves} leaves ({string.Join(", ", perKind.Select(k => $"{k.Key} {k.Value}"))}), {midpoints} exact x.xx5 midpoints, {wrong.Count} differing from the exact reference");
        Assert.Equal(TreeGen.Kinds.Length, perKind.Count);
        Assert.True(midpoints > 0, "no midpoint was generated: the check would not see a rounding direction");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong.Take(20)));
    }

    private static TreeSpec Tree(Random random)
    {
        var roots = Split(random, 10000, random.Next(1, 5)).Select((cents, i) =>
        {
            var children = Split(random, cents, random.Next(1, 7)).Select((c, j) => new NodeSpec($"叶{j}", c, [], Leaf(random, c))).ToArray();
            return new NodeSpec($"指标{i}", cents, children, null);
        });
        return new TreeSpec([.. roots]);
    }

    private static int[] Split(Random random, int cents, int parts)
    {
        parts = Math.Min(parts, cents);
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(1, cents)).Distinct().Order().ToList();
        var result = new List<int>();
        var prev = 0;
        foreach (var c in cuts)
        {
            result.Add(c - prev);
            prev = c;
        }

        result.Add(cents - prev);
        return [.. result];
    }

    private static LeafSpec Leaf(Random random, int cents)
    {
        var kind = TreeGen.Kinds[random.Next(TreeGen.Kinds.Length)];
        var actual = kind == MethodKind.PerIncident ? random.Next(12) : random.Next(0, 601) / 2m;
        decimal? self = kind == MethodKind.Assessed ? random.Next(0, cents + (cents / 5) + 1) / 100m : null;
        bool[] checks = [random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0];
        return new LeafSpec(kind, random.Next(3), random.Next(1, 201), actual, false, self, checks);
    }

    /// <summary>An exact fraction of integers, non-negative here.</summary>
    private readonly record struct Q(BigInteger N, BigInteger D)
    {
        public static Q Of(decimal d)
        {
            var bits = decimal.GetBits(d);
            var scale = (bits[3] >> 16) & 0xFF;
            var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
            return new(d < 0 ? -mantissa : mantissa, BigInteger.Pow(10, scale));
        }

        public static Q operator *(Q a, Q b) => new(a.N * b.N, a.D * b.D);
        public static Q operator /(Q a, Q b) => new(a.N * b.D, a.D * b.N);
        public static Q operator +(Q a, Q b) => new((a.N * b.D) + (b.N * a.D), a.D * b.D);
        public static Q operator -(Q a, Q b) => new((a.N * b.D) - (b.N * a.D), a.D * b.D);
        public static bool operator <(Q a, Q b) => a.N * b.D < b.N * a.D;
        public static bool operator >(Q a, Q b) => a.N * b.D > b.N * a.D;
        public static bool operator <=(Q a, Q b) => !(a > b);
        public static bool operator >=(Q a, Q b) => !(a < b);
        public static Q Min(Q a, Q b) => a < b ? a : b;
        public static Q Max(Q a, Q b) => a > b ? a : b;

        /// <summary>四舍五入 to the cent from the exact value: floor(100·x + ½) for x ≥ 0; whether 100·x is exactly k + ½.</summary>
        public (decimal Value, bool ExactHalf) Cents()
        {
            var twice = 200 * N;
            var cents = BigInteger.Divide(twice + D, 2 * D);
            var exactHalf = BigInteger.Remainder(twice, 2 * D) == D;
            return ((decimal)cents / 100m, exactHalf);
        }
    }

    /// <summary>The score docs/scoring-methods.md gives for the leaf TreeGen renders, exact, then rounded once.</summary>
    private static (decimal Score, bool ExactHalf) Reference(LeafSpec l, decimal weight)
    {
        Q w = Q.Of(weight), t = Q.Of(l.Target), a = Q.Of(l.Actual), zero = Q.Of(0m), hundred = Q.Of(100m);
        var s = l.Kind switch
        {
            // a ≥ t → w, else a ÷ t × w.
            MethodKind.Proportional => a >= t ? w : a / t * w,
            // a ≤ t → w; t < a < 2t → w · (2t − a) / t; a ≥ 2t → 0.
            MethodKind.ReverseLinear => a <= t ? w : a >= t + t ? zero : w * (t + t - a) / t,
            // a ≤ t → w; else t ÷ a × w.
            MethodKind.ReverseRatio => a <= t ? w : t / a * w,
            // variant 2 writes the actual equal to the target; variant 1 is 'otherwise proportional' (min ÷ max × w).
            MethodKind.Equal => l.Variant == 2 || l.Target == l.Actual ? w
                : l.Variant == 1 ? (a.N == 0 ? zero : Q.Min(a, t) / Q.Max(a, t) * w) : zero,
            // target min(t, 100)%; a ≥ t → w; else max(0, w − k · (t − a)), k = 0.1, 0.5, 1 by variant.
            MethodKind.PerPointDeduction => Deduction(w, Q.Min(t, hundred), a, Q.Of(l.Variant switch { 0 => 0.1m, 1 => 0.5m, _ => 1m })),
            // TreeGen.Bands: ≥90 → 5; [80, 90) → 4; [70, 80) → 3; [60, 70) → 1; else 0; never above the weight.
            MethodKind.Banded => Q.Min(w, Q.Of(l.Actual >= 90 ? 5m : l.Actual >= 80 ? 4m : l.Actual >= 70 ? 3m : l.Actual >= 60 ? 1m : 0m)),
            // max(0, w − k · n), k = 0.5, 1, 2 by variant.
            MethodKind.PerIncident => Q.Max(zero, w - (Q.Of(l.Variant switch { 0 => 0.5m, 1 => 1m, _ => 2m }) * a)),
            // criteria of 1, 1 and 2 points, the met ones added, never above the weight.
            MethodKind.Checklist => Q.Min(w, Q.Of((l.Checks[0] ? 1m : 0m) + (l.Checks[1] ? 1m : 0m) + (l.Checks[2] ? 2m : 0m))),
            // no self-score: 完成 → w, 基本完成 → 60% · w, 未完成 → 0.
            MethodKind.Qualitative => l.Variant switch { 0 => w, 1 => w * Q.Of(0.6m), _ => zero },
            // min(self, w).
            MethodKind.Assessed => Q.Min(Q.Of(l.Self!.Value), w),
            // from the actual in %: variant 0 full marks from 90%, otherwise from 100%; below, a ÷ 100 × w.
            _ => a >= (l.Variant == 0 ? Q.Of(90m) : hundred) ? w : a / hundred * w,
        };
        return s.Cents();
    }

    private static Q Deduction(Q w, Q t, Q a, Q k) => a >= t ? w : Q.Max(Q.Of(0m), w - (k * (t - a)));
}
