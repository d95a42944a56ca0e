using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Builds a rule's right-hand side (its actions) inside <see cref="Rule.Define"/>. Actions run in
/// the order they are added; they read aliases of the left-hand side and dependencies.
/// </summary>
/// <remarks>Not thread-safe: used by one thread while the rule is being defined.</remarks>
public interface IRightHandSideExpression
{
    /// <summary>An action that runs when the rule fires (for a new match, and again for an updated one if the rule is repeatable).</summary>
    /// <param name="action">The action, such as <c>ctx =&gt; ctx.Insert(new Invoice(order))</c>.</param>
    /// <returns>This builder.</returns>
    IRightHandSideExpression Do(Expression<Action<IContext>> action);

    /// <summary>An action that runs on the given triggers.</summary>
    /// <param name="action">The action.</param>
    /// <param name="trigger">When it runs; for example <see cref="ActionTrigger.Deactivated"/> to undo something when the match goes away.</param>
    /// <returns>This builder.</returns>
    IRightHandSideExpression Action(Expression<Action<IContext>> action, ActionTrigger trigger);

    /// <summary>
    /// Inserts a fact linked to the match when the rule first fires, and replaces it with a newly
    /// made one (<see cref="IContext.UpdateLinked(object, object)"/>) when it fires again for an
    /// updated match. The linked fact is retracted when the match goes away.
    /// </summary>
    /// <typeparam name="TFact">The type of fact yielded.</typeparam>
    /// <param name="yield">Makes the fact, such as <c>ctx =&gt; new Summary(customer, total)</c>.</param>
    /// <returns>This builder.</returns>
    IRightHandSideExpression Yield<TFact>(Expression<Func<IContext, TFact>> yield)
        where TFact : notnull;

    /// <summary>
    /// Like <see cref="Yield{TFact}(Expression{Func{IContext, TFact}})"/>, but on a repeated firing the
    /// replacement is made from the previously yielded fact by <paramref name="yieldUpdate"/>.
    /// </summary>
    /// <typeparam name="TFact">The type of fact yielded.</typeparam>
    /// <param name="yieldInsert">Makes the fact on the first firing.</param>
    /// <param name="yieldUpdate">Makes the replacement from the previous fact on later firings.</param>
    /// <returns>This builder.</returns>
    IRightHandSideExpression Yield<TFact>(Expression<Func<IContext, TFact>> yieldInsert, Expression<Func<IContext, TFact, TFact>> yieldUpdate)
        where TFact : notnull;
}
