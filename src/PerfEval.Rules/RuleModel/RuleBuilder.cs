using System.Linq.Expressions;

namespace PerfEval.Rules.RuleModel;

/// <summary>
/// Builds one <see cref="RuleDefinition"/> step by step. Validation happens in <see cref="Build"/>
/// and names the rule.
/// </summary>
/// <remarks>Mutable; not thread-safe. Each <see cref="Build"/> returns a new immutable definition.</remarks>
public sealed class RuleBuilder
{
    private readonly List<string> _tags = new();
    private readonly List<KeyValuePair<string, object?>> _properties = new();
    private readonly List<RuleElement> _lhs = new();
    private readonly List<DependencyElement> _dependencies = new();
    private readonly List<ActionElement> _rhs = new();
    private string? _name;
    private string _description = string.Empty;
    private int _priority;
    private RuleRepeatability _repeatability = RuleRepeatability.Repeatable;

    /// <summary>Sets the rule's name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Name(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Description(string description)
    {
        _description = description ?? string.Empty;
        return this;
    }

    /// <summary>Sets the priority (higher fires first; default 0).</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Priority(int priority)
    {
        _priority = priority;
        return this;
    }

    /// <summary>Sets the repeatability (default <see cref="RuleRepeatability.Repeatable"/>).</summary>
    /// <param name="repeatability">The repeatability.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Repeatability(RuleRepeatability repeatability)
    {
        _repeatability = repeatability;
        return this;
    }

    /// <summary>Adds a tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Tag(string tag)
    {
        _tags.Add(tag);
        return this;
    }

    /// <summary>Adds a property.</summary>
    /// <param name="name">The property's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Property(string name, object? value)
    {
        _properties.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }

    /// <summary>Appends an element to the left-hand side (an implicit And group).</summary>
    /// <param name="element">A pattern, Not, Exists, ForAll, And, Or, binding or filter element.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder LeftHandSide(RuleElement element)
    {
        _lhs.Add(element);
        return this;
    }

    /// <summary>Appends a dependency the actions can use.</summary>
    /// <param name="dependency">The dependency.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Dependency(DependencyElement dependency)
    {
        _dependencies.Add(dependency);
        return this;
    }

    /// <summary>Appends an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder RightHandSide(ActionElement action)
    {
        _rhs.Add(action);
        return this;
    }

    /// <summary>Appends an action made from <paramref name="expression"/>.</summary>
    /// <param name="expression">A lambda whose first parameter is <see cref="IContext"/>.</param>
    /// <param name="trigger">When it runs.</param>
    /// <returns>This builder.</returns>
    public RuleBuilder Action(LambdaExpression expression, ActionTrigger trigger = ActionTrigger.Activated | ActionTrigger.Reactivated)
    {
        _rhs.Add(Element.Action(expression, trigger));
        return this;
    }

    /// <summary>Validates and builds the definition.</summary>
    /// <returns>A new immutable rule definition.</returns>
    /// <exception cref="ArgumentException">The rule is invalid; the message names the rule and what is wrong.</exception>
    public RuleDefinition Build()
    {
        if (string.IsNullOrWhiteSpace(_name))
        {
            throw new ArgumentException("A rule needs a name.", "name");
        }

        return Element.RuleDefinition(
            _name,
            _description,
            _priority,
            _repeatability,
            _tags,
            _properties,
            Element.And(_lhs),
            Element.DependencyGroup(_dependencies),
            _rhs);
    }
}
