using NRules;
using NRules.Diagnostics;
using NRules.RuleModel;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Grading;

/// <summary>
/// Turns what the rules engine throws into PerfEval's documented <see cref="GradingException"/>. The engine's
/// exceptions do not say which facts a failing condition was matching, so the factory's failure events
/// (raised on the thread that fires, just before the engine throws) note the rule and the indicator.
/// </summary>
internal static class Engine
{
    [ThreadStatic]
    private static (string? Rule, string? Path)? t_failure;

    /// <summary>Listens to a newly compiled factory's failure events.</summary>
    public static ISessionFactory Watch(ISessionFactory factory)
    {
        factory.Events.LhsExpressionFailedEvent += (_, e) => t_failure = (e.Rules.FirstOrDefault()?.Name, PathOf(e.Facts.Select(f => f.Value)));
        factory.Events.RhsExpressionFailedEvent += (_, e) => t_failure = (e.Match.Rule.Name, PathOf(e.Match.Facts.Select(f => f.Value)));
        factory.Events.AgendaExpressionFailedEvent += (_, e) => t_failure = (e.Match.Rule.Name, PathOf(e.Match.Facts.Select(f => f.Value)));
        return factory;
    }

    /// <summary>Runs engine work; an engine failure becomes a <see cref="GradingException"/>.</summary>
    public static void Run(ProjectEvaluation evaluation, Action work)
    {
        t_failure = null;
        try
        {
            work();
        }
        catch (RuleExecutionException e)
        {
            throw Failed(evaluation, e);
        }
    }

    private static GradingException Failed(ProjectEvaluation evaluation, RuleExecutionException e)
    {
        var noted = t_failure;
        t_failure = null;
        var rule = e switch
        {
            RuleRhsExpressionEvaluationException r => r.RuleName,
            AgendaExpressionEvaluationException a => a.RuleName,
            _ => null,
        } ?? noted?.Rule;
        var path = noted?.Path;
        var cause = e.InnerException ?? e;
        var what = Values.Echo.Quote(cause.Message);
        var name = rule ?? "?";
        var where = e is RuleLhsExpressionEvaluationException ? ("条件", "condition") : e is AgendaExpressionEvaluationException ? ("议程条件", "agenda filter") : ("动作", "action");
        return new GradingException(evaluation.File, [new Problem("RuleFailed", path,
            $"规则“{Values.Echo.Quote(name)}”的{where.Item1}出错（{cause.GetType().Name}：{what}），项目“{Values.Echo.Quote(evaluation.Id)}”未评分",
            $"The rule {Values.Echo.Quote(name)} failed in its {where.Item2} ({cause.GetType().Name}: {what}); the project {Values.Echo.Quote(evaluation.Id)} was not graded",
            rule)], rule, e);
    }

    private static string? PathOf(IEnumerable<object?> facts)
    {
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case LeafPlan l: return l.Indicator.Path;
                case BranchFact b: return b.Indicator.Path;
                case NodeScore s: return s.Path;
                case Indicator i: return i.Path;
            }
        }

        return null;
    }
}
