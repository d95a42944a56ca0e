using System.Text;
using RuleLhsExpressionEvaluationException = NRules.RuleLhsExpressionEvaluationException;
using RuleRhsExpressionEvaluationException = NRules.RuleRhsExpressionEvaluationException;
using NRules.Fluent.Dsl;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Tests.Grading;

/// <summary>
/// Issue 12 §2: a rule that throws is a documented <see cref="GradingException"/> naming the rule, from every entry
/// point (Grade, Open, LiveGrading's Set… calls, a batch record), never NRules' own exception type.
/// </summary>
public sealed class FailingHostRulesTests
{
    private const string Hunan = "seed-hunan-zhijiang-2020";

    /// <summary>Its action throws for the Hunan seed.</summary>
    internal sealed class ThrowingAction : Rule
    {
        public override void Define()
        {
            ProjectEvaluation evaluation = default!;
            When().Match(() => evaluation, e => e.Id == Hunan);
            Then().Do(_ => Throw());
        }

        private static void Throw() => throw new InvalidOperationException("host rule broke");
    }

    /// <summary>Its condition throws once a leaf's actual reads "boom".</summary>
    internal sealed class ThrowingCondition : Rule
    {
        public override void Define()
        {
            ProjectEvaluation evaluation = default!;
            When().Match(() => evaluation, e => Check(e));
            Then().Do(_ => Nothing());
        }

        private static bool Check(ProjectEvaluation e) =>
            e.Walk().Any(i => i.ActualText == "boom") ? throw new FormatException("cannot read boom") : false;

        private static void Nothing()
        {
        }
    }

    private static ProjectEvaluation Seed() => EvaluationFile.Load(Repo.Example(Hunan + ".json"));

    private static Grader With<T>() => new(PerfEval.Schemes.SchemeCatalog.Default, new HostRules().From(typeof(T)));

    [Fact]
    public void A_host_rule_whose_action_throws_makes_Grade_throw_a_GradingException_naming_the_rule()
    {
        var e = Assert.Throws<GradingException>(() => With<ThrowingAction>().Grade(Seed()));
        Assert.Equal(typeof(ThrowingAction).FullName, e.RuleName);
        Assert.IsType<RuleRhsExpressionEvaluationException>(e.InnerException);
        Assert.IsType<InvalidOperationException>(e.InnerException!.InnerException);
        var p = Assert.Single(e.Problems);
        Assert.Equal("RuleFailed", p.Code);
        Assert.Equal(typeof(ThrowingAction).FullName, p.Text);
        Assert.Contains("host rule broke", p.MessageEn, StringComparison.Ordinal);
        Assert.Contains(Hunan, p.MessageZh, StringComparison.Ordinal);
        Assert.EndsWith(Hunan + ".json", e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_rule_whose_condition_throws_makes_Open_throw_a_GradingException_naming_the_rule()
    {
        var leaf = Seed().Walk().First(i => i.IsLeaf);
        using var live = With<ThrowingCondition>().Open(Seed());
        live.SetActual(leaf.Path, "boom2");
        var before = live.Result.Total;

        var e = Assert.Throws<GradingException>(() => live.SetActual(leaf.Path, "boom"));
        Assert.Equal(typeof(ThrowingCondition).FullName, e.RuleName);
        Assert.IsType<RuleLhsExpressionEvaluationException>(e.InnerException);
        Assert.Contains("cannot read boom", e.Message, StringComparison.Ordinal);
        // Left as it was before the change.
        Assert.Equal("boom2", live.Evaluation.Walk().First(i => i.Path == leaf.Path).ActualText);
        Assert.Equal(before, live.Result.Total);
        Assert.Equal(before, With<ThrowingCondition>().Grade(live.Evaluation).Total);
    }

    [Fact]
    public void A_host_rule_that_throws_on_the_first_grading_makes_Open_throw_a_GradingException()
    {
        var e = Assert.Throws<GradingException>(() => With<ThrowingAction>().Open(Seed()));
        Assert.Equal(typeof(ThrowingAction).FullName, e.RuleName);
    }

    [Fact]
    public void In_a_batch_a_host_rule_that_throws_is_that_records_error_record_and_the_batch_goes_on()
    {
        var hunan = File.ReadAllText(Repo.Example(Hunan + ".json")).ReplaceLineEndings(" ");
        var other = File.ReadAllText(Repo.Example("seed-hebei-changan-2019.json")).ReplaceLineEndings(" ");
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", other, hunan)));

        var records = With<ThrowingAction>().GradeAll(input, new BatchOptions { MaxDegreeOfParallelism = 1 }, "b.jsonl").ToList();

        Assert.Equal([false, true], records.Select(r => r.IsError));
        var e = Assert.IsType<GradingException>(records[1].Error);
        Assert.Equal(("RuleFailed", 2L), (e.Problems[0].Code, e.Problems[0].Line!.Value));
        Assert.Equal("b.jsonl", e.File);
        Assert.Equal(typeof(ThrowingAction).FullName, e.RuleName);
        Assert.Contains("\"code\":\"RuleFailed\"", ResultFile.ToJsonLine(records[1]), StringComparison.Ordinal);
    }

    /// <summary>Matches PerfEval's own (internal) leaf facts, as a scoring rule does, and fails on one leaf.</summary>
    internal sealed class ThrowingOnALeaf : Rule
    {
        public override void Define()
        {
            PerfEval.Scoring.LeafPlan leaf = default!;
            When().Match(() => leaf, l => Check(l));
            Then().Do(_ => Nothing());
        }

        private static bool Check(PerfEval.Scoring.LeafPlan l) =>
            l.Indicator.Path == "效果/项目效益/公众满意度" ? throw new OverflowException("too big") : false;

        private static void Nothing()
        {
        }
    }

    [Fact]
    public void A_rule_that_fails_on_one_indicator_names_its_path()
    {
        var e = Assert.Throws<GradingException>(() => With<ThrowingOnALeaf>().Grade(Seed()));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("RuleFailed", "效果/项目效益/公众满意度"), (p.Code, p.IndicatorPath));
        Assert.Equal(typeof(ThrowingOnALeaf).FullName, e.RuleName);
        Assert.Contains("效果/项目效益/公众满意度", e.Message, StringComparison.Ordinal);
        Assert.Contains("OverflowException: too big", p.MessageEn, StringComparison.Ordinal);
    }
}
