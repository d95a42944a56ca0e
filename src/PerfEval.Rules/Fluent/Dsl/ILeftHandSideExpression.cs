using System.Linq.Expressions;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Builds a rule's left-hand side (its conditions) inside <see cref="Rule.Define"/>.
/// </summary>
/// <remarks>
/// <para>
/// An alias is a local variable of <see cref="Rule.Define"/> (or a field of the rule), named by a
/// lambda such as <c>() =&gt; order</c>. Conditions, bindings, filters and actions that mention an
/// alias read the fact or value bound to it: the DSL rewrites each mention into a lambda parameter
/// named after the alias, once, when the rule is loaded. A condition such as
/// <c>o =&gt; o.CustomerId == customer.Id</c> therefore becomes the plain equality
/// <c>(order, customer) =&gt; order.CustomerId == customer.Id</c>, which the runtime indexes by key.
/// </para>
/// <para>
/// An alias must be declared once, before it is used, on the path that uses it; otherwise loading
/// the rule throws <see cref="RuleDefinitionException"/>. Each call appends one element, in order.
/// </para>
/// <para>
/// Other captured values are not aliases. Immutable scalars (numbers, <see cref="decimal"/>,
/// strings, enums, dates, <see cref="Guid"/>) are read once when the rule is loaded and become
/// constants; other objects (a service the rule was constructed with) are read when the lambda
/// runs. A captured reference that is still <see langword="null"/> when the rule is loaded is taken
/// for an alias that was never declared.
/// </para>
/// <para>Not thread-safe: used by one thread while the rule is being defined.</para>
/// </remarks>
public interface ILeftHandSideExpression
{
    /// <summary>Matches facts of <typeparamref name="TFact"/> that satisfy all conditions and binds each to an alias.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="alias">The alias, such as <c>() =&gt; order</c>.</param>
    /// <param name="conditions">Conditions over the fact and earlier aliases.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Match<TFact>(Expression<Func<TFact>> alias, params Expression<Func<TFact, bool>>[] conditions);

    /// <summary>Matches facts of <typeparamref name="TFact"/> that satisfy all conditions, without an alias.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="conditions">Conditions over the fact and earlier aliases.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Match<TFact>(params Expression<Func<TFact, bool>>[] conditions);

    /// <summary>Holds (once) when at least one fact of <typeparamref name="TFact"/> satisfies all conditions.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="conditions">Conditions over the fact and earlier aliases.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Exists<TFact>(params Expression<Func<TFact, bool>>[] conditions);

    /// <summary>Holds when no fact of <typeparamref name="TFact"/> satisfies all conditions.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="conditions">Conditions over the fact and earlier aliases.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Not<TFact>(params Expression<Func<TFact, bool>>[] conditions);

    /// <summary>
    /// Holds when every fact of <typeparamref name="TFact"/> that satisfies <paramref name="baseCondition"/>
    /// also satisfies all <paramref name="conditions"/> (also when there is no such fact).
    /// </summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="baseCondition">Selects the facts quantified over.</param>
    /// <param name="conditions">What each of them must satisfy.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression All<TFact>(Expression<Func<TFact, bool>> baseCondition, params Expression<Func<TFact, bool>>[] conditions);

    /// <summary>Holds when every fact of <typeparamref name="TFact"/> satisfies <paramref name="condition"/>.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="condition">What every fact must satisfy.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression All<TFact>(Expression<Func<TFact, bool>> condition);

    /// <summary>
    /// Binds an alias to the result of a query over facts (a projection, flattening, grouping or
    /// aggregation such as <c>Collect</c>, <c>Sum</c>, <c>Count</c>).
    /// </summary>
    /// <typeparam name="TResult">The alias's type.</typeparam>
    /// <param name="alias">The alias, such as <c>() =&gt; total</c>.</param>
    /// <param name="query">Builds the query, starting with <see cref="QueryExtensions.Match{TFact}(IQuery, Expression{Func{TFact, bool}}[])"/>.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Query<TResult>(Expression<Func<TResult>> alias, Func<IQuery, IQuery<TResult>> query);

    /// <summary>Binds an alias to a value computed from earlier aliases (a binding).</summary>
    /// <typeparam name="TResult">The alias's type.</typeparam>
    /// <param name="alias">The alias, such as <c>() =&gt; ratio</c>.</param>
    /// <param name="expression">The value, such as <c>() =&gt; order.Amount / total</c>.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Let<TResult>(Expression<Func<TResult>> alias, Expression<Func<TResult>> expression);

    /// <summary>Filters the matches so far with conditions over earlier aliases.</summary>
    /// <param name="conditions">Conditions such as <c>() =&gt; ratio &gt; 0.5m</c>.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Having(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// A group of alternatives: each element added inside <paramref name="builder"/> is one
    /// alternative (use <see cref="And"/> inside it for an alternative of several elements).
    /// An alias declared in every alternative is visible after the group.
    /// </summary>
    /// <param name="builder">Adds the alternatives.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression Or(Action<ILeftHandSideExpression> builder);

    /// <summary>A group of elements that all hold, in order; aliases declared inside are visible after it.</summary>
    /// <param name="builder">Adds the elements.</param>
    /// <returns>This builder.</returns>
    ILeftHandSideExpression And(Action<ILeftHandSideExpression> builder);
}
