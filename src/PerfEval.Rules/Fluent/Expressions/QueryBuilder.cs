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
        foreach (var (name, expression) in expressions)
        {
            ArgumentNullException.ThrowIfNull(expression, name);
        }

        if (source.Source is { } previous)
        {
            // The rule model aggregates working-memory facts only. A projection is fused into what
            // follows it (Select(f).Sum(g) becomes Sum(g(f(x))), Select(f).Where(p) a condition p(f(x))
            // on the facts); anything else after an aggregation cannot be expressed.
            if (previous.Kind != AggregateKind.Project || kind == AggregateKind.Collect)
            {
                throw _context.Error(string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "{0} after {1} in {2} is not supported: queries aggregate working-memory facts once (only Select may be followed by another operator, other than Collect). Filter with Where on the result, or split the rule.",
                    QueryOperator(kind),
                    QueryOperator(previous.Kind),
                    _role));
            }

            var selector = previous.Expressions[0].Value.Source;
            foreach (var condition in source.Conditions)
            {
                previous.Source.Conditions.Add(new PendingLambda(Compose(condition.Source, selector), condition.Visible, condition.DeclaredBefore, condition.Role, previous.Source));
            }

            var fused = new List<(string Name, LambdaExpression Expression)>(expressions.Length + 1);
            foreach (var (name, expression) in expressions)
            {
                fused.Add((name, Compose(expression, selector)));
            }

            if (kind == AggregateKind.GroupBy && fused.Count == 1)
            {
                fused.Add((AggregateElement.ElementSelectorName, selector));
            }

            expressions = fused.ToArray();
            source = previous.Source;
        }

        var aggregate = new AggregateNode(kind, resultType, source);
        foreach (var (name, expression) in expressions)
        {
            aggregate.Expressions.Add(new KeyValuePair<string, PendingLambda>(
                name,
                new PendingLambda(expression, _visible, _context.SymbolCount, "the " + name + " of " + QueryOperator(kind) + " in " + _role, source)));
        }

        Last = new PatternNode(_context.Generate(resultType)) { Source = aggregate };
    }

    /// <summary>outer(inner(x)), as a lambda over inner's parameter.</summary>
    private static LambdaExpression Compose(LambdaExpression outer, LambdaExpression inner)
    {
        var x = outer.Parameters[0];
        var value = x.Type == inner.Body.Type ? inner.Body : Expression.Convert(inner.Body, x.Type);
        var map = new Dictionary<ParameterExpression, Expression> { [x] = value };
        return Expression.Lambda(ParameterReplacer.Replace(outer.Body, map), inner.Parameters);
    }

    private static string QueryOperator(AggregateKind kind) => kind switch
    {
        AggregateKind.Project => "Select",
        AggregateKind.Flatten => "SelectMany",
        _ => kind.ToString(),
    };

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
