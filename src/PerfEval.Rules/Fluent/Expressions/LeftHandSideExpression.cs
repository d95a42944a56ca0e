using System.Linq.Expressions;
using PerfEval.Rules.Fluent.Dsl;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// The DSL's left-hand side builder: records elements and the aliases visible to each lambda. For an
/// Or group each call is one alternative with a scope of its own.
/// </summary>
internal sealed class LeftHandSideExpression : ILeftHandSideExpression
{
    private readonly DefinitionContext _context;
    private readonly GroupNode _group;
    private readonly Scope _scope;
    private readonly int _orGroup;
    private readonly List<Scope> _alternatives = new();

    public LeftHandSideExpression(DefinitionContext context, GroupNode group, Scope scope, int orGroup = -1)
    {
        _context = context;
        _group = group;
        _scope = scope;
        _orGroup = orGroup;
    }

    /// <summary>The scopes of the alternatives added so far (Or groups only).</summary>
    public IReadOnlyList<Scope> Alternatives => _alternatives;

    public ILeftHandSideExpression Match<TFact>(Expression<Func<TFact>> alias, params Expression<Func<TFact, bool>>[] conditions)
    {
        string role = "Match<" + TypeNames.Of(typeof(TFact)) + ">";
        var scope = NextScope();
        var symbol = _context.Declare(alias, typeof(TFact), SymbolKind.Fact, scope, role);
        _group.Children.Add(Pattern(symbol, scope, conditions, role));
        return this;
    }

    public ILeftHandSideExpression Match<TFact>(params Expression<Func<TFact, bool>>[] conditions)
    {
        string role = "Match<" + TypeNames.Of(typeof(TFact)) + ">";
        var scope = NextScope();
        var symbol = _context.Generate(typeof(TFact));
        _group.Children.Add(Pattern(symbol, scope, conditions, role));
        return this;
    }

    public ILeftHandSideExpression Exists<TFact>(params Expression<Func<TFact, bool>>[] conditions)
    {
        string role = "Exists<" + TypeNames.Of(typeof(TFact)) + ">";
        var scope = NextScope();
        _group.Children.Add(new ExistsNode(Pattern(_context.Generate(typeof(TFact)), scope, conditions, role)));
        return this;
    }

    public ILeftHandSideExpression Not<TFact>(params Expression<Func<TFact, bool>>[] conditions)
    {
        string role = "Not<" + TypeNames.Of(typeof(TFact)) + ">";
        var scope = NextScope();
        _group.Children.Add(new NotNode(Pattern(_context.Generate(typeof(TFact)), scope, conditions, role)));
        return this;
    }

    public ILeftHandSideExpression All<TFact>(Expression<Func<TFact, bool>> baseCondition, params Expression<Func<TFact, bool>>[] conditions)
    {
        ArgumentNullException.ThrowIfNull(baseCondition);
        string role = "All<" + TypeNames.Of(typeof(TFact)) + ">";
        var scope = NextScope();
        var basePattern = Pattern(_context.Generate(typeof(TFact)), scope, new[] { baseCondition }, "the base condition of " + role);
        var pattern = Pattern(_context.Generate(typeof(TFact)), scope, conditions, role);
        _group.Children.Add(new ForAllNode(basePattern, pattern));
        return this;
    }

    public ILeftHandSideExpression All<TFact>(Expression<Func<TFact, bool>> condition) =>
        All<TFact>(static _ => true, condition);

    public ILeftHandSideExpression Query<TResult>(Expression<Func<TResult>> alias, Func<IQuery, IQuery<TResult>> query)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(query);
        string role = "Query<" + TypeNames.Of(typeof(TResult)) + ">";
        var scope = NextScope();
        var builder = new QueryBuilder(_context, scope.Snapshot(), role);
        var result = query(new QueryExpression(builder));
        if (result is not IQueryBuilderHolder holder || !ReferenceEquals(holder.Builder, builder))
        {
            throw _context.Error(role + " must return the query it was given, continued (as in 'q => q.Match<Order>().Collect()').");
        }

        var last = builder.Last ?? throw _context.Error(role + " has no source; start the query with Match<T>(...).");
        var symbol = _context.Declare(alias, typeof(TResult), SymbolKind.Fact, scope, role);
        last.Symbol = symbol;
        _group.Children.Add(last);
        return this;
    }

    public ILeftHandSideExpression Let<TResult>(Expression<Func<TResult>> alias, Expression<Func<TResult>> expression)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(expression);
        string role = "Let<" + TypeNames.Of(typeof(TResult)) + ">";
        var scope = NextScope();
        var pending = new PendingLambda(expression, scope.Snapshot(), _context.SymbolCount, "the expression of " + role);
        var symbol = _context.Declare(alias, typeof(TResult), SymbolKind.Binding, scope, role);
        _group.Children.Add(new BindingNode(symbol, pending));
        return this;
    }

    public ILeftHandSideExpression Having(params Expression<Func<bool>>[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Length == 0)
        {
            throw _context.Error("Having needs at least one condition.");
        }

        Expression? body = null;
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
            body = body is null ? condition.Body : Expression.AndAlso(body, condition.Body);
        }

        var scope = NextScope();
        var lambda = Expression.Lambda<Func<bool>>(body!);
        _group.Children.Add(new FilterNode(new PendingLambda(lambda, scope.Snapshot(), _context.SymbolCount, "a Having condition")));
        return this;
    }

    public ILeftHandSideExpression Or(Action<ILeftHandSideExpression> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var scope = NextScope();
        var group = new GroupNode(isOr: true);
        var inner = new LeftHandSideExpression(_context, group, scope, _context.NextOrGroup());
        builder(inner);
        if (group.Children.Count == 0)
        {
            throw _context.Error("an Or group has no alternatives.");
        }

        // Aliases every alternative declares are visible after the group.
        var alternatives = inner.Alternatives;
        foreach (var symbol in alternatives[0].Own)
        {
            bool everywhere = true;
            for (int i = 1; i < alternatives.Count && everywhere; i++)
            {
                everywhere = alternatives[i].Own.Contains(symbol);
            }

            if (everywhere)
            {
                scope.Own.Add(symbol);
            }
        }

        _group.Children.Add(group);
        return this;
    }

    public ILeftHandSideExpression And(Action<ILeftHandSideExpression> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var scope = NextScope();
        var group = new GroupNode(isOr: false);
        builder(new LeftHandSideExpression(_context, group, scope));
        if (group.Children.Count == 0)
        {
            throw _context.Error("an And group is empty.");
        }

        _group.Children.Add(group);
        return this;
    }

    /// <summary>The scope the next element is declared in: a new alternative in an Or group, else this group's.</summary>
    private Scope NextScope()
    {
        if (!_group.IsOr)
        {
            return _scope;
        }

        var alternative = new Scope(_scope, _orGroup, _alternatives.Count);
        _alternatives.Add(alternative);
        return alternative;
    }

    private PatternNode Pattern<TFact>(Symbol symbol, Scope scope, Expression<Func<TFact, bool>>[] conditions, string role)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var node = new PatternNode(symbol);
        var visible = scope.Snapshot();
        int declaredBefore = _context.SymbolCount;
        for (int i = 0; i < conditions.Length; i++)
        {
            var condition = conditions[i] ?? throw new ArgumentNullException(nameof(conditions), "A condition of " + role + " is null.");
            node.Conditions.Add(new PendingLambda(condition, visible, declaredBefore, "a condition of " + role, node));
        }

        return node;
    }
}
