using System.Linq.Expressions;
using PerfEval.Rules.Fluent.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// The query operators of <see cref="ILeftHandSideExpression.Query{TResult}"/>: a query starts with
/// <see cref="Match{TFact}(IQuery, Expression{Func{TFact, bool}}[])"/>, may filter, project, flatten
/// and group, and usually ends with an aggregation. Each operator becomes a rule-model element when
/// the rule is loaded; nothing here runs per fact.
/// </summary>
/// <remarks>Stateless and thread-safe; the query builders it extends are not.</remarks>
public static class QueryExtensions
{
    /// <summary>Starts a query over facts of <typeparamref name="TFact"/> in working memory that satisfy all conditions.</summary>
    /// <typeparam name="TFact">The type of fact.</typeparam>
    /// <param name="query">The query start.</param>
    /// <param name="conditions">Conditions over the fact and earlier aliases.</param>
    /// <returns>The query, over the matching facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or a condition is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="query"/> was not made by the DSL.</exception>
    /// <exception cref="RuleDefinitionException">The query already has a source.</exception>
    public static IQuery<TFact> Match<TFact>(this IQuery query, params Expression<Func<TFact, bool>>[] conditions)
    {
        var builder = QueryBuilder.Of(query);
        builder.Match(typeof(TFact), conditions);
        return new QueryExpression<TFact>(builder);
    }

    /// <summary>Keeps the elements that satisfy all predicates.</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="predicates">Conditions over the element and earlier aliases.</param>
    /// <returns>The filtered query.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or a predicate is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<TSource> Where<TSource>(this IQuery<TSource> source, params Expression<Func<TSource, bool>>[] predicates)
    {
        var builder = QueryBuilder.Of(source);
        builder.Where(predicates);
        return new QueryExpression<TSource>(builder);
    }

    /// <summary>Projects each element (<see cref="AggregateKind.Project"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <typeparam name="TResult">The type of the projection.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="selector">The projection.</param>
    /// <returns>The query over the projections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<TResult> Select<TSource, TResult>(this IQuery<TSource> source, Expression<Func<TSource, TResult>> selector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Project, typeof(TResult), (AggregateElement.SelectorName, selector));
        return new QueryExpression<TResult>(builder);
    }

    /// <summary>Flattens the sequence each element yields (<see cref="AggregateKind.Flatten"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <typeparam name="TResult">The type of the flattened elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="selector">The sequence of each element.</param>
    /// <returns>The query over the flattened elements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<TResult> SelectMany<TSource, TResult>(this IQuery<TSource> source, Expression<Func<TSource, IEnumerable<TResult>>> selector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Flatten, typeof(TResult), (AggregateElement.SelectorName, selector));
        return new QueryExpression<TResult>(builder);
    }

    /// <summary>Groups the elements by key; the query yields one group per key (<see cref="AggregateKind.GroupBy"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <typeparam name="TKey">The type of the key.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="keySelector">The key of each element.</param>
    /// <returns>The query over the groups.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="keySelector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<IGrouping<TKey, TSource>> GroupBy<TSource, TKey>(this IQuery<TSource> source, Expression<Func<TSource, TKey>> keySelector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.GroupBy, typeof(IGrouping<TKey, TSource>), (AggregateElement.KeySelectorName, keySelector));
        return new QueryExpression<IGrouping<TKey, TSource>>(builder);
    }

    /// <summary>Groups projections of the elements by key; the query yields one group per key.</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <typeparam name="TKey">The type of the key.</typeparam>
    /// <typeparam name="TElement">The type of the grouped projections.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="keySelector">The key of each element.</param>
    /// <param name="elementSelector">The projection put in the group.</param>
    /// <returns>The query over the groups.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<IGrouping<TKey, TElement>> GroupBy<TSource, TKey, TElement>(
        this IQuery<TSource> source,
        Expression<Func<TSource, TKey>> keySelector,
        Expression<Func<TSource, TElement>> elementSelector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(
            AggregateKind.GroupBy,
            typeof(IGrouping<TKey, TElement>),
            (AggregateElement.KeySelectorName, keySelector),
            (AggregateElement.ElementSelectorName, elementSelector));
        return new QueryExpression<IGrouping<TKey, TElement>>(builder);
    }

    /// <summary>Collects all elements into one collection, empty when there are none (<see cref="AggregateKind.Collect"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <returns>The query over the one collection; its alias may be typed <see cref="IEnumerable{T}"/> or <see cref="IReadOnlyCollection{T}"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<IReadOnlyCollection<TSource>> Collect<TSource>(this IQuery<TSource> source)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Collect, typeof(IReadOnlyCollection<TSource>));
        return new QueryExpression<IReadOnlyCollection<TSource>>(builder);
    }

    /// <summary>The exact sum of a decimal value over all elements, 0 when there are none (<see cref="AggregateKind.Sum"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="selector">The value summed.</param>
    /// <returns>The query over the one sum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<decimal> Sum<TSource>(this IQuery<TSource> source, Expression<Func<TSource, decimal>> selector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Sum, typeof(decimal), (AggregateElement.SelectorName, selector));
        return new QueryExpression<decimal>(builder);
    }

    /// <summary>The least decimal value over the elements; no result (the rule does not match) when there are none (<see cref="AggregateKind.Min"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="selector">The value compared.</param>
    /// <returns>The query over the minimum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<decimal> Min<TSource>(this IQuery<TSource> source, Expression<Func<TSource, decimal>> selector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Min, typeof(decimal), (AggregateElement.SelectorName, selector));
        return new QueryExpression<decimal>(builder);
    }

    /// <summary>The greatest decimal value over the elements; no result (the rule does not match) when there are none (<see cref="AggregateKind.Max"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="selector">The value compared.</param>
    /// <returns>The query over the maximum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<decimal> Max<TSource>(this IQuery<TSource> source, Expression<Func<TSource, decimal>> selector)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Max, typeof(decimal), (AggregateElement.SelectorName, selector));
        return new QueryExpression<decimal>(builder);
    }

    /// <summary>The number of elements, 0 when there are none (<see cref="AggregateKind.Count"/>).</summary>
    /// <typeparam name="TSource">The type of the elements.</typeparam>
    /// <param name="source">The query.</param>
    /// <returns>The query over the count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> was not made by the DSL.</exception>
    public static IQuery<int> Count<TSource>(this IQuery<TSource> source)
    {
        var builder = QueryBuilder.Of(source);
        builder.Aggregate(AggregateKind.Count, typeof(int));
        return new QueryExpression<int>(builder);
    }
}
