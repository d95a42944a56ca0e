using System.Collections.ObjectModel;
using System.Linq.Expressions;

namespace PerfEval.Rules.RuleModel;

/// <summary>
/// Matches facts of <see cref="ValueType"/> that satisfy every condition, from working memory
/// (<see cref="Source"/> is <see langword="null"/>) or from an aggregation (a query).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PatternElement : RuleElement
{
    internal PatternElement(Declaration declaration, IReadOnlyList<ConditionElement> conditions, AggregateElement? source)
        : base(new[] { declaration }, ImportsOf(declaration, conditions, source))
    {
        Declaration = declaration;
        Conditions = conditions;
        Source = source;
    }

    /// <summary>The declaration the matched fact (or aggregation result) is bound to.</summary>
    public Declaration Declaration { get; }

    /// <summary>The type of the matched values (the declaration's type).</summary>
    public Type ValueType => Declaration.Type;

    /// <summary>Conditions every matched value satisfies, in order.</summary>
    public IReadOnlyList<ConditionElement> Conditions { get; }

    /// <summary>The aggregation the values come from, or <see langword="null"/> for working-memory facts.</summary>
    public AggregateElement? Source { get; }

    private static IReadOnlyCollection<Declaration> ImportsOf(Declaration own, IReadOnlyList<ConditionElement> conditions, AggregateElement? source)
    {
        var list = new List<Declaration>();
        foreach (var c in conditions)
        {
            foreach (var d in c.Imports)
            {
                if (!d.Equals(own) && !list.Contains(d))
                {
                    list.Add(d);
                }
            }
        }

        if (source is not null)
        {
            foreach (var d in source.Imports)
            {
                if (!list.Contains(d))
                {
                    list.Add(d);
                }
            }
        }

        return list.AsReadOnly();
    }
}

/// <summary>A boolean lambda whose parameters bind to declarations by name.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConditionElement : RuleElement
{
    internal ConditionElement(LambdaExpression expression)
        : base(None, ParameterDeclarations(expression)) => Expression = expression;

    /// <summary>The condition; returns <see cref="bool"/>.</summary>
    public LambdaExpression Expression { get; }
}

/// <summary>An aggregation of the facts a source pattern matches; the result feeds a <see cref="PatternElement"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AggregateElement : RuleElement
{
    /// <summary>Name of the selector expression (Sum, Min, Max, Project, Flatten).</summary>
    public const string SelectorName = "Selector";

    /// <summary>Name of the key selector expression (GroupBy).</summary>
    public const string KeySelectorName = "KeySelector";

    /// <summary>Name of the element selector expression (GroupBy, optional).</summary>
    public const string ElementSelectorName = "ElementSelector";

    internal AggregateElement(AggregateKind kind, Type resultType, IReadOnlyDictionary<string, LambdaExpression> expressions, PatternElement source)
        : base(None, SourceImports(source))
    {
        Kind = kind;
        ResultType = resultType;
        Expressions = expressions;
        Source = source;
    }

    /// <summary>The kind of aggregation.</summary>
    public AggregateKind Kind { get; }

    /// <summary>The type of each result the aggregation produces.</summary>
    public Type ResultType { get; }

    /// <summary>The named expressions ("Selector", "KeySelector", "ElementSelector"); parameters bind by name.</summary>
    public IReadOnlyDictionary<string, LambdaExpression> Expressions { get; }

    /// <summary>The pattern whose matches are aggregated.</summary>
    public PatternElement Source { get; }

    private static IReadOnlyCollection<Declaration> SourceImports(PatternElement source)
    {
        var list = new List<Declaration>();
        foreach (var d in source.Imports)
        {
            if (!d.Equals(source.Declaration))
            {
                list.Add(d);
            }
        }

        return list.AsReadOnly();
    }
}

/// <summary>Holds when no match of <see cref="Source"/> exists.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class NotElement : RuleElement
{
    internal NotElement(RuleElement source)
        : base(None, source.Imports) => Source = source;

    /// <summary>A <see cref="PatternElement"/> or an <see cref="AndElement"/>.</summary>
    public RuleElement Source { get; }
}

/// <summary>Holds when at least one match of <see cref="Source"/> exists (once, however many).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ExistsElement : RuleElement
{
    internal ExistsElement(RuleElement source)
        : base(None, source.Imports) => Source = source;

    /// <summary>A <see cref="PatternElement"/> or an <see cref="AndElement"/>.</summary>
    public RuleElement Source { get; }
}

/// <summary>Holds when every fact matching <see cref="BasePattern"/> also satisfies all <see cref="Patterns"/>.</summary>
/// <remarks>
/// Each of <see cref="Patterns"/> is tested against the same fact as the base pattern: a condition
/// parameter named after the pattern's own declaration binds to the base fact (as NRules' <c>All&lt;T&gt;</c>).
/// Immutable and thread-safe.
/// </remarks>
public sealed class ForAllElement : RuleElement
{
    internal ForAllElement(PatternElement basePattern, IReadOnlyList<PatternElement> patterns)
        : base(None, Union(new RuleElement[] { basePattern }.Concat(patterns), exports: false))
    {
        BasePattern = basePattern;
        Patterns = patterns;
    }

    /// <summary>The facts quantified over.</summary>
    public PatternElement BasePattern { get; }

    /// <summary>What must hold for each of them (they may refer to the base pattern's declaration).</summary>
    public IReadOnlyList<PatternElement> Patterns { get; }
}

/// <summary>All children hold, in order; declarations flow from earlier children to later ones.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AndElement : RuleElement
{
    internal AndElement(IReadOnlyList<RuleElement> childElements)
        : base(Union(childElements, exports: true), Union(childElements, exports: false)) => ChildElements = childElements;

    /// <summary>The children, in order.</summary>
    public IReadOnlyList<RuleElement> ChildElements { get; }
}

/// <summary>Any child holds; compiled as one rule branch per child (as NRules does).</summary>
/// <remarks>Immutable and thread-safe. Exports the declarations every child exports.</remarks>
public sealed class OrElement : RuleElement
{
    internal OrElement(IReadOnlyList<RuleElement> childElements)
        : base(CommonExports(childElements), Union(childElements, exports: false)) => ChildElements = childElements;

    /// <summary>The alternatives, in order.</summary>
    public IReadOnlyList<RuleElement> ChildElements { get; }

    private static IReadOnlyCollection<Declaration> CommonExports(IReadOnlyList<RuleElement> children)
    {
        var list = new List<Declaration>();
        if (children.Count == 0)
        {
            return list.AsReadOnly();
        }

        foreach (var d in children[0].Exports)
        {
            bool all = true;
            for (int i = 1; i < children.Count; i++)
            {
                if (!children[i].Exports.Contains(d))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                list.Add(d);
            }
        }

        return list.AsReadOnly();
    }
}

/// <summary>Binds <see cref="Declaration"/> to a value computed from earlier declarations (Let).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BindingElement : RuleElement
{
    internal BindingElement(Declaration declaration, LambdaExpression expression)
        : base(new[] { declaration }, ParameterDeclarations(expression))
    {
        Declaration = declaration;
        Expression = expression;
    }

    /// <summary>The declaration the value is bound to.</summary>
    public Declaration Declaration { get; }

    /// <summary>The value; parameters bind to earlier declarations by name.</summary>
    public LambdaExpression Expression { get; }
}

/// <summary>A boolean condition over earlier declarations (Having).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FilterElement : RuleElement
{
    internal FilterElement(LambdaExpression expression)
        : base(None, ParameterDeclarations(expression)) => Expression = expression;

    /// <summary>The condition; returns <see cref="bool"/>.</summary>
    public LambdaExpression Expression { get; }
}

/// <summary>A service resolved through <see cref="IDependencyResolver"/> when an action runs.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DependencyElement : RuleElement
{
    internal DependencyElement(Declaration declaration)
        : base(new[] { declaration }, None) => Declaration = declaration;

    /// <summary>The declaration actions use to refer to the service.</summary>
    public Declaration Declaration { get; }

    /// <summary>The service type resolved (the declaration's type).</summary>
    public Type ServiceType => Declaration.Type;
}

/// <summary>The services a rule's actions use.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DependencyGroupElement : RuleElement
{
    internal DependencyGroupElement(IReadOnlyList<DependencyElement> dependencies)
        : base(Union(dependencies, exports: true), None) => Dependencies = dependencies;

    /// <summary>The dependencies, in order.</summary>
    public IReadOnlyList<DependencyElement> Dependencies { get; }
}

/// <summary>
/// An action: a lambda whose first parameter is <see cref="IContext"/> and whose other parameters
/// bind to declarations by name.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ActionElement : RuleElement
{
    internal ActionElement(LambdaExpression expression, ActionTrigger trigger)
        : base(None, ParameterDeclarations(expression, skip: 1))
    {
        Expression = expression;
        Trigger = trigger;
    }

    /// <summary>The action.</summary>
    public LambdaExpression Expression { get; }

    /// <summary>When the action runs.</summary>
    public ActionTrigger Trigger { get; }
}

internal static class ReadOnly
{
    public static IReadOnlyList<T> List<T>(IEnumerable<T> items) => new ReadOnlyCollection<T>(items.ToArray());
}
