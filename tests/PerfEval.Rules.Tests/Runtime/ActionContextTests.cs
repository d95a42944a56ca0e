using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed class ActionContextTests
{
    public sealed record Stage(int Level, int Seed);

    [Fact]
    public void Forward_chaining_runs_several_rules_deep()
    {
        var rules = new List<IRuleDefinition>();
        for (int level = 0; level < 5; level++)
        {
            int l = level;
            rules.Add(Rule("stage" + level, P<Stage>("s", (Expression<Func<Stage, bool>>)(s => s.Level == l)))
                .Action(Do<Stage>((ctx, s) => ctx.Insert(new Stage(s.Level + 1, s.Seed))))
                .Build());
        }

        var session = Session(rules.ToArray());
        session.Insert(new Stage(0, 42));
        Assert.Equal(5, session.Fire());
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, session.Query<Stage>().Select(s => s.Level));
    }

    [Fact]
    public void Forward_chaining_through_update_and_retract()
    {
        var customer = new Customer(1, preferred: false);
        var promote = Rule("promote", P<Order>("o", X<Order>(o => o.Amount > 100)), P<Customer>("c", X<Customer, Order>((c, o) => c.Id == o.CustomerId && !c.IsPreferred)))
            .Action(Do<Customer>((ctx, c) => Promote(ctx, c))).Build();
        var invoice = Rule("invoice", P<Customer>("c", X<Customer>(c => c.IsPreferred)), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)))
            .Action(Do<Order>((ctx, o) => ctx.Insert(new Invoice(o.Id)))).Build();
        var cleanup = Rule("cleanup", P<Invoice>("i", X<Invoice>(i => i.OrderId == 2)))
            .Action(Do<Invoice>((ctx, i) => ctx.Retract(i))).Build();
        var session = Session(promote, invoice, cleanup);
        session.InsertAll(new object[] { customer, new Order(1, 1, 500), new Order(2, 1, 5) });
        session.Fire();
        Assert.True(customer.IsPreferred);
        Assert.Equal(new[] { 1 }, session.Query<Invoice>().Select(i => i.OrderId));
    }

    internal static void Promote(IContext ctx, Customer c)
    {
        c.IsPreferred = true;
        ctx.Update(c);
    }

    [Fact]
    public void Linked_facts_are_retracted_with_their_cause_and_replaced_on_refire()
    {
        Expression<Func<Order, decimal>> amount = o => o.Amount;
        var total = Element.Pattern(
            D<decimal>("total"),
            null,
            Element.Aggregate(AggregateKind.Sum, new[] { KeyValuePair.Create<string, LambdaExpression>(AggregateElement.SelectorName, amount) }, P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id))));
        var rule = Rule("summary", P<Customer>("c"), total)
            .Action((Expression<Action<IContext, Customer, decimal>>)((ctx, c, total) => Yield(ctx, new Summary(c.Id, total))))
            .Build();
        var session = Session(rule);
        var customer = new Customer(1);
        var order = new Order(1, 1, 10);
        session.InsertAll(new object[] { customer, order });
        session.Fire();
        Assert.Equal(new[] { new Summary(1, 10) }, session.Query<Summary>());

        order.Amount = 15;
        session.Update(order);
        session.Fire();
        Assert.Equal(new[] { new Summary(1, 15) }, session.Query<Summary>());

        session.Retract(customer);
        Assert.Empty(session.Query<Summary>());
    }

    internal static void Yield(IContext ctx, object fact)
    {
        if (ctx.GetLinked("y") is null)
        {
            ctx.InsertLinked("y", fact);
        }
        else
        {
            ctx.UpdateLinked("y", fact);
        }
    }

    [Fact]
    public void Linked_fact_of_a_match_that_stops_holding_after_update_is_retracted()
    {
        var rule = Rule("invoice big", P<Order>("o", X<Order>(o => o.Amount > 100)))
            .Action(Do<Order>((ctx, o) => ctx.InsertLinked("i", new Invoice(o.Id))))
            .Build();
        var session = Session(rule);
        var order = new Order(7, 1, 500);
        session.Insert(order);
        session.Fire();
        Assert.Single(session.Query<Invoice>());
        order.Amount = 1;
        session.Update(order);
        Assert.Empty(session.Query<Invoice>());
    }

    [Fact]
    public void Context_exposes_rule_facts_and_linked_keys()
    {
        var seen = new List<string>();
        var rule = Rule("facts", P<Customer>("c"), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)))
            .Action(Do(ctx => Describe(ctx, seen)))
            .Build();
        var session = Session(rule);
        session.InsertAll(new object[] { new Customer(3), new Order(4, 3, 1) });
        session.Fire();
        Assert.Equal(new[] { "facts: c=Customer#3, o=Order#4; keys=k" }, seen);
    }

    internal static void Describe(IContext ctx, List<string> seen)
    {
        ctx.InsertLinked("k", new Invoice(0));
        seen.Add(ctx.Rule.Name + ": " + string.Join(", ", ctx.Facts.Select(f => f.Declaration.Name + "=" + f.Value)) + "; keys=" + string.Join(",", ctx.GetLinkedKeys()));
    }

    [Fact]
    public void Insert_of_present_fact_and_update_of_missing_fact_throw()
    {
        var session = Session(Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        var order = new Order(1, 1, 1);
        session.Insert(order);
        Assert.Throws<ArgumentException>(() => session.Insert(order));
        Assert.False(session.TryInsert(order));
        Assert.Throws<ArgumentException>(() => session.Update(new Order(2, 1, 1)));
        Assert.Throws<ArgumentException>(() => session.Retract(new Order(2, 1, 1)));
        Assert.False(session.TryRetract(new Order(2, 1, 1)));
        Assert.Throws<ArgumentException>(() => session.InsertAll(new object[] { new Order(3, 1, 1), order }));
        Assert.Single(session.Query<Order>());
        Assert.Equal(1, session.TryInsertAll(new object[] { order, new Order(4, 1, 1) }));
    }

    private sealed class Keyed : IIdentityProvider
    {
        public Keyed(string key, int value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        public int Value { get; }

        public object GetIdentity() => Key;
    }

    [Fact]
    public void Identity_provider_decides_fact_identity_and_update_replaces_the_object()
    {
        var values = new List<int>();
        var session = Session(Rule("k", P<Keyed>("k")).Action((Expression<Action<IContext, Keyed>>)((ctx, k) => values.Add(k.Value))).Build());
        session.Insert(new Keyed("a", 1));
        Assert.Throws<ArgumentException>(() => session.Insert(new Keyed("a", 2)));
        session.Fire();
        session.Update(new Keyed("a", 3));
        session.Fire();
        Assert.Equal(new[] { 1, 3 }, values);
        Assert.Equal(3, session.Query<Keyed>().Single().Value);
        session.Retract(new Keyed("a", 0));
        Assert.Empty(session.Query<Keyed>());
    }
}
