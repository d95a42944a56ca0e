using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Tests;

public sealed class Customer
{
    public Customer(int id, bool preferred = true)
    {
        Id = id;
        IsPreferred = preferred;
    }

    public int Id { get; set; }

    public bool IsPreferred { get; set; }

    public override string ToString() => "Customer#" + Id;
}

public sealed class Order
{
    public Order(int id, int customerId, decimal amount)
    {
        Id = id;
        CustomerId = customerId;
        Amount = amount;
    }

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public decimal Amount { get; set; }

    public override string ToString() => "Order#" + Id;
}

public sealed class Refund
{
    public Refund(int orderId) => OrderId = orderId;

    public int OrderId { get; set; }
}

public sealed record Invoice(int OrderId);

public sealed record Summary(int CustomerId, decimal Total);

/// <summary>Short-hands for building rule-model rules in tests.</summary>
internal static class R
{
    public static Declaration D<T>(string name) => Element.Declaration(typeof(T), name);

    public static ConditionElement C(LambdaExpression e) => Element.Condition(e);

    public static PatternElement P<T>(string name, params LambdaExpression[] conditions) =>
        Element.Pattern(D<T>(name), conditions.Select(Element.Condition));

    public static ActionElement A(LambdaExpression e, ActionTrigger trigger = ActionTrigger.Activated | ActionTrigger.Reactivated) => Element.Action(e, trigger);

    public static Expression<Func<T, bool>> X<T>(Expression<Func<T, bool>> e) => e;

    public static Expression<Func<T1, T2, bool>> X<T1, T2>(Expression<Func<T1, T2, bool>> e) => e;

    public static Expression<Action<IContext>> Do(Expression<Action<IContext>> e) => e;

    public static Expression<Action<IContext, T>> Do<T>(Expression<Action<IContext, T>> e) => e;

    public static Expression<Action<IContext, T1, T2>> Do<T1, T2>(Expression<Action<IContext, T1, T2>> e) => e;

    public static RuleBuilder Rule(string name, params RuleElement[] lhs)
    {
        var b = new RuleBuilder().Name(name);
        foreach (var e in lhs)
        {
            b.LeftHandSide(e);
        }

        return b;
    }

    public static ISession Session(params IRuleDefinition[] rules) => new RuleCompiler().Compile(rules).CreateSession();
}

public sealed class Counter
{
    public int Count { get; private set; }

    public void Hit() => Count++;
}
