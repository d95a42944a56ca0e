using System.Collections.Immutable;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Scoring;

/// <summary>
/// The arithmetic of each scoring method (DOMAIN §3). Pure functions of a <see cref="LeafPlan"/>; the
/// scoring rules call them, one rule per method. Scores are capped at the weight and floored at 0,
/// then rounded where the scheme rounds.
/// </summary>
internal static class LeafScorer
{
    public static NodeScore Proportional(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal t = p.Target!.Value, a = p.Actual!.Value, w = p.Weight;
        if (a > t && p.Cap > w && p.Indicator.BonusPerUnit is { } perUnit)
        {
            // The row's criterion grants points for exceeding the target (每超额完成一项加1分), up to its bonus.
            var bonus = Math.Min(p.Cap - w, perUnit * (a - t));
            return Done(p, r, w + bonus, $"{Num.Show(w)} + min({Num.Show(p.Cap - w)}, {Num.Show(perUnit)} × ({p.Show(a)} − {p.Show(t)})) = {Num.Fixed(r.Round(w + bonus), r.Places)}",
                $"实际值 {p.Show(a)} 超过目标 {p.Show(t)}，满分 {Num.Show(w)} 外按每单位 {Num.Show(perUnit)} 分加分，最多加 {Num.Show(p.Cap - w)} 分",
                $"Actual {p.Show(a)} exceeds the target {p.Show(t)}: full marks {Num.Show(w)} plus {Num.Show(perUnit)} per unit over, at most {Num.Show(p.Cap - w)}",
                "Bonus");
        }

        if (a >= t)
        {
            return Done(p, r, w, $"{p.Show(a)} ≥ {p.Show(t)} → {Num.Show(w)}",
                a > t ? $"实际值 {p.Show(a)} 超过目标 {p.Show(t)}，按满分 {Num.Show(w)} 计（超额不加分）" : $"实际值 {p.Show(a)} 达到目标，得满分 {Num.Show(w)}",
                a > t ? $"Actual {p.Show(a)} exceeds the target {p.Show(t)}: full marks {Num.Show(w)}, capped" : $"Actual {p.Show(a)} meets the target: full marks {Num.Show(w)}",
                a > t ? "AboveTargetCapped" : "TargetMet");
        }

        if (t <= 0)
        {
            // a < t ≤ 0 is a miss, and w·a/t would be ≥ w: a non-positive target gives no proportion.
            return Done(p, r, 0m, $"{p.Show(a)} < {p.Show(t)} ≤ 0 → 0",
                $"实际值 {p.Show(a)} 未达目标 {p.Show(t)}；目标不是正数，不能按比例计分，不得分",
                $"Actual {p.Show(a)} is below the target {p.Show(t)}; a target that is not positive gives no proportion: no points",
                "BelowTarget");
        }

        if (a < 0)
        {
            // w·a/t would be negative (and can exceed decimal's range): the floor of 0, said as such.
            return Done(p, r, 0m, $"{p.Show(a)} < 0 → 0 (floor 0)",
                $"实际值 {p.Show(a)} 为负数，未达目标 {p.Show(t)}，按最低 0 分计",
                $"Actual {p.Show(a)} is negative, below the target {p.Show(t)}: floored at 0",
                "BelowTarget");
        }

        var s = w * a / t;
        return Done(p, r, s, $"{p.Show(a)} ÷ {p.Show(t)} × {Num.Show(w)} = {Num.Fixed(r.Round(s), r.Places)}",
            $"实际值 {p.Show(a)} 未达目标 {p.Show(t)}，按比例计分",
            $"Actual {p.Show(a)} is below the target {p.Show(t)}: scored in proportion",
            "BelowTarget");
    }

    public static NodeScore ReverseLinear(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal t = p.Target!.Value, a = p.Actual!.Value, w = p.Weight;
        if (a <= t) return WithinCost(p, r, a, t, w);
        if (t == 0 || a >= 2 * t)
        {
            return Done(p, r, 0m, $"{p.Show(a)} ≥ 2 × {p.Show(t)} → 0",
                $"实际值 {p.Show(a)} 达到或超过目标 {p.Show(t)} 的两倍，不得分",
                $"Actual {p.Show(a)} is at least twice the target {p.Show(t)}: no points",
                "OverTarget");
        }

        // w·(1 − (a − t)/t) as one division, w·(2t − a)/t: dividing twice rounds 3.525 to 3.5249… and then 3.52.
        var s = w * (2 * t - a) / t;
        return Done(p, r, s, $"{Num.Show(w)} × (1 − ({p.Show(a)} − {p.Show(t)}) ÷ {p.Show(t)}) = {Num.Fixed(r.Round(s), r.Places)}",
            $"实际值 {p.Show(a)} 超出目标 {p.Show(t)}，按超出比例扣分",
            $"Actual {p.Show(a)} is over the target {p.Show(t)}: points taken in proportion to the excess",
            "OverTarget");
    }

    public static NodeScore ReverseRatio(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal t = p.Target!.Value, a = p.Actual!.Value, w = p.Weight;
        if (a <= t) return WithinCost(p, r, a, t, w);
        if (t <= 0)
        {
            // t < a with t ≤ 0 is a miss, and w·t/a would be ≥ w (or negative): no ratio exists.
            return Done(p, r, 0m, $"{p.Show(a)} > {p.Show(t)}, {p.Show(t)} ≤ 0 → 0",
                $"实际值 {p.Show(a)} 超出目标 {p.Show(t)}；目标不是正数，不能按比值计分，不得分",
                $"Actual {p.Show(a)} is over the target {p.Show(t)}; a target that is not positive gives no ratio: no points",
                "OverTarget");
        }

        var s = w * t / a;
        return Done(p, r, s, $"{p.Show(t)} ÷ {p.Show(a)} × {Num.Show(w)} = {Num.Fixed(r.Round(s), r.Places)}",
            $"实际值 {p.Show(a)} 超出目标 {p.Show(t)}，按目标与实际之比计分",
            $"Actual {p.Show(a)} is over the target {p.Show(t)}: scored as target ÷ actual",
            "OverTarget");
    }

    public static NodeScore Equal(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal t = p.Target!.Value, a = p.Actual!.Value, w = p.Weight;
        if (a == t)
        {
            return Done(p, r, w, $"{p.Show(a)} = {p.Show(t)} → {Num.Show(w)}",
                $"实际值等于目标 {p.Show(t)}，得满分", $"Actual equals the target {p.Show(t)}: full marks", "TargetMet");
        }

        if (!p.Method.OtherwiseProportional || a <= 0 || t <= 0)
        {
            return Done(p, r, 0m, $"{p.Show(a)} ≠ {p.Show(t)} → 0",
                $"实际值 {p.Show(a)} 不等于目标 {p.Show(t)}，不得分", $"Actual {p.Show(a)} differs from the target {p.Show(t)}: no points", "NotEqual");
        }

        decimal lo = Math.Min(a, t), hi = Math.Max(a, t);
        var s = w * lo / hi;
        return Done(p, r, s, $"{Num.Show(lo)} ÷ {Num.Show(hi)} × {Num.Show(w)} = {Num.Fixed(r.Round(s), r.Places)}",
            $"实际值 {p.Show(a)} 不等于目标 {p.Show(t)}，按较小值与较大值之比计分",
            $"Actual {p.Show(a)} differs from the target {p.Show(t)}: scored as smaller ÷ larger", "NotEqual");
    }

    public static NodeScore PerPointDeduction(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal t = p.Target!.Value, a = p.Actual!.Value, w = p.Weight, k = p.Method.PointsPerUnit;
        if (a >= t)
        {
            return Done(p, r, w, $"{p.Show(a)} ≥ {p.Show(t)} → {Num.Show(w)}",
                $"实际值 {p.Show(a)} 达到目标 {p.Show(t)}，得满分", $"Actual {p.Show(a)} meets the target {p.Show(t)}: full marks", "TargetMet");
        }

        var shortBy = t - a;
        var raw = w - k * shortBy;
        return Done(p, r, raw, $"{Num.Show(w)} − {Num.Show(k)} × ({Num.Show(t)} − {Num.Show(a)}) = {Result(raw, r)}",
            $"实际值 {p.Show(a)} 低于目标 {p.Show(t)} {Num.Show(shortBy)} 个百分点，每个百分点扣 {Num.Show(k)} 分{FloorZh(raw)}",
            $"Actual {p.Show(a)} is {Num.Show(shortBy)} points below the target {p.Show(t)}: {Num.Show(k)} taken per point{FloorEn(raw)}",
            "DeductionPerPoint");
    }

    public static NodeScore Banded(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal a = p.Actual!.Value, w = p.Weight;
        foreach (var band in p.Method.Bands)
        {
            if (band.Contains(a))
            {
                var s = Math.Min(band.Points, w);
                return Done(p, r, s, $"{p.Show(a)} ∈ {Show(band, p)} → {Num.Show(band.Points)}",
                    $"实际值 {p.Show(a)} 落在 {Show(band, p)} 档，得 {Num.Show(band.Points)} 分",
                    $"Actual {p.Show(a)} falls in band {Show(band, p)}: {Num.Show(band.Points)} points",
                    s < w ? "LowerBand" : "TopBand");
            }
        }

        return Done(p, r, 0m, $"{p.Show(a)} ∉ any band → 0",
            $"实际值 {p.Show(a)} 不在任何计分档内，不得分", $"Actual {p.Show(a)} falls in no band: no points", "NoBand");
    }

    public static NodeScore PerIncident(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal n = p.Actual!.Value, w = p.Weight, k = p.Method.PointsPerUnit;
        var raw = w - k * n;
        return Done(p, r, raw, $"{Num.Show(w)} − {Num.Show(k)} × {Num.Show(n)} = {Result(raw, r)}",
            n == 0 ? "未出现扣分事项，得满分" : $"出现 {Num.Show(n)} 例，每例扣 {Num.Show(k)} 分，扣完为止",
            n == 0 ? "No incidents: full marks" : $"{Num.Show(n)} incidents at {Num.Show(k)} each, down to 0 at most",
            n == 0 ? "TargetMet" : "Incident");
    }

    public static NodeScore Checklist(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        var answers = p.Indicator.Checklist!.Value;
        var criteria = p.Method.Criteria;
        decimal s = 0;
        var terms = new List<string>(criteria.Length);
        var missed = new List<string>();
        for (var i = 0; i < criteria.Length; i++)
        {
            var got = answers[i] ? criteria[i].Points : 0m;
            s += got;
            terms.Add(Num.Show(got));
            if (!answers[i]) missed.Add(criteria[i].Text);
        }

        s = Math.Min(s, p.Weight);
        var reasons = missed.Count == 0 ? ImmutableArray.Create("AllCriteriaMet") : [.. missed.Select(_ => "CriterionNotMet")];
        return Make(p, r, s, $"{string.Join(" + ", terms)} = {Num.Fixed(r.Round(s), r.Places)}",
            missed.Count == 0 ? "各项标准均已满足" : "未满足：" + string.Join("；", missed),
            missed.Count == 0 ? "Every criterion is met" : $"{missed.Count} criteria not met: " + string.Join("; ", missed),
            reasons, computed: true);
    }

    public static NodeScore Qualitative(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        var tiers = p.Method.Tiers;
        decimal w = p.Weight;
        var (lo, hi, hiInclusive, dflt, zh, en) = p.Outcome!.Value switch
        {
            QualitativeOutcome.Achieved => (tiers.AchievedMin, 1m, true, tiers.AchievedDefault, "达成", "achieved"),
            QualitativeOutcome.PartlyAchieved => (tiers.PartlyMin, tiers.AchievedMin, false, tiers.PartlyDefault, "部分达成", "partly achieved"),
            _ => (0m, tiers.PartlyMin, false, tiers.NotAchievedDefault, "未达成", "not achieved"),
        };
        decimal min = w * lo, max = w * hi;
        var range = $"[{Num.Show(min)}, {Num.Show(max)}{(hiInclusive ? "]" : ")")}";
        if (p.SelfScore is { } self && self >= min && (hiInclusive ? self <= max : self < max))
        {
            return Done(p, r, self, $"{zh} → {range}; {Num.Show(self)}",
                $"“{Quote(p.Indicator.ActualText)}”属{zh}，得分区间 {range}，自评 {Num.Show(self)} 分在区间内",
                $"\"{Quote(p.Indicator.ActualText)}\" is {en}: range {range}; the evaluator's {Num.Show(self)} lies within it",
                "Tier" + Tier(p.Outcome.Value));
        }

        var s = w * dflt;
        var text = Quote(p.Indicator.ActualText);
        var assumedZh = p.OutcomeAssumed ? "（叙述性实际值，未写明完成程度，按方案规定视为" + zh + "）" : string.Empty;
        var assumedEn = p.OutcomeAssumed ? $" (a narrative actual that names no outcome, read as {en} by the scheme's rule)" : string.Empty;
        return Make(p, r, Math.Clamp(s, 0m, w), $"{zh} → {Num.Show(w)} × {Num.Show(dflt)} = {Num.Fixed(r.Round(s), r.Places)}",
            $"“{text}”属{zh}{assumedZh}，得分区间 {range}，按 {Num.Show(dflt * 100)}% 计",
            $"\"{text}\" is {en}{assumedEn}: range {range}, scored at {Num.Show(dflt * 100)}%",
            p.OutcomeAssumed ? ["Tier" + Tier(p.Outcome.Value), "OutcomeAssumed"] : ["Tier" + Tier(p.Outcome.Value)], computed: true);
    }

    public static NodeScore Assessed(LeafPlan p, RoundingPolicy r)
    {
        var self = p.SelfScore!.Value;
        var s = Math.Min(self, p.Cap);
        return Make(p, r, s, self > p.Cap ? $"min({Num.Show(self)}, {Num.Show(p.Cap)}) = {Num.Show(s)}" : $"{Num.Show(s)} / {Num.Show(p.Weight)}",
            self > p.Cap ? $"评议得分 {Num.Show(self)} 超过分值，按分值 {Num.Show(p.Cap)} 计" : $"评议得分 {Num.Show(s)}（分值 {Num.Show(p.Weight)}）",
            self > p.Cap ? $"The assessed score {Num.Show(self)} exceeds the weight: capped at {Num.Show(p.Cap)}" : $"Assessed by the evaluator: {Num.Show(s)} of {Num.Show(p.Weight)}",
            [self > p.Cap ? "Capped" : "Assessed"], computed: false);
    }

    public static NodeScore ExecutionRate(LeafPlan p, RoundingPolicy r)
    {
        if (p.Fallback is not null) return SelfScore(p, r);
        decimal w = p.Weight, rate = p.Actual!.Value;
        var basis = p.Budget is { } b ? $"{Num.Show(b.Executed)} ÷ {Num.Show(b.Planned)}" : $"{Num.Show(rate)}%";
        if (p.Method.FullMarksFrom is { } from && rate >= from)
        {
            return Done(p, r, w, $"{basis} = {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}% ≥ {Num.Show(from)}% → {Num.Show(w)}",
                $"预算执行率 {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}% 达到 {Num.Show(from)}%，得满分",
                $"Execution {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}% reaches {Num.Show(from)}%: full marks", "TargetMet");
        }

        if (rate > 100)
        {
            // Over-execution is capped; w·rate/100 would print an equation the score does not equal.
            return Done(p, r, w, $"{basis} = {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}% > 100% → {Num.Show(w)}",
                "预算全部执行，得满分", "The budget is fully executed: full marks", "TargetMet");
        }

        // One division: w·executed/planned, not (executed/planned·100)·w/100, which rounds 2.265 to 2.26.
        var s = p.Budget is { } budget ? w * budget.Executed / budget.Planned : w * rate / 100m;
        var expr = p.Budget is not null ? $"{basis} × {Num.Show(w)}" : $"{Num.Show(rate)}% × {Num.Show(w)}";
        return Done(p, r, s, $"{expr} = {Num.Fixed(r.Round(s), r.Places)}",
            rate >= 100 ? "预算全部执行，得满分" : $"预算执行率 {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}%，按执行数/预算数 × 分值计分",
            rate >= 100 ? "The budget is fully executed: full marks" : $"Execution {Num.Fixed(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 2)}%: executed ÷ planned × weight",
            rate >= 100 ? "TargetMet" : "BelowTarget");
    }

    /// <summary>The leaf's rule cannot compute it; the evaluator's score counts, capped at the weight.</summary>
    public static NodeScore SelfScore(LeafPlan p, RoundingPolicy r)
    {
        var self = p.SelfScore!.Value;
        var s = Math.Min(self, p.Cap);
        var (zh, en) = p.Fallback!.Value;
        return Make(p, r, s, $"{Num.Show(s)} / {Num.Show(p.Weight)}",
            $"{zh}，采用自评得分 {Num.Show(s)}", $"{char.ToUpperInvariant(en[0])}{en[1..]}; the self-assessed {Num.Show(s)} is used",
            ["SelfScoreUsed"], computed: false);
    }

    public static NodeScore NotApplicable(LeafPlan p, NotApplicablePolicy policy, RoundingPolicy r) =>
        policy == NotApplicablePolicy.FullMarks
            ? Make(p, r, p.Weight, $"不适用 → {Num.Show(p.Weight)}", "不适用，按满分计", "Not applicable: full marks", ["NotApplicable"], computed: true)
            : Make(p, r, 0m, "不适用 → —", "不适用，不参与计分，其余指标按百分制折算", "Not applicable: dropped, the rest rescaled to 100", ["NotApplicable"], computed: true, applicable: false);

    private static NodeScore WithinCost(LeafPlan p, RoundingPolicy r, decimal a, decimal t, decimal w) =>
        Done(p, r, w, $"{p.Show(a)} ≤ {p.Show(t)} → {Num.Show(w)}",
            $"实际值 {p.Show(a)} 未超过目标 {p.Show(t)}，得满分", $"Actual {p.Show(a)} is within the target {p.Show(t)}: full marks", "TargetMet");

    private static string Tier(QualitativeOutcome o) => o.ToString();

    /// <summary>The right-hand side of a deduction: the score, or the negative result and the floor it stops at.</summary>
    private static string Result(decimal raw, RoundingPolicy r) =>
        raw < 0 ? $"{Num.Show(raw)} → {Num.Fixed(0m, r.Places)} (floor 0)" : Num.Fixed(r.Round(raw), r.Places);

    private static string FloorZh(decimal raw) => raw < 0 ? "，扣至 0 分为止" : string.Empty;

    private static string FloorEn(decimal raw) => raw < 0 ? ", floored at 0" : string.Empty;

    /// <summary>Long narrative actuals are cut in explanations; the evaluation keeps the whole text.</summary>
    private static string? Quote(string? text) => text is { Length: > 40 } ? string.Concat(text.AsSpan(0, 39), "…") : text;

    private static string Show(ScoreBand b, LeafPlan p) =>
        (b.Min is { } lo ? (b.MinInclusive ? "[" : "(") + p.Show(lo) : "(−∞") + ", " + (b.Max is { } hi ? p.Show(hi) + (b.MaxInclusive ? "]" : ")") : "+∞)");

    private static NodeScore Done(LeafPlan p, RoundingPolicy r, decimal score, string arithmetic, string zh, string en, string reason) =>
        Make(p, r, Math.Clamp(score, 0m, p.Cap), arithmetic, zh, en, [reason], computed: true);

    private static NodeScore Make(LeafPlan p, RoundingPolicy r, decimal score, string arithmetic, string zh, string en, ImmutableArray<string> reasons, bool computed, bool applicable = true)
    {
        // Rounding must not carry a full score past its weight (2.5 → 3 at whole points).
        var final = r.Scope == RoundingScope.TotalOnly ? score : Math.Min(r.Round(score), p.Cap);
        return new NodeScore(p.Index, p.ParentIndex, p.Path, p.Weight, applicable ? p.Weight : 0m, final,
            new Explanation(p.Kind, arithmetic, zh, en, reasons), computed, p);
    }
}
