namespace PerfEval.Rules.RuleModel;

/// <summary>A rule as a tree of elements, independent of how it was written (fluent DSL or data).</summary>
/// <remarks>Implementations must be immutable and thread-safe.</remarks>
public interface IRuleDefinition
{
    /// <summary>The rule's name; messages and events use it.</summary>
    string Name { get; }

    /// <summary>A description (may be empty).</summary>
    string Description { get; }

    /// <summary>Higher fires first.</summary>
    int Priority { get; }

    /// <summary>Whether the rule fires again for an updated match.</summary>
    RuleRepeatability Repeatability { get; }

    /// <summary>Tags, for selecting rules.</summary>
    IReadOnlyCollection<string> Tags { get; }

    /// <summary>Free-form properties.</summary>
    IReadOnlyDictionary<string, object?> Properties { get; }

    /// <summary>The conditions.</summary>
    AndElement LeftHandSide { get; }

    /// <summary>The services the actions use.</summary>
    DependencyGroupElement DependencyGroup { get; }

    /// <summary>The actions, in order.</summary>
    IReadOnlyList<ActionElement> RightHandSide { get; }
}

/// <summary>The rule model's <see cref="IRuleDefinition"/>; made by <see cref="Element.RuleDefinition(string, string?, int, RuleRepeatability, IEnumerable{string}?, IEnumerable{KeyValuePair{string, object?}}?, AndElement, DependencyGroupElement?, IEnumerable{ActionElement})"/> or <see cref="RuleBuilder"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RuleDefinition : IRuleDefinition
{
    internal RuleDefinition(
        string name,
        string description,
        int priority,
        RuleRepeatability repeatability,
        IReadOnlyCollection<string> tags,
        IReadOnlyDictionary<string, object?> properties,
        AndElement leftHandSide,
        DependencyGroupElement dependencyGroup,
        IReadOnlyList<ActionElement> rightHandSide)
    {
        Name = name;
        Description = description;
        Priority = priority;
        Repeatability = repeatability;
        Tags = tags;
        Properties = properties;
        LeftHandSide = leftHandSide;
        DependencyGroup = dependencyGroup;
        RightHandSide = rightHandSide;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public int Priority { get; }

    /// <inheritdoc />
    public RuleRepeatability Repeatability { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Tags { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Properties { get; }

    /// <inheritdoc />
    public AndElement LeftHandSide { get; }

    /// <inheritdoc />
    public DependencyGroupElement DependencyGroup { get; }

    /// <inheritdoc />
    public IReadOnlyList<ActionElement> RightHandSide { get; }

    /// <summary>The rule's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
