using System.Linq.Expressions;
using PerfEval.Rules;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Grading;

/// <summary>
/// Terse construction of rule-model elements from C# lambdas. A lambda's parameter names are the
/// declarations it binds to, which is the rule model's contract; the C# compiler writes the trees.
/// </summary>
internal static class RuleKit
{
    public static Declaration Fact<T>(string name) => Element.Declaration(typeof(T), name);

    public static PatternElement Match(Declaration d, params LambdaExpression[] conditions) =>
        Element.Pattern(d, conditions.Select(Element.Condition));

    public static PatternElement Collect(Declaration into, Declaration each, params LambdaExpression[] conditions) =>
        Element.Pattern(into, null, Element.Aggregate(AggregateKind.Collect, null, Element.Pattern(each, conditions.Select(Element.Condition))));

    public static LambdaExpression When<T>(Expression<Func<T, bool>> e) => e;

    public static LambdaExpression When<T1, T2>(Expression<Func<T1, T2, bool>> e) => e;

    public static LambdaExpression When<T1, T2, T3>(Expression<Func<T1, T2, T3, bool>> e) => e;

    public static LambdaExpression Then<T>(Expression<Action<IContext, T>> e) => e;

    public static LambdaExpression Then<T1, T2>(Expression<Action<IContext, T1, T2>> e) => e;

    public static LambdaExpression Then<T1, T2, T3>(Expression<Action<IContext, T1, T2, T3>> e) => e;

    public static LambdaExpression Then<T1, T2, T3, T4>(Expression<Action<IContext, T1, T2, T3, T4>> e) => e;

    public static RuleDefinition Rule(string name, string tag, int priority, LambdaExpression action, params RuleElement[] lhs) =>
        new RuleBuilder().Name(name).Tag(tag).Priority(priority).LeftHandSide(Element.And(lhs)).Action(action).Build();

    /// <summary>
    /// Inserts a fact linked to the firing activation, or replaces the one it inserted before, so a
    /// derived fact follows its cause through updates and retractions (NRules' Yield).
    /// </summary>
    public static void Yield(IContext ctx, object fact)
    {
        if (ctx.GetLinked(YieldKey) is null)
        {
            ctx.InsertLinked(YieldKey, fact);
        }
        else
        {
            ctx.UpdateLinked(YieldKey, fact);
        }
    }

    /// <summary>Yields nothing when there is nothing to say, retracting what was said before.</summary>
    public static void YieldIf(IContext ctx, object? fact)
    {
        if (fact is not null)
        {
            Yield(ctx, fact);
        }
        else if (ctx.GetLinked(YieldKey) is { } old)
        {
            ctx.RetractLinked(YieldKey, old);
        }
    }

    private static readonly object YieldKey = "yield";
}
