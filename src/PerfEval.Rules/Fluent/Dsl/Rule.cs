using PerfEval.Rules.Fluent.Expressions;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Base of a rule written in C#: override <see cref="Define"/> and describe the conditions with
/// <see cref="When"/> and the actions with <see cref="Then"/>. Name, description, tags, priority
/// and repeatability come from <see cref="NameAttribute"/>, <see cref="DescriptionAttribute"/>,
/// <see cref="TagAttribute"/>, <see cref="PriorityAttribute"/> and <see cref="RepeatabilityAttribute"/>.
/// </summary>
/// <remarks>
/// <see cref="Define"/> runs once per load (by <see cref="Fluent.RuleRepository"/> or
/// <see cref="Fluent.RuleDefinitionFactory"/>); the lambdas it declares are rewritten into the rule model
/// then, never per fact. A rule instance is not thread-safe while it is being defined; the
/// definitions it produces are immutable and thread-safe.
/// </remarks>
public abstract class Rule
{
    private DefinitionContext? _context;
    private LeftHandSideExpression? _lhs;
    private RightHandSideExpression? _rhs;
    private DependencyExpression? _dependencies;

    /// <summary>Describes the rule with <see cref="When"/>, <see cref="Then"/> and <see cref="Dependency"/>.</summary>
    public abstract void Define();

    /// <summary>The left-hand side (conditions) builder; calls append to the same left-hand side.</summary>
    /// <returns>The builder.</returns>
    /// <exception cref="RuleDefinitionException">Called outside <see cref="Define"/>.</exception>
    protected ILeftHandSideExpression When()
    {
        var context = Current();
        return _lhs ??= new LeftHandSideExpression(context, context.Root, context.RootScope);
    }

    /// <summary>The right-hand side (actions) builder; calls append actions in order.</summary>
    /// <returns>The builder.</returns>
    /// <exception cref="RuleDefinitionException">Called outside <see cref="Define"/>.</exception>
    protected IRightHandSideExpression Then() => _rhs ??= new RightHandSideExpression(Current());

    /// <summary>The dependencies builder: services the actions use, resolved when an action runs.</summary>
    /// <returns>The builder.</returns>
    /// <exception cref="RuleDefinitionException">Called outside <see cref="Define"/>.</exception>
    protected IDependencyExpression Dependency() => _dependencies ??= new DependencyExpression(Current());

    /// <summary>Runs <see cref="Define"/> and records what it declared.</summary>
    internal DefinitionContext Capture()
    {
        if (_context is not null)
        {
            throw new RuleDefinitionException(GetType(), "Define is already running (a rule instance is defined by one thread at a time).");
        }

        var context = new DefinitionContext(GetType());
        _context = context;
        try
        {
            Define();
            return context;
        }
        finally
        {
            _context = null;
            _lhs = null;
            _rhs = null;
            _dependencies = null;
        }
    }

    private DefinitionContext Current() =>
        _context ?? throw new RuleDefinitionException(GetType(), "When(), Then() and Dependency() can only be used inside Define(), while the rule is being loaded.");
}
