using System.Linq.Expressions;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>Gives the DSL's query operators the builder behind a query.</summary>
internal interface IQueryBuilderHolder
{
    QueryBuilder Builder { get; }
}

/// <summary>
/// Builds one query as a chain: a pattern over working-memory facts, then for each operator an
/// aggregate over the previous pattern feeding a new pattern. The last pattern gets the alias.
/// </summary>
internal sealed class QueryBuilder
{
    private readonly DefinitionContext _context;
    private readonly IReadOnlyList<Symbol> _visible;
    private readonly string _role;

    public QueryBuilder(DefinitionContext context, IReadOnlyList<Symbol> visible, string role)
    {
        _context = context;
        _visible = visible;
        _role = role;
    }

    /// <summary>The pattern at the end of the chain so far.</summary>
    public PatternNode? Last { get; private set; }

    public static QueryBuilder Of(object query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query is IQueryBuilderHolder holder
            ? holder.Builder
            : throw new ArgumentException("The query was not made by the PerfEval.Rules fluent DSL.", nameof(query));
    }

    public void Match(Type factType, LambdaExpression[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (Last is not null)
        {
            throw _context.Error("Match may appear only once, at the start of " + _role + ".");
        }

        Last = new PatternNode(_context.Generate(factType));
        AddConditions(conditions, "a condition of Match<" + TypeNames.Of(factType) + "> in " + _role);
    }

    public void Where(LambdaExpression[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        AddConditions(predicates, "a Where condition in " + _role);
    }

    public void Aggregate(AggregateKind kind, Type resultType, params (string Name, LambdaExpression Expression)[] expressions)
    {
        var source = Last ?? throw _context.Error(_role + " has no source; start the query with Match<T>(...).");
        var aggregate = new AggregateNode(kind, resultType, source);
        foreach (var (name, expression) in expressions)
        {
            ArgumentNullException.ThrowIfNull(expression, name);
            aggregate.Expressions.Add(new KeyValuePair<string, PendingLambda>(
                name,
                new PendingLambda(expression, _visible, _context.SymbolCount, "the " + name + " of " + kind + " in " + _role, source)));
        }

        Last = new PatternNode(_context.Generate(resultType)) { Source = aggregate };
    }

    private void AddConditions(LambdaExpression[] conditions, string role)
    {
        var pattern = Last ?? throw _context.Error(_role + " has no source; start the query with Match<T>(...).");
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
            pattern.Conditions.Add(new PendingLambda(condition, _visible, _context.SymbolCount, role, pattern));
        }
    }
}

/// <summary>The start of a query.</summary>
internal sealed class QueryExpression : IQuery, IQueryBuilderHolder
{
    public QueryExpression(QueryBuilder builder) => Builder = builder;

    public QueryBuilder Builder { get; }
}

/// <summary>A query over elements of <typeparamref name="TSource"/>.</summary>
internal sealed class QueryExpression<TSource> : IQuery<TSource>, IQueryBuilderHolder
{
    public QueryExpression(QueryBuilder builder) => Builder = builder;

    public QueryBuilder Builder { get; }
}
