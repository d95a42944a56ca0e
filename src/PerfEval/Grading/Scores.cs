using NRules.RuleModel;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Grading;

/// <summary>
/// How scoring and roll-up rules put node scores into the session: each score is a fact linked to
/// the activation that computed it (keyed by tree index) and counted in its parent's tally. A score
/// equal to the one before is not passed on, so a live change stops where it stops mattering.
/// </summary>
internal static class Scores
{
    /// <summary>Scores a batch of leaves and passes on what is new or changed; leaves gone from the batch are withdrawn.</summary>
    public static void Publish(IContext ctx, IEnumerable<LeafPlan> leaves, Func<LeafPlan, RoundingPolicy, NodeScore> score)
    {
        var inserts = new List<KeyValuePair<object, object>>();
        var updates = new List<KeyValuePair<object, object>>();
        var tallies = new HashSet<Tally>(ReferenceEqualityComparer.Instance);
        var current = new HashSet<int>();
        foreach (var leaf in leaves)
        {
            current.Add(leaf.Index);
            object key = leaf.Index;
            var old = (NodeScore?)ctx.GetLinked(key);

            // A score is a function of its plan alone: an unchanged plan keeps its score unscored.
            if (old is not null && ReferenceEquals(old.Leaf, leaf)) continue;
            var next = score(leaf, leaf.Scheme.Rounding);
            if (old is null)
            {
                inserts.Add(new(key, next));
            }
            else
            {
                // A re-planned leaf is passed on even when its score stays: the audit reads its plan.
                updates.Add(new(key, next));
            }

            Count(next, tallies);
        }

        var gone = ctx.GetLinkedKeys().Where(k => !current.Contains((int)k)).ToArray();
        if (gone.Length > 0)
        {
            var retracts = gone.Select(k => new KeyValuePair<object, object>(k, ctx.GetLinked(k)!)).ToArray();
            foreach (var (_, fact) in retracts) Uncount((NodeScore)fact, tallies);
            ctx.RetractAllLinked(retracts);
        }

        if (inserts.Count > 0) ctx.InsertAllLinked(inserts);
        if (updates.Count > 0) ctx.UpdateAllLinked(updates);
        if (tallies.Count > 0) ctx.UpdateAll(tallies);
    }

    /// <summary>Passes on one branch's sum, unless it equals the sum before.</summary>
    public static void Publish(IContext ctx, NodeScore next)
    {
        object key = next.Index;
        var old = (NodeScore?)ctx.GetLinked(key);
        if (old is not null && Same(old, next)) return;
        if (old is null) ctx.InsertLinked(key, next);
        else ctx.UpdateLinked(key, next);
        var tallies = new HashSet<Tally>(ReferenceEqualityComparer.Instance);
        Count(next, tallies);
        if (tallies.Count > 0) ctx.UpdateAll(tallies);
    }

    /// <summary>
    /// When an activation goes (its facts no longer match), NRules retracts what it linked; its
    /// scores must also leave their parents' tallies, unless a newer score has taken the slot.
    /// </summary>
    public static void Withdraw(IContext ctx)
    {
        var tallies = new HashSet<Tally>(ReferenceEqualityComparer.Instance);
        foreach (var key in ctx.GetLinkedKeys())
        {
            if (ctx.GetLinked(key) is NodeScore s) Uncount(s, tallies);
        }

        if (tallies.Count > 0) ctx.UpdateAll(tallies);
    }

    private static void Count(NodeScore score, HashSet<Tally> touched)
    {
        if (score.Up is not var (tally, slot)) return;
        tally.Set(slot, score);
        touched.Add(tally);
    }

    private static void Uncount(NodeScore score, HashSet<Tally> touched)
    {
        if (score.Up is var (tally, slot) && tally.Clear(slot, score)) touched.Add(tally);
    }

    /// <summary>Whether two scores of one node say the same: same points, weights and explanation.</summary>
    private static bool Same(NodeScore a, NodeScore b) =>
        a.Score == b.Score && a.Weight == b.Weight && a.ApplicableWeight == b.ApplicableWeight && a.Computed == b.Computed
        && string.Equals(a.Explanation.Arithmetic, b.Explanation.Arithmetic, StringComparison.Ordinal)
        && string.Equals(a.Explanation.Zh, b.Explanation.Zh, StringComparison.Ordinal)
        && string.Equals(a.Explanation.En, b.Explanation.En, StringComparison.Ordinal)
        && a.Explanation.Method == b.Explanation.Method
        && a.Explanation.Reasons.SequenceEqual(b.Explanation.Reasons);
}
