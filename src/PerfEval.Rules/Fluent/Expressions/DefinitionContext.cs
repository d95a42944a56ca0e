using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// The state of one rule class while its <see cref="Dsl.Rule.Define"/> runs: every alias declared so
/// far, the left-hand side tree, the dependencies and the actions.
/// </summary>
internal sealed class DefinitionContext
{
    private readonly Dictionary<FieldInfo, Symbol> _byField = new();
    private readonly Dictionary<string, Symbol> _byName = new(StringComparer.Ordinal);
    private int _nextIndex;
    private int _nextGenerated;
    private int _nextOrGroup;
    private int _nextYield;

    public DefinitionContext(Type ruleType)
    {
        RuleType = ruleType;
        RootScope = new Scope(null);
        DependencyScope = new Scope(null);
        Root = new GroupNode(isOr: false);
    }

    public Type RuleType { get; }

    public Scope RootScope { get; }

    public Scope DependencyScope { get; }

    public GroupNode Root { get; }

    public List<ActionNode> Actions { get; } = new();

    public List<Symbol> Dependencies { get; } = new();

    public RuleDefinitionException Error(string message, Exception? inner = null) => new(RuleType, message, inner);

    /// <summary>The number of symbols declared so far.</summary>
    public int SymbolCount => _nextIndex;

    public int NextOrGroup() => _nextOrGroup++;

    public string NextYieldKey() => "$yield" + (_nextYield++).ToString(CultureInfo.InvariantCulture);

    public bool TryGetSymbol(FieldInfo field, out Symbol symbol) => _byField.TryGetValue(field, out symbol!);

    /// <summary>A declaration for a pattern without an alias; its name cannot clash with a C# identifier.</summary>
    public Symbol Generate(Type type)
    {
        string name = "$" + (++_nextGenerated).ToString(CultureInfo.InvariantCulture);
        var symbol = new Symbol(name, type, _nextIndex++, SymbolKind.Generated, null, null);
        _byName.Add(name, symbol);
        return symbol;
    }

    /// <summary>Declares the alias <paramref name="alias"/> names, in <paramref name="scope"/>.</summary>
    public Symbol Declare(LambdaExpression alias, Type type, SymbolKind kind, Scope scope, string role)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var field = AliasField(alias, role);
        if (field.FieldType != type)
        {
            throw Error(string.Format(
                CultureInfo.InvariantCulture,
                "the alias '{0}' of {1} is a {2}, but {1} produces {3}; declare the variable with that type.",
                field.Name,
                role,
                TypeNames.Of(field.FieldType),
                TypeNames.Of(type)));
        }

        if (_byField.TryGetValue(field, out var existing))
        {
            if (scope.IsVisible(existing) || existing.DeclaredIn is null || existing.Kind != kind || !scope.IsAlternativeTo(existing.DeclaredIn))
            {
                throw Error(string.Format(
                    CultureInfo.InvariantCulture,
                    "the alias '{0}' is declared twice (again by {1}); an alias is declared once, or once in each alternative of an Or group.",
                    field.Name,
                    role));
            }

            scope.Own.Add(existing);
            return existing;
        }

        if (_byName.ContainsKey(field.Name))
        {
            throw Error(string.Format(
                CultureInfo.InvariantCulture,
                "two different variables are named '{0}' (the second is declared by {1}); alias names must be unique within a rule.",
                field.Name,
                role));
        }

        var symbol = new Symbol(field.Name, type, _nextIndex++, kind, field, scope);
        _byField.Add(field, symbol);
        _byName.Add(symbol.Name, symbol);
        scope.Own.Add(symbol);
        return symbol;
    }

    /// <summary>The closure field an alias lambda such as <c>() =&gt; order</c> reads.</summary>
    private FieldInfo AliasField(LambdaExpression alias, string role)
    {
        if (alias.Parameters.Count == 0
            && alias.Body is MemberExpression { Member: FieldInfo field } member
            && !field.IsStatic
            && IsClosureChain(member.Expression))
        {
            return field;
        }

        throw Error(string.Format(
            CultureInfo.InvariantCulture,
            "the alias of {0} must name a local variable of Define (or a field of the rule), as in '() => order'; got '{1}'.",
            role,
            alias));
    }

    /// <summary>Whether <paramref name="expression"/> is a constant or a chain of field reads from one (a closure).</summary>
    public static bool IsClosureChain(Expression? expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ConstantExpression:
                    return true;
                case MemberExpression { Member: FieldInfo { IsStatic: false } } m:
                    expression = m.Expression;
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>Whether <paramref name="field"/> holds a captured local variable (a field of a compiler-made closure class).</summary>
    public static bool IsCapturedLocal(FieldInfo field) =>
        field.DeclaringType is { } t && t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    /// <summary>Reads the value of a closure chain at load time (never per fact).</summary>
    public static object? Evaluate(Expression? expression)
    {
        switch (expression)
        {
            case ConstantExpression c:
                return c.Value;
            case MemberExpression { Member: FieldInfo f } m:
                object? target = Evaluate(m.Expression);
                return target is null ? null : f.GetValue(target);
            default:
                return null;
        }
    }
}

/// <summary>Readable C#-like type names for messages.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Of)) + ">";
    }
}
