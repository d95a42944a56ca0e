using System.Linq.Expressions;
using System.Reflection;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>What an alias stands for.</summary>
internal enum SymbolKind
{
    /// <summary>A matched fact or a query result.</summary>
    Fact,

    /// <summary>A value bound by Let.</summary>
    Binding,

    /// <summary>A service resolved for actions.</summary>
    Dependency,

    /// <summary>A name the DSL made up for a pattern without an alias.</summary>
    Generated,
}

/// <summary>
/// One declaration of a rule being defined: its name, type, the closure field that names it (for
/// aliases) and the lambda parameter every mention of it is rewritten into.
/// </summary>
internal sealed class Symbol
{
    private Declaration? _declaration;

    public Symbol(string name, Type type, int index, SymbolKind kind, FieldInfo? field, Scope? declaredIn)
    {
        Name = name;
        Type = type;
        Index = index;
        Kind = kind;
        Field = field;
        DeclaredIn = declaredIn;
        Parameter = Expression.Parameter(type, name);
    }

    public string Name { get; }

    public Type Type { get; }

    /// <summary>Declaration order within the rule; lambda parameters after the first follow it.</summary>
    public int Index { get; }

    public SymbolKind Kind { get; }

    public FieldInfo? Field { get; }

    public Scope? DeclaredIn { get; }

    public ParameterExpression Parameter { get; }

    public Declaration Declaration => _declaration ??= Element.Declaration(Type, Name);

    public override string ToString() => Name + ": " + Type.Name;
}
