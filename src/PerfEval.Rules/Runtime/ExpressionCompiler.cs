using System.Linq.Expressions;
using System.Reflection;

namespace PerfEval.Rules.Runtime;

/// <summary>Where declarations live in a tuple: name → (level, type).</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, (int Level, Type Type)> _map;

    public Scope()
    {
        _map = new Dictionary<string, (int, Type)>(StringComparer.Ordinal);
    }

    private Scope(Dictionary<string, (int, Type)> map) => _map = map;

    public Scope With(string name, int level, Type type)
    {
        var copy = new Dictionary<string, (int, Type)>(_map, StringComparer.Ordinal) { [name] = (level, type) };
        return new Scope(copy);
    }

    public bool TryGet(string name, out int level)
    {
        if (_map.TryGetValue(name, out var v))
        {
            level = v.Level;
            return true;
        }

        level = -1;
        return false;
    }

    public IEnumerable<KeyValuePair<string, (int Level, Type Type)>> Entries => _map;
}

/// <summary>A user lambda rewritten over (tuple, fact) and compiled once.</summary>
internal sealed class CompiledExpression
{
    private readonly LazyDelegate _compiled;

    public CompiledExpression(LambdaExpression source, LambdaExpression canonical, LazyDelegate compiled, int[] sources)
    {
        Source = source;
        Canonical = canonical;
        _compiled = compiled;
        Sources = sources;
    }

    /// <summary>The expression as compiled (for a join key: one side of the equality).</summary>
    public LambdaExpression Source { get; }

    /// <summary>What errors show: the author's condition when this expression was derived from it (join keys).</summary>
    public LambdaExpression? Display { get; set; }

    public LambdaExpression Shown => Display ?? Source;

    /// <summary>The expression over (tuple, fact): structural key for sharing and caching.</summary>
    public LambdaExpression Canonical { get; }

    /// <summary>The compiled delegate; compiled on first use (thread-safe), shared by structurally equal expressions.</summary>
    public Delegate Delegate => _compiled.Value;

    /// <summary>Per source parameter: its tuple level, -1 for the current fact, -2 for IContext, -3 for a dependency.</summary>
    public int[] Sources { get; }

    public object?[] Arguments(Tuple? t, object? f)
    {
        var args = new object?[Sources.Length];
        for (int i = 0; i < Sources.Length; i++)
        {
            args[i] = Sources[i] switch
            {
                -1 => f,
                >= 0 when t is not null => t.GetValue(Sources[i]),
                _ => null,
            };
        }

        return args;
    }

    public override string ToString() => Shown.ToString();
}

/// <summary>Rewrites and compiles lambdas, caching delegates by structural equality.</summary>
internal sealed class ExpressionCompiler
{
    public static readonly ParameterExpression TupleParameter = Expression.Parameter(typeof(Tuple), "$t");
    public static readonly ParameterExpression FactParameter = Expression.Parameter(typeof(object), "$f");
    public static readonly ParameterExpression ContextParameter = Expression.Parameter(typeof(IContext), "$ctx");

    private static readonly MethodInfo GetValueMethod = typeof(Tuple).GetMethod(nameof(Tuple.GetValue))!;
    private static readonly MethodInfo ResolveMethod = typeof(IContext).GetMethod(nameof(IContext.Resolve))!;

    private readonly Dictionary<Expression, LazyDelegate> _cache = new(ExpressionComparer.Instance);

    public int CacheHits { get; private set; }

    public CompiledExpression Predicate(LambdaExpression lambda, Scope scope, string? factName) =>
        Compile<TuplePredicate>(lambda, scope, factName, typeof(bool), isAction: false, null);

    public CompiledExpression Evaluator(LambdaExpression lambda, Scope scope, string? factName) =>
        Compile<TupleEvaluator>(lambda, scope, factName, typeof(object), isAction: false, null);

    public CompiledExpression Action(LambdaExpression lambda, Scope scope, IReadOnlyCollection<string> dependencies) =>
        Compile<TupleAction>(lambda, scope, null, typeof(void), isAction: true, dependencies);

    /// <summary>Rewrites <paramref name="lambda"/> over (tuple, fact) and returns the body (no compilation).</summary>
    public static Expression Rewrite(LambdaExpression lambda, Scope scope, string? factName, bool isAction, IReadOnlyCollection<string>? dependencies, out int[] sources)
    {
        var map = new Dictionary<ParameterExpression, Expression>();
        sources = new int[lambda.Parameters.Count];
        for (int i = 0; i < lambda.Parameters.Count; i++)
        {
            var p = lambda.Parameters[i];
            Expression replacement;
            if (isAction && i == 0)
            {
                replacement = ContextParameter;
                sources[i] = -2;
            }
            else if (factName is not null && string.Equals(p.Name, factName, StringComparison.Ordinal))
            {
                replacement = Expression.Convert(FactParameter, p.Type);
                sources[i] = -1;
            }
            else if (scope.TryGet(p.Name!, out int level))
            {
                replacement = Expression.Convert(Expression.Call(TupleParameter, GetValueMethod, Expression.Constant(level)), p.Type);
                sources[i] = level;
            }
            else if (isAction && dependencies is not null && dependencies.Contains(p.Name!))
            {
                replacement = Expression.Convert(Expression.Call(ContextParameter, ResolveMethod, Expression.Constant(p.Type, typeof(Type))), p.Type);
                sources[i] = -3;
            }
            else
            {
                throw new InvalidOperationException("'" + p.Name + "' is not declared before " + lambda);
            }

            map[p] = replacement;
        }

        return new ParameterReplacer(map).Visit(lambda.Body);
    }

    private CompiledExpression Compile<TDelegate>(LambdaExpression lambda, Scope scope, string? factName, Type returnType, bool isAction, IReadOnlyCollection<string>? dependencies)
        where TDelegate : Delegate
    {
        var body = Rewrite(lambda, scope, factName, isAction, dependencies, out var sources);
        if (returnType == typeof(object) && body.Type != typeof(object))
        {
            body = Expression.Convert(body, typeof(object));
        }
        else if (returnType == typeof(void) && body.Type != typeof(void))
        {
            body = Expression.Block(typeof(void), body);
        }

        var canonical = isAction
            ? Expression.Lambda<TDelegate>(body, ContextParameter, TupleParameter)
            : Expression.Lambda<TDelegate>(body, TupleParameter, FactParameter);
        if (_cache.TryGetValue(canonical, out var compiled))
        {
            CacheHits++;
        }
        else
        {
            compiled = new LazyDelegate(canonical);
            _cache.Add(canonical, compiled);
        }

        return new CompiledExpression(lambda, canonical, compiled, sources);
    }

    internal sealed class ParameterReplacer : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> _map;

        public ParameterReplacer(Dictionary<ParameterExpression, Expression> map) => _map = map;

        protected override Expression VisitParameter(ParameterExpression node) =>
            _map.TryGetValue(node, out var r) ? r : node;
    }
}

/// <summary>A lambda compiled on first use; concurrent first uses agree on one delegate.</summary>
internal sealed class LazyDelegate
{
    private LambdaExpression? _expression;
    private Delegate? _value;

    public LazyDelegate(LambdaExpression expression) => _expression = expression;

    public Delegate Value => _value ?? Compile();

    private Delegate Compile()
    {
        var expression = Volatile.Read(ref _expression);
        if (expression is null)
        {
            return Volatile.Read(ref _value)!;
        }

        var compiled = expression.Compile();
        var winner = Interlocked.CompareExchange(ref _value, compiled, null) ?? compiled;
        Volatile.Write(ref _expression, null);
        return winner;
    }
}
