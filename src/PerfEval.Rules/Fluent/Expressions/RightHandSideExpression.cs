using System.Linq.Expressions;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>The DSL's right-hand side builder: records actions in order.</summary>
internal sealed class RightHandSideExpression : IRightHandSideExpression
{
    private const ActionTrigger DefaultTrigger = ActionTrigger.Activated | ActionTrigger.Reactivated;
    private readonly DefinitionContext _context;

    public RightHandSideExpression(DefinitionContext context) => _context = context;

    public IRightHandSideExpression Do(Expression<Action<IContext>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _context.Actions.Add(new ActionNode(ActionKind.Do, action, DefaultTrigger));
        return this;
    }

    public IRightHandSideExpression Action(Expression<Action<IContext>> action, ActionTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (trigger == ActionTrigger.None || (trigger & ~(ActionTrigger.Activated | ActionTrigger.Reactivated | ActionTrigger.Deactivated)) != 0)
        {
            throw _context.Error("an action's trigger must be a combination of Activated, Reactivated and Deactivated; got " + trigger + ".");
        }

        _context.Actions.Add(new ActionNode(ActionKind.Do, action, trigger));
        return this;
    }

    public IRightHandSideExpression Yield<TFact>(Expression<Func<IContext, TFact>> yield)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(yield);
        _context.Actions.Add(new ActionNode(ActionKind.Yield, yield, DefaultTrigger, yieldKey: _context.NextYieldKey()));
        return this;
    }

    public IRightHandSideExpression Yield<TFact>(Expression<Func<IContext, TFact>> yieldInsert, Expression<Func<IContext, TFact, TFact>> yieldUpdate)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(yieldInsert);
        ArgumentNullException.ThrowIfNull(yieldUpdate);
        _context.Actions.Add(new ActionNode(ActionKind.YieldWithUpdate, yieldInsert, DefaultTrigger, yieldUpdate, _context.NextYieldKey()));
        return this;
    }
}

/// <summary>The DSL's dependency builder.</summary>
internal sealed class DependencyExpression : IDependencyExpression
{
    private readonly DefinitionContext _context;

    public DependencyExpression(DefinitionContext context) => _context = context;

    public IDependencyExpression Resolve<TService>(Expression<Func<TService>> alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var symbol = _context.Declare(alias, typeof(TService), SymbolKind.Dependency, _context.DependencyScope, "Dependency().Resolve<" + TypeNames.Of(typeof(TService)) + ">");
        _context.Dependencies.Add(symbol);
        return this;
    }
}
