using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// Rewrites a lambda written in <see cref="Dsl.Rule.Define"/> into a rule-model lambda: every read of
/// an alias (a closure field) becomes the parameter named after the alias's declaration, the
/// lambda's own parameters are replaced as the caller says, and the parameter list becomes the
/// leading parameters followed by the aliases used, in declaration order. Runs once per lambda,
/// when a rule is loaded.
/// </summary>
internal sealed class AliasRewriter : ExpressionVisitor
{
    private readonly DefinitionContext _context;
    private readonly IReadOnlyDictionary<ParameterExpression, Expression> _replacements;
    private readonly IReadOnlyList<Symbol> _visible;
    private readonly IReadOnlyList<Symbol> _own;
    private readonly int _declaredBefore;
    private readonly string _role;
    private readonly List<Symbol> _used = new();

    private AliasRewriter(
        DefinitionContext context,
        IReadOnlyDictionary<ParameterExpression, Expression> replacements,
        IReadOnlyList<Symbol> visible,
        IReadOnlyList<Symbol> own,
        int declaredBefore,
        string role)
    {
        _context = context;
        _replacements = replacements;
        _visible = visible;
        _own = own;
        _declaredBefore = declaredBefore;
        _role = role;
    }

    /// <summary>Rewrites <paramref name="source"/>'s body and makes the rule-model lambda.</summary>
    /// <param name="context">The rule being defined.</param>
    /// <param name="source">The lambda as written.</param>
    /// <param name="leading">The parameters that come first (the pattern's own fact, or the action's context).</param>
    /// <param name="replacements">What each of <paramref name="source"/>'s parameters becomes.</param>
    /// <param name="visible">The aliases the lambda may use.</param>
    /// <param name="own">Aliases that stand for the leading parameters (always visible).</param>
    /// <param name="declaredBefore">Symbols with a smaller index were declared before the lambda was written.</param>
    /// <param name="role">Where the lambda sits, for messages.</param>
    public static LambdaExpression Rewrite(
        DefinitionContext context,
        LambdaExpression source,
        IReadOnlyList<ParameterExpression> leading,
        IReadOnlyDictionary<ParameterExpression, Expression> replacements,
        IReadOnlyList<Symbol> visible,
        IReadOnlyList<Symbol> own,
        int declaredBefore,
        string role)
    {
        var rewriter = new AliasRewriter(context, replacements, visible, own, declaredBefore, role);
        var body = rewriter.Visit(source.Body);
        var parameters = new List<ParameterExpression>(leading);
        rewriter._used.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        foreach (var symbol in rewriter._used)
        {
            if (!parameters.Contains(symbol.Parameter))
            {
                parameters.Add(symbol.Parameter);
            }
        }

        return Expression.Lambda(body, parameters);
    }

    protected override Expression VisitParameter(ParameterExpression node) =>
        _replacements.TryGetValue(node, out var replacement) ? replacement : node;

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Member is not FieldInfo field || field.IsStatic || !DefinitionContext.IsClosureChain(node.Expression))
        {
            return base.VisitMember(node);
        }

        if (_context.TryGetSymbol(field, out var symbol))
        {
            if (!_own.Contains(symbol) && !_visible.Contains(symbol))
            {
                throw _context.Error(NotVisible(symbol));
            }

            if (!_used.Contains(symbol))
            {
                _used.Add(symbol);
            }

            return symbol.Parameter;
        }

        if (DefinitionContext.IsCapturedLocal(field)
            && !field.FieldType.IsValueType
            && DefinitionContext.Evaluate(node) is null)
        {
            throw _context.Error(string.Format(
                CultureInfo.InvariantCulture,
                "the alias '{0}' is used in {1} but never declared; declare it with Match, Query, Let or Dependency().Resolve before using it (a captured variable that is null when the rule is loaded is taken for an undeclared alias).",
                field.Name,
                _role));
        }

        // A captured value that is not an alias. Immutable scalars (a threshold, a code) are read
        // once, now, and inlined, so conditions compare with constants the engine can share and
        // index; anything else (a service the rule was constructed with) stays a closure read.
        if (IsImmutableScalar(field.FieldType))
        {
            return Expression.Constant(DefinitionContext.Evaluate(node), field.FieldType);
        }

        return node;
    }

    private static bool IsImmutableScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(string)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
            || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Guid);
    }

    private string NotVisible(Symbol symbol)
    {
        if (symbol.Kind == SymbolKind.Dependency)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "the dependency '{0}' is used in {1}; dependencies can only be used in actions.",
                symbol.Name,
                _role);
        }

        if (symbol.Index >= _declaredBefore)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "the alias '{0}' is used in {1} before it is declared; declare aliases before the conditions that use them.",
                symbol.Name,
                _role);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "the alias '{0}' is used in {1} outside the group that declares it (an alias declared in only some alternatives of an Or group is not visible after it).",
            symbol.Name,
            _role);
    }
}

/// <summary>Replaces parameters of a lambda body by other expressions (used to splice lambdas together before rewriting).</summary>
internal sealed class ParameterReplacer : ExpressionVisitor
{
    private readonly IReadOnlyDictionary<ParameterExpression, Expression> _map;

    private ParameterReplacer(IReadOnlyDictionary<ParameterExpression, Expression> map) => _map = map;

    public static Expression Replace(Expression body, IReadOnlyDictionary<ParameterExpression, Expression> map) =>
        new ParameterReplacer(map).Visit(body);

    protected override Expression VisitParameter(ParameterExpression node) =>
        _map.TryGetValue(node, out var replacement) ? replacement : node;
}
