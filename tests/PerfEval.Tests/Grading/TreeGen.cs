using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PerfEval.Model;

namespace PerfEval.Tests.Grading;

/// <summary>A generated leaf: its method and the numbers it is scored from.</summary>
internal sealed record LeafSpec(MethodKind Kind, int Variant, decimal Target, decimal Actual, bool NotApplicable, decimal? Self, bool[] Checks);

/// <summary>A generated node: a branch (children) or a leaf. Weights are whole cents of a point.</summary>
internal sealed record NodeSpec(string Name, int Cents, NodeSpec[] Children, LeafSpec? Leaf, bool WeightStated = true)
{
    public decimal Weight => Cents / 100m;

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    internal void Write(StringBuilder sb, int indent)
    {
        sb.Append(' ', indent * 2).Append(Name).Append(' ').Append(Weight.ToString(CultureInfo.InvariantCulture));
        if (!WeightStated) sb.Append("(assigned)");
        if (Leaf is { } l)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {l.Kind}/{l.Variant} t={l.Target} a={l.Actual} na={l.NotApplicable} self={l.Self} checks={string.Join(",", l.Checks)}");
        }

        sb.Append('\n');
        foreach (var c in Children) c.Write(sb, indent + 1);
    }
}

/// <summary>A generated evaluation: roots whose weights add up to 100.</summary>
internal sealed record TreeSpec(NodeSpec[] Roots)
{
    public override string ToString()
    {
        var sb = new StringBuilder("\n");
        foreach (var r in Roots) r.Write(sb, 0);
        return sb.ToString();
    }

    public IEnumerable<(NodeSpec Node, string Path)> Walk()
    {
        var stack = new Stack<(NodeSpec, string)>(Roots.Reverse().Select(r => (r, r.Name)));
        while (stack.Count > 0)
        {
            var (n, p) = stack.Pop();
            yield return (n, p);
            foreach (var c in n.Children.Reverse()) stack.Push((c, p + "/" + c.Name));
        }
    }
}

/// <summary>
/// Generators of random indicator trees (depth 1–3, 1–5 children per node, weights in cents that add
/// up exactly to the parent's and the roots' to 100) with a random method and random values at each
/// leaf, and their rendering as evaluations built in C#.
/// </summary>
internal static class TreeGen
{
    public static readonly MethodKind[] Kinds =
    [
        MethodKind.Proportional, MethodKind.ReverseLinear, MethodKind.ReverseRatio, MethodKind.Equal, MethodKind.PerPointDeduction,
        MethodKind.Banded, MethodKind.PerIncident, MethodKind.Checklist, MethodKind.Qualitative, MethodKind.Assessed, MethodKind.ExecutionRate,
    ];

    /// <summary>Methods whose score can only rise as the actual rises (正向) or falls (反向).</summary>
    public static bool RisesWithActual(MethodKind k) => k is MethodKind.Proportional or MethodKind.PerPointDeduction or MethodKind.Banded or MethodKind.ExecutionRate;

    public static bool FallsWithActual(MethodKind k) => k is MethodKind.ReverseLinear or MethodKind.ReverseRatio or MethodKind.PerIncident;

    /// <summary>Monotone bands: ≥90 → 5; [80, 90) → 4; [70, 80) → 3; [60, 70) → 1; below 60 → 0.</summary>
    public static readonly ScoringMethod Bands = ScoringMethod.Banded(
    [
        new ScoreBand(90m, true, null, false, 5m),
        new ScoreBand(80m, true, 90m, false, 4m),
        new ScoreBand(70m, true, 80m, false, 3m),
        new ScoreBand(60m, true, 70m, false, 1m),
        new ScoreBand(null, false, 60m, false, 0m),
    ]);

    /// <summary>Random trees. <paramref name="maxDepth"/> 1–3; each node has 1–<paramref name="maxChildren"/> children.</summary>
    /// <param name="naPercent">Chance in % that a leaf is 不适用.</param>
    /// <param name="assignedPercent">Chance in % that a node's weight is left for the scheme to assign.</param>
    public static Gen<TreeSpec> Trees(int maxDepth = 3, int maxChildren = 5, int naPercent = 10, int assignedPercent = 0) =>
        Gen.Choose(1, maxDepth).SelectMany(depth => Level(10000, 1, depth, maxChildren, naPercent, assignedPercent)).Select(r => new TreeSpec(r));

    private static Gen<NodeSpec[]> Level(int cents, int level, int maxDepth, int maxChildren, int naPercent, int assignedPercent) =>
        Gen.Choose(1, maxChildren)
            .SelectMany(n => Split(cents, n))
            .SelectMany(parts => Gen.CollectToArray(parts.Select((p, i) => Node(Name(level, i), p, level, maxDepth, maxChildren, naPercent, assignedPercent))))
            .SelectMany(nodes => assignedPercent == 0
                ? Gen.Constant(nodes)
                : Gen.ArrayOf(Gen.Choose(0, 99), nodes.Length).Select(r => nodes.Select((n, i) => n with { WeightStated = r[i] >= assignedPercent }).ToArray()));

    private static string Name(int level, int i) => "指标" + level.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);

    private static Gen<NodeSpec> Node(string name, int cents, int level, int maxDepth, int maxChildren, int naPercent, int assignedPercent)
    {
        var leaf = LeafGen(cents, naPercent).Select(l => new NodeSpec(name, cents, [], l));
        if (level >= maxDepth || cents < 2) return leaf;
        var branch = Level(cents, level + 1, maxDepth, maxChildren, naPercent, assignedPercent).Select(c => new NodeSpec(name, cents, c, null));
        return Gen.OneOf(leaf, branch);
    }

    /// <summary>Splits <paramref name="cents"/> into up to <paramref name="n"/> positive parts at random cut points.</summary>
    private static Gen<int[]> Split(int cents, int n) =>
        n == 1 || cents < 2
            ? Gen.Constant(new[] { cents })
            : Gen.ArrayOf(Gen.Choose(1, cents - 1), n - 1).Select(cuts =>
            {
                var sorted = cuts.Distinct().Order().ToArray();
                var parts = new int[sorted.Length + 1];
                var prev = 0;
                for (var i = 0; i < sorted.Length; i++)
                {
                    parts[i] = sorted[i] - prev;
                    prev = sorted[i];
                }

                parts[^1] = cents - prev;
                return parts;
            });

    private static Gen<LeafSpec> LeafGen(int cents, int naPercent) =>
        from kind in Gen.Elements(Kinds)
        from variant in Gen.Choose(0, 2)
        from target in Gen.Choose(1, 200)
        from actualHalves in Gen.Choose(0, 600)
        from na in Gen.Choose(0, 99)
        from selfCents in Gen.Choose(0, cents + (cents / 5))
        from hasSelf in Gen.Elements(true, false)
        from checks in Gen.ArrayOf(Gen.Elements(true, false), 3)
        select new LeafSpec(
            kind,
            variant,
            target,
            kind == MethodKind.PerIncident ? actualHalves % 12 : actualHalves / 2m,
            na < naPercent,
            kind == MethodKind.Assessed || hasSelf ? selfCents / 100m : null,
            checks);

    /// <summary>The evaluation for a tree, siblings in the given order.</summary>
    public static ProjectEvaluation Build(TreeSpec tree, Func<NodeSpec[], IEnumerable<NodeSpec>>? order = null)
    {
        order ??= static n => n;
        var e = new EvaluationBuilder("generated", "generated");
        foreach (var r in order(tree.Roots)) Add(e.Add(r.Name, r.WeightStated ? r.Weight : null), r, order);
        return e.Build();
    }

    private static void Add(IndicatorBuilder b, NodeSpec node, Func<NodeSpec[], IEnumerable<NodeSpec>> order)
    {
        foreach (var c in order(node.Children)) Add(b.Add(c.Name, c.WeightStated ? c.Weight : null), c, order);
        if (node.Leaf is { } l) Leaf(b, l);
    }

    private static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static void Leaf(IndicatorBuilder b, LeafSpec l)
    {
        b.NotApplicable = l.NotApplicable;
        b.SelfScore = l.Self;
        switch (l.Kind)
        {
            case MethodKind.Proportional:
                b.Method = ScoringMethod.Proportional;
                (b.Target, b.Actual) = (N(l.Target) + "%", N(l.Actual) + "%");
                break;
            case MethodKind.ReverseLinear:
            case MethodKind.ReverseRatio:
                b.Method = l.Kind == MethodKind.ReverseLinear ? ScoringMethod.ReverseLinear : ScoringMethod.ReverseRatio;
                (b.Target, b.Actual) = ("≤" + N(l.Target) + "元", N(l.Actual) + "元");
                break;
            case MethodKind.Equal:
                b.Method = ScoringMethod.Equal(l.Variant == 1);
                (b.Target, b.Actual) = ("=" + N(l.Target) + "次", N(l.Variant == 2 ? l.Target : l.Actual) + "次");
                break;
            case MethodKind.PerPointDeduction:
                b.Method = ScoringMethod.PerPointDeduction(l.Variant switch { 0 => 0.1m, 1 => 0.5m, _ => 1m });
                (b.Target, b.Actual) = (N(Math.Min(l.Target, 100m)) + "%", N(l.Actual) + "%");
                break;
            case MethodKind.Banded:
                b.Method = Bands;
                b.Actual = N(l.Actual) + "%";
                break;
            case MethodKind.PerIncident:
                b.Method = ScoringMethod.PerIncident(l.Variant switch { 0 => 0.5m, 1 => 1m, _ => 2m });
                b.Actual = N(l.Actual) + "次";
                break;
            case MethodKind.Checklist:
                b.Method = ScoringMethod.Checklist([new Criterion("①", 1m), new Criterion("②", 1m), new Criterion("③", 2m)]);
                b.Checklist = l.Checks;
                break;
            case MethodKind.Qualitative:
                b.Method = ScoringMethod.Qualitative;
                b.Actual = l.Variant switch { 0 => "完成", 1 => "基本完成", _ => "未完成" };
                break;
            case MethodKind.Assessed:
                b.Method = ScoringMethod.Assessed;
                break;
            default:
                b.Method = l.Variant == 0 ? ScoringMethod.ExecutionRate(90m) : ScoringMethod.ExecutionRate();
                b.Actual = N(l.Actual) + "%";
                break;
        }
    }

    /// <summary>The tree with one leaf's actual moved by <paramref name="move"/>.</summary>
    public static TreeSpec WithActual(TreeSpec tree, NodeSpec target, Func<LeafSpec, LeafSpec> move)
    {
        NodeSpec Map(NodeSpec n) => ReferenceEquals(n, target) ? n with { Leaf = move(n.Leaf!) } : n with { Children = [.. n.Children.Select(Map)] };
        return new TreeSpec([.. tree.Roots.Select(Map)]);
    }

    public static Arbitrary<T> Arb<T>(Gen<T> gen) => FsCheck.Fluent.Arb.From(gen);
}
