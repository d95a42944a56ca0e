using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed partial class SessionTests
{
    [Fact]
    public void Pattern_with_alpha_condition_fires_once_per_matching_fact()
    {
        var fired = new List<int>();
        var rule = Rule("big orders", P<Order>("o", X<Order>(o => o.Amount > 100)))
            .Action(Do<Order>((ctx, o) => fired.Add(o.Id))).Build();
        var session = Session(rule);
        session.InsertAll(new object[] { new Order(1, 1, 50), new Order(2, 1, 150), new Order(3, 1, 500) });

        Assert.Equal(2, session.Fire());
        Assert.Equal(new[] { 2, 3 }, fired);
        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void Equality_join_follows_updates_and_retractions()
    {
        var matches = new List<int>();
        var rule = Rule(
                "order of customer",
                P<Customer>("c", X<Customer>(c => c.IsPreferred)),
                P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)))
            .Action(Do<Customer, Order>((ctx, c, o) => matches.Add((c.Id * 100) + o.Id))).Build();
        var session = Session(rule);
        var c1 = new Customer(1);
        var c2 = new Customer(2);
        var o1 = new Order(10, 1, 5);
        var o2 = new Order(20, 2, 5);
        session.InsertAll(new object[] { c1, c2, o1, o2 });
        Assert.Equal(2, session.Agenda.Count);

        o2.CustomerId = 1;
        session.Update(o2);
        session.Retract(c2);
        session.Fire();
        Assert.Equal(new[] { 110, 120 }, matches.Order());

        c1.IsPreferred = false;
        session.Update(c1);
        Assert.True(session.Agenda.IsEmpty);
    }
}
