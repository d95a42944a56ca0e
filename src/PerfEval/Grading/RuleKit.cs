using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace PerfEval.Grading;

/// <summary>
/// Terse construction of NRules rule-model definitions from C# lambdas. A lambda's parameter names
/// are the declarations it binds to, which is NRules' rule-model contract; the C# compiler writes the trees.
/// </summary>
internal static class RuleKit
{
    public static Declaration Fact<T>(string name) => Element.Declaration(typeof(T), name);

    public static PatternElement Match(Declaration d, params LambdaExpression[] conditions) =>
        Element.Pattern(d, conditions.Select(Element.Condition), null);

    /// <summary>
    /// A Collect aggregate of <paramref name="each"/> into <paramref name="into"/> (declared as
    /// <see cref="IEnumerable{T}"/>, NRules' collection type), with conditions on the collection.
    /// </summary>
    public static PatternElement Collect(Declaration into, Declaration each, LambdaExpression[] conditions, params LambdaExpression[] having) =>
        Element.Pattern(into, having.Select(Element.Condition), Element.Collect(into.Type, Element.Pattern(each, conditions.Select(Element.Condition), null)));

    public static LambdaExpression When<T>(Expression<Func<T, bool>> e) => e;

    public static LambdaExpression When<T1, T2>(Expression<Func<T1, T2, bool>> e) => e;

    public static LambdaExpression When<T1, T2, T3>(Expression<Func<T1, T2, T3, bool>> e) => e;

    public static LambdaExpression Then<T>(Expression<Action<IContext, T>> e) => e;

    public static LambdaExpression Then<T1, T2>(Expression<Action<IContext, T1, T2>> e) => e;

    public static LambdaExpression Then<T1, T2, T3>(Expression<Action<IContext, T1, T2, T3>> e) => e;

    public static LambdaExpression Then<T1, T2, T3, T4>(Expression<Action<IContext, T1, T2, T3, T4>> e) => e;

    public static IRuleDefinition Rule(string name, string tag, int priority, LambdaExpression action, params RuleElement[] lhs) =>
        Rule(name, tag, priority, [], action, lhs);

    public static IRuleDefinition Rule(string name, string tag, int priority, IEnumerable<RuleProperty> properties, LambdaExpression action, params RuleElement[] lhs) =>
        Rule(name, tag, priority, properties, [Element.Action(action)], lhs);

    public static IRuleDefinition Rule(string name, string tag, int priority, ActionElement[] actions, params RuleElement[] lhs) =>
        Rule(name, tag, priority, [], actions, lhs);

    public static IRuleDefinition Rule(string name, string tag, int priority, IEnumerable<RuleProperty> properties, ActionElement[] actions, params RuleElement[] lhs) =>
        Element.RuleDefinition(name, string.Empty, priority, RuleRepeatability.Repeatable, [tag], properties,
            Element.DependencyGroup(), Element.AndGroup(lhs), Element.FilterGroup(), Element.ActionGroup(actions));

    /// <summary>
    /// Inserts a fact linked to the firing activation, or replaces the one it inserted before, so a
    /// derived fact follows its cause through updates and retractions (as NRules' fluent Yield does).
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
