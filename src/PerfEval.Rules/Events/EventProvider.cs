using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Events;

/// <summary>
/// Events of a session (or, on <see cref="ISessionFactory.Events"/>, of every session).
/// Events are raised only when a handler is subscribed.
/// </summary>
/// <remarks>Handlers run on the session's thread, in the order of the engine's operations. Subscribing is thread-safe.</remarks>
public interface IEventProvider
{
    /// <summary>Before a fact is inserted.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactInsertingEvent;

    /// <summary>After a fact is inserted and propagated.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactInsertedEvent;

    /// <summary>Before a fact is updated.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactUpdatingEvent;

    /// <summary>After a fact is updated and propagated.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactUpdatedEvent;

    /// <summary>Before a fact is retracted.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactRetractingEvent;

    /// <summary>After a fact is retracted and propagated.</summary>
    event EventHandler<WorkingMemoryEventArgs>? FactRetractedEvent;

    /// <summary>A new match was put on the agenda.</summary>
    event EventHandler<AgendaEventArgs>? ActivationCreatedEvent;

    /// <summary>A match's facts were updated (it goes back on the agenda if the rule is repeatable).</summary>
    event EventHandler<AgendaEventArgs>? ActivationUpdatedEvent;

    /// <summary>A match went away.</summary>
    event EventHandler<AgendaEventArgs>? ActivationDeletedEvent;

    /// <summary>Before a rule's actions run.</summary>
    event EventHandler<AgendaEventArgs>? RuleFiringEvent;

    /// <summary>After a rule's actions ran.</summary>
    event EventHandler<AgendaEventArgs>? RuleFiredEvent;

    /// <summary>A condition, binding, filter or aggregate expression threw; a handler may set <see cref="LhsExpressionErrorEventArgs.IsHandled"/> to treat it as not matching.</summary>
    event EventHandler<LhsExpressionErrorEventArgs>? LhsExpressionFailedEvent;

    /// <summary>An action threw; a handler may set <see cref="RhsExpressionErrorEventArgs.IsHandled"/> to go on firing.</summary>
    event EventHandler<RhsExpressionErrorEventArgs>? RhsExpressionFailedEvent;
}

/// <summary>A working-memory change.</summary>
/// <remarks>Immutable.</remarks>
public sealed class WorkingMemoryEventArgs : EventArgs
{
    /// <summary>Makes the arguments.</summary>
    /// <param name="fact">The fact.</param>
    public WorkingMemoryEventArgs(object fact) => Fact = fact;

    /// <summary>The fact.</summary>
    public object Fact { get; }

    /// <summary>The fact's runtime type.</summary>
    public Type FactType => Fact.GetType();
}

/// <summary>An agenda change or a rule firing.</summary>
/// <remarks>Immutable.</remarks>
public sealed class AgendaEventArgs : EventArgs
{
    /// <summary>Makes the arguments.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="facts">The matched values.</param>
    public AgendaEventArgs(IRuleDefinition rule, IReadOnlyList<IFactMatch> facts)
    {
        Rule = rule;
        Facts = facts;
    }

    /// <summary>The rule.</summary>
    public IRuleDefinition Rule { get; }

    /// <summary>The matched values.</summary>
    public IReadOnlyList<IFactMatch> Facts { get; }
}

/// <summary>A left-hand-side expression failed.</summary>
/// <remarks>Not thread-safe; <see cref="IsHandled"/> is set by handlers.</remarks>
public sealed class LhsExpressionErrorEventArgs : EventArgs
{
    /// <summary>Makes the arguments.</summary>
    /// <param name="exception">What the expression threw.</param>
    /// <param name="expression">The expression.</param>
    /// <param name="rules">The rules that share the expression.</param>
    /// <param name="facts">The values it was evaluated on.</param>
    public LhsExpressionErrorEventArgs(Exception exception, LambdaExpression expression, IReadOnlyList<IRuleDefinition> rules, IReadOnlyList<object?> facts)
    {
        Exception = exception;
        Expression = expression;
        Rules = rules;
        Facts = facts;
    }

    /// <summary>What the expression threw.</summary>
    public Exception Exception { get; }

    /// <summary>The expression.</summary>
    public LambdaExpression Expression { get; }

    /// <summary>The rules that use the expression (shared nodes serve several).</summary>
    public IReadOnlyList<IRuleDefinition> Rules { get; }

    /// <summary>The values the expression was evaluated on.</summary>
    public IReadOnlyList<object?> Facts { get; }

    /// <summary>Set to <see langword="true"/> to swallow the error (the expression counts as not matching).</summary>
    public bool IsHandled { get; set; }
}

/// <summary>An action failed.</summary>
/// <remarks>Not thread-safe; <see cref="IsHandled"/> is set by handlers.</remarks>
public sealed class RhsExpressionErrorEventArgs : EventArgs
{
    /// <summary>Makes the arguments.</summary>
    /// <param name="exception">What the action threw.</param>
    /// <param name="expression">The action.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="facts">The matched values.</param>
    public RhsExpressionErrorEventArgs(Exception exception, LambdaExpression expression, IRuleDefinition rule, IReadOnlyList<IFactMatch> facts)
    {
        Exception = exception;
        Expression = expression;
        Rule = rule;
        Facts = facts;
    }

    /// <summary>What the action threw.</summary>
    public Exception Exception { get; }

    /// <summary>The action.</summary>
    public LambdaExpression Expression { get; }

    /// <summary>The rule.</summary>
    public IRuleDefinition Rule { get; }

    /// <summary>The matched values.</summary>
    public IReadOnlyList<IFactMatch> Facts { get; }

    /// <summary>Set to <see langword="true"/> to swallow the error and go on firing.</summary>
    public bool IsHandled { get; set; }
}
