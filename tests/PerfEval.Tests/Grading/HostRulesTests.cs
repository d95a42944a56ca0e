using NRules.Fluent.Dsl;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Tests.Grading;

/// <summary>Host rules on the grader itself: what NRules' loader would skip, and records that are equal.</summary>
public sealed class HostRulesTests
{
    // Internal and nested: NRules' type scanner skips such classes unless told not to; a host that names one means it.
    // Two rules of one shape, so they say exactly the same.
    internal abstract class SameDeduction : Rule
    {
        public override void Define()
        {
            ProjectEvaluation evaluation = default!;
            When().Match(() => evaluation, e => e.Id == "seed-hunan-zhijiang-2020");
            Then()
                .Yield(_ => new ScoreAdjustment("重复扣分", -1m))
                .Yield(_ => new Finding("HostNote", Severity.Info, null, "主管部门备注", "A note from the department"));
        }
    }

    internal sealed class TwiceTheSameDeduction : SameDeduction;

    internal sealed class TheSameAgain : SameDeduction;

    [Fact]
    public void Internal_nested_rule_classes_run_and_equal_adjustments_and_findings_each_count()
    {
        // Two rules yield equal records: each is its own fact, so both deductions apply.
        // Hunan's total is 18 + 30 + 19.6 + 29 = 96.6 (DOMAIN.md); 96.6 − 1 − 1 = 94.6, still 优秀 (≥ 90).
        var grader = new Grader(PerfEval.Schemes.SchemeCatalog.Default, new HostRules().From(typeof(TwiceTheSameDeduction), typeof(TheSameAgain)));
        var r = grader.Grade(EvaluationFile.Load(Repo.Example("seed-hunan-zhijiang-2020.json")));
        Assert.Equal(94.6m, r.Total);
        Assert.Equal(2, r.Findings.Count(f => f.Code == "HostNote"));
    }
}
