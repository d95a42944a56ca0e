namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// The start of a query in <see cref="ILeftHandSideExpression.Query{TResult}"/>; continue it with
/// <see cref="QueryExtensions.Match{TFact}(IQuery, System.Linq.Expressions.Expression{Func{TFact, bool}}[])"/>.
/// </summary>
/// <remarks>Implemented only by the DSL; not thread-safe (used while the rule is being defined).</remarks>
public interface IQuery
{
}

/// <summary>
/// A query whose elements are of type <typeparamref name="TSource"/>; continue it with the
/// operators of <see cref="QueryExtensions"/>.
/// </summary>
/// <typeparam name="TSource">The type of the query's elements.</typeparam>
/// <remarks>Implemented only by the DSL; not thread-safe (used while the rule is being defined).</remarks>
public interface IQuery<out TSource>
{
}
