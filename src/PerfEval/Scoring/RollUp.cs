using System.Collections.Immutable;
using PerfEval.Grading;
using PerfEval.Model;

namespace PerfEval.Scoring;

/// <summary>The arithmetic of the roll-up rules: children add up to the parent, the roots to the total.</summary>
internal static class RollUp
{
    /// <summary>A branch's score: the sum of its children's; its applicable weight: the sum of theirs.</summary>
    public static NodeScore Branch(BranchFact branch, IReadOnlyCollection<NodeScore> children, Scheme scheme)
    {
        var ordered = Ordered(children);
        decimal score = 0, applicable = 0;
        foreach (var c in ordered)
        {
            score += c.Score;
            applicable += c.ApplicableWeight;
        }

        var r = scheme.Rounding;
        var terms = string.Join(" + ", ordered.Where(c => c.ApplicableWeight > 0 || c.Score > 0).Select(c => Num.Show(c.Score)));
        var arithmetic = (terms.Length == 0 ? "0" : terms) + " = " + Num.Show(score);
        if (branch.Scale is { } scale)
        {
            // Scored out of its own scale, counted as its weight (满分 100，折合 80 分).
            var counted = score * branch.Weight / scale;
            arithmetic = $"({(terms.Length == 0 ? "0" : terms)}) × {Num.Show(branch.Weight)} ÷ {Num.Show(scale)} = {Num.Show(counted)}";
            (score, applicable) = (counted, applicable * branch.Weight / scale);
        }

        if (branch.CapAtWeight && score > branch.Weight)
        {
            // Bonus points within a level-1 block never lift it above its own weight.
            arithmetic += $" → {Num.Show(branch.Weight)}";
            score = branch.Weight;
        }

        if (r.Scope == RoundingScope.EveryLevel) score = Math.Min(r.Round(score), branch.Weight);
        var dropped = ordered.Count(c => c.ApplicableWeight == 0 && c.Weight > 0);
        var zh = $"下级 {ordered.Length} 项得分合计 {Num.Show(score)}（分值 {Num.Show(branch.Weight)}）" + (dropped > 0 ? $"，其中 {dropped} 项不适用" : string.Empty);
        var en = $"Sum of {ordered.Length} children: {Num.Show(score)} of {Num.Show(branch.Weight)}" + (dropped > 0 ? $"; {dropped} not applicable" : string.Empty);
        var reasons = dropped > 0 ? ImmutableArray.Create("Sum", "NotApplicableDropped") : ["Sum"];
        return new NodeScore(branch.Index, branch.ParentIndex, branch.Indicator.Path, branch.Weight, applicable, score,
            new Explanation(null, arithmetic, zh, en, reasons), Computed: true, Leaf: null) { Branch = branch };
    }

    /// <summary>The total: the roots' sum, rescaled to 100 when indicators dropped out, rounded by the scheme.</summary>
    public static TotalScore Total(ProjectFact project, IReadOnlyCollection<NodeScore> roots)
    {
        var ordered = Ordered(roots);
        decimal raw = 0, applicable = 0;
        foreach (var c in ordered)
        {
            raw += c.Score;
            applicable += c.ApplicableWeight;
        }

        var r = project.Scheme.Rounding;
        var terms = string.Join(" + ", ordered.Select(c => Num.Show(c.Score)));
        // Rescale to the 100-point scale whenever the applicable weight is not 100: indicators
        // dropped out (不适用), or the report's weights do not add up to 100 (flagged separately).
        if (applicable != 100m && applicable > 0)
        {
            var total = r.Round(raw / applicable * 100m);
            var dropped = project.Leaves.Any(static l => l.IsNotApplicable && l.Weight > 0);
            return new TotalScore(raw, applicable, total, new Explanation(null,
                $"({terms}) ÷ {Num.Show(applicable)} × 100 = {Num.Fixed(total, r.Places)}",
                dropped
                    ? $"适用指标得分 {Num.Show(raw)}，适用分值 {Num.Show(applicable)}，按百分制折算为 {Num.Fixed(total, r.Places)}"
                    : $"指标得分 {Num.Show(raw)}，分值合计 {Num.Show(applicable)} 不等于 100，按百分制折算为 {Num.Fixed(total, r.Places)}",
                dropped
                    ? $"Applicable scores {Num.Show(raw)} of {Num.Show(applicable)} applicable points, rescaled to 100: {Num.Fixed(total, r.Places)}"
                    : $"Scores {Num.Show(raw)} of {Num.Show(applicable)} points (the weights do not add up to 100), rescaled to 100: {Num.Fixed(total, r.Places)}",
                ["Sum", dropped ? "NotApplicableRescaled" : "WeightsRescaled"]), Rescaled: true);
        }

        var sum = r.Round(raw);
        return new TotalScore(raw, applicable, sum, new Explanation(null,
            $"{terms} = {Num.Fixed(sum, r.Places)}",
            $"一级指标得分合计 {Num.Fixed(sum, r.Places)}",
            $"Sum of the level-1 scores: {Num.Fixed(sum, r.Places)}",
            ["Sum"]));
    }

    private static NodeScore[] Ordered(IReadOnlyCollection<NodeScore> nodes)
    {
        // Aggregates carry no order; sort by tree position so sums and explanations are deterministic.
        var array = nodes.ToArray();
        Array.Sort(array, static (a, b) => a.Index.CompareTo(b.Index));
        return array;
    }
}
