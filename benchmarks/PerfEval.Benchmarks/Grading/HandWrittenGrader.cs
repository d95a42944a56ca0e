using System.Collections.Immutable;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// The baseline: the same scheme graded by plain C#, no engine. Same planning (<see cref="Planner"/>), same
/// arithmetic (<see cref="LeafScorer"/>, <see cref="RollUp"/>, <see cref="Policies"/>), same result type.
/// It does not run the audit rules or the scheme's policy rules (the seed triggers none of the latter;
/// the totals and grades are checked equal to the engine's in the benchmark's setup).
/// </summary>
internal static class HandWrittenGrader
{
    public static GradingResult Grade(ProjectEvaluation evaluation, Scheme scheme)
    {
        var (facts, notes) = Planner.Plan(scheme, evaluation);
        var n = evaluation.IndicatorCount;
        var scores = new NodeScore[n];
        var branches = new BranchFact?[n];
        var children = new List<int>[n];
        ProjectFact? project = null;
        var bands = new List<GradeBandFact>();
        var roots = new List<NodeScore>();
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case LeafPlan leaf:
                    scores[leaf.Index] = Score(leaf, scheme);
                    if (leaf.ParentIndex >= 0) (children[leaf.ParentIndex] ??= new List<int>()).Add(leaf.Index);
                    break;
                case BranchFact branch:
                    branches[branch.Index] = branch;
                    if (branch.ParentIndex >= 0) (children[branch.ParentIndex] ??= new List<int>()).Add(branch.Index);
                    break;
                case ProjectFact p:
                    project = p;
                    break;
                case GradeBandFact band:
                    bands.Add(band);
                    break;
            }
        }

        // Children come after their parent in tree order, so a reverse walk sums bottom-up.
        for (var i = n - 1; i >= 0; i--)
        {
            if (branches[i] is not { } branch) continue;
            var kids = children[i];
            var childScores = new NodeScore[kids.Count];
            for (var k = 0; k < kids.Count; k++) childScores[k] = scores[kids[k]];
            scores[i] = RollUp.Branch(branch, childScores, scheme);
        }

        foreach (var s in scores)
        {
            if (s.ParentIndex == -1) roots.Add(s);
        }

        var total = RollUp.Total(project!, roots);
        var final = Policies.Adjust(total, Array.Empty<Adjustment>());
        GradeBandFact? earned = null;
        foreach (var band in bands)
        {
            if (final.Total >= band.Band.Min && (band.UpperBound == null || final.Total < band.UpperBound))
            {
                earned = band;
                break;
            }
        }

        var grade = Policies.Decide(new BandGrade(earned!, final.Total), Array.Empty<GradeVerdict>());
        var indicators = ImmutableArray.CreateBuilder<IndicatorResult>(n);
        var index = 0;
        foreach (var node in evaluation.Walk())
        {
            var s = scores[index++];
            indicators.Add(new IndicatorResult(node.Path, node.Name, node.Level, s.Weight, node.Weight is null, s.Score, node.SelfScore,
                node.IsLeaf, node.IsNotApplicable || (s.ApplicableWeight == 0 && s.Weight > 0), s.Explanation));
        }

        var findings = notes
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.MessageEn, StringComparer.Ordinal)
            .ToImmutableArray();
        return new GradingResult(evaluation, scheme, final.Total, total.Explanation, grade.Band, indicators.MoveToImmutable(), findings);
    }

    private static NodeScore Score(LeafPlan leaf, Scheme scheme)
    {
        var r = scheme.Rounding;
        if (leaf.IsNotApplicable) return LeafScorer.NotApplicable(leaf, scheme.NotApplicable, r);
        return leaf.Kind switch
        {
            MethodKind.Proportional => LeafScorer.Proportional(leaf, r),
            MethodKind.ReverseLinear => LeafScorer.ReverseLinear(leaf, r),
            MethodKind.ReverseRatio => LeafScorer.ReverseRatio(leaf, r),
            MethodKind.Equal => LeafScorer.Equal(leaf, r),
            MethodKind.PerPointDeduction => LeafScorer.PerPointDeduction(leaf, r),
            MethodKind.Banded => LeafScorer.Banded(leaf, r),
            MethodKind.PerIncident => LeafScorer.PerIncident(leaf, r),
            MethodKind.Checklist => LeafScorer.Checklist(leaf, r),
            MethodKind.Qualitative => LeafScorer.Qualitative(leaf, r),
            MethodKind.Assessed => LeafScorer.Assessed(leaf, r),
            MethodKind.ExecutionRate => LeafScorer.ExecutionRate(leaf, r),
            _ => throw new InvalidOperationException("unknown method " + leaf.Kind.ToString()),
        };
    }
}
