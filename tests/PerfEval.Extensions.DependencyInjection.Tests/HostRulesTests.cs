using Microsoft.Extensions.DependencyInjection;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Extensions.DependencyInjection.Tests;

/// <summary>
/// Host rules (issue 7): added through <c>AddPerfEval(o =&gt; o.Rules…)</c>, they add findings and deductions.
/// The rule they use, <see cref="LowExecutionDeduction"/>, is in DocSamplesTests.cs, which docs/rules-engine.md quotes.
/// </summary>
public sealed class HostRulesTests
{
    private static IGrader Grader(Action<PerfEvalOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddPerfEval(configure);
        return services.BuildServiceProvider().GetRequiredService<IGrader>();
    }

    private static ProjectEvaluation Hainan() => EvaluationFile.Load(Repo.Example("seed-hainan-baoting-2021.json"));

    [Fact]
    public void A_host_rule_adds_a_finding_and_a_deduction_to_the_hainan_seed()
    {
        // The seed executes 118.68 of 122.22 万元 = 97.10% < 98%, so the rule fires:
        // the seed's total 99.03 (SeedGoldenTests) − 1 = 98.03, still 优 (≥ 90).
        var r = Grader(o => o.Rules.From(typeof(LowExecutionDeduction))).Grade(Hainan());
        Assert.Equal(98.03m, r.Total);
        Assert.Equal("优", r.Grade.Name);
        Assert.EndsWith("; 预算执行率低于98% −1 → 98.03", r.TotalExplanation.Arithmetic, StringComparison.Ordinal);
        var mine = Assert.Single(r.Findings, f => f.Code == "LowExecution");
        Assert.Equal(("预算执行率", Severity.Warning), (mine.Path, mine.Severity));
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.PolicyApplied && f.MessageZh == "规则“预算执行率低于98%”：扣 1 分");
    }

    [Fact]
    public void Rules_from_an_assembly_find_the_rule_class()
    {
        var r = Grader(o => o.Rules.From(typeof(LowExecutionDeduction).Assembly)).Grade(Hainan());
        Assert.Equal(98.03m, r.Total);
    }

    [Fact]
    public void A_rule_for_one_scheme_leaves_the_others_alone()
    {
        var grader = Grader(o => o.Rules.ForScheme("hunan-2020", typeof(LowExecutionDeduction)));
        Assert.Equal(99.03m, grader.Grade(Hainan()).Total);
    }

    [Fact]
    public void Without_host_rules_the_seed_grades_as_before()
    {
        var r = Grader(_ => { }).Grade(Hainan());
        Assert.Equal(99.03m, r.Total);
        Assert.DoesNotContain(r.Findings, f => f.Code == "LowExecution");
    }

    [Fact]
    public void A_host_rule_follows_live_changes()
    {
        using var live = Grader(o => o.Rules.From(typeof(LowExecutionDeduction))).Open(Hainan());
        Assert.Contains(live.Result.Findings, f => f.Code == "LowExecution");
        live.SetSelfScore("预算执行率", 9m);
        Assert.Equal(98.03m, live.Result.Total);
    }

    [Fact]
    public void A_type_that_is_not_a_rule_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new HostRules().From(typeof(string)));
        Assert.Contains("System.String", e.Message, StringComparison.Ordinal);
    }
}
