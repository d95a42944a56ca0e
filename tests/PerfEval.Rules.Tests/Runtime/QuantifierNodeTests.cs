using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed class QuantifierNodeTests
{
    private static (ISession Session, List<int> Fired) NotRefunded()
    {
        var fired = new List<int>();
        var rule = Rule(
                "order without refund",
                P<Order>("o"),
                Element.Not(P<Refund>("r", X<Refund, Order>((r, o) => r.OrderId == o.Id))))
            .Action(Do<Order>((ctx, o) => fired.Add(o.Id))).Build();
        return (Session(rule), fired);
    }

    [Fact]
    public void Not_blocks_while_a_matching_fact_exists_and_releases_on_retract_or_update()
    {
        var (session, fired) = NotRefunded();
        var o1 = new Order(1, 1, 10);
        var o2 = new Order(2, 1, 10);
        var refund = new Refund(1);
        session.InsertAll(new object[] { o1, o2, refund });
        Assert.Equal(1, session.Agenda.Count);

        refund.OrderId = 2;
        session.Update(refund);
        session.Fire();
        Assert.Equal(new[] { 1 }, fired);

        session.Retract(refund);
        session.Fire();
        Assert.Equal(new[] { 1, 2 }, fired);

        session.Insert(new Refund(2));
        session.Insert(new Refund(1));
        Assert.True(session.Agenda.IsEmpty);
    }

    [Fact]
    public void Not_at_the_start_of_a_rule_holds_in_an_empty_session()
    {
        var fired = new Counter();
        var rule = Rule("no orders", Element.Not(P<Order>("o"))).Action(Do(ctx => fired.Hit())).Build();
        var session = Session(rule);
        Assert.Equal(1, session.Fire());
        session.Insert(new Order(1, 1, 1));
        session.Retract(session.Query<Order>().Single());
        Assert.Equal(1, session.Fire());
        Assert.Equal(2, fired.Count);
    }

    [Fact]
    public void Exists_fires_once_however_many_facts_match_and_goes_away_with_the_last()
    {
        var fired = new List<int>();
        var rule = Rule(
                "customer with orders",
                P<Customer>("c"),
                Element.Exists(P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id))))
            .Action(Do<Customer>((ctx, c) => fired.Add(c.Id))).Build();
        var session = Session(rule);
        var a = new Order(1, 7, 1);
        var b = new Order(2, 7, 1);
        session.InsertAll(new object[] { new Customer(7), a, b, new Order(3, 8, 1) });
        Assert.Equal(1, session.Agenda.Count);
        session.Retract(a);
        Assert.Equal(1, session.Agenda.Count);
        session.Retract(b);
        Assert.Equal(0, session.Agenda.Count);
        session.Insert(b);
        Assert.Equal(1, session.Fire());
        Assert.Equal(new[] { 7 }, fired);
    }

    [Fact]
    public void Not_over_an_and_group_needs_the_whole_group_to_match()
    {
        var fired = new Counter();
        var rule = Rule(
                "customer without refunded order",
                P<Customer>("c"),
                Element.Not(Element.And(
                    P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)),
                    P<Refund>("r", X<Refund, Order>((r, o) => r.OrderId == o.Id)))))
            .Action(Do(ctx => fired.Hit())).Build();
        var session = Session(rule);
        session.InsertAll(new object[] { new Customer(1), new Order(5, 1, 1), new Refund(6) });
        Assert.Equal(1, session.Agenda.Count);
        var refund = new Refund(5);
        session.Insert(refund);
        Assert.Equal(0, session.Agenda.Count);
        session.Retract(refund);
        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void ForAll_holds_only_while_every_base_fact_satisfies_the_patterns()
    {
        var fired = new Counter();
        var rule = Rule(
                "all orders positive",
                P<Customer>("c"),
                Element.ForAll(
                    P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)),
                    new[] { P<Order>("o", X<Order>(o => o.Amount > 0)) }))
            .Action(Do(ctx => fired.Hit())).Build();
        var session = Session(rule);
        var bad = new Order(2, 1, -5);
        session.InsertAll(new object[] { new Customer(1), new Order(1, 1, 10), bad, new Order(3, 2, -1) });
        Assert.Equal(0, session.Agenda.Count);
        bad.Amount = 5;
        session.Update(bad);
        Assert.Equal(1, session.Fire());
        Assert.Equal(1, fired.Count);
    }
}
