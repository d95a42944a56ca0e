using PerfEval.Rules.Events;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Events;

public sealed class EventAggregatorTests
{
    [Fact]
    public void Session_and_factory_events_arrive_in_order()
    {
        var rule = Rule("big", P<Order>("o", X<Order>(o => o.Amount > 10))).Action(Do(ctx => ctx.Halt())).Build();
        var factory = new RuleCompiler().Compile(new[] { rule });
        var log = new List<string>();
        factory.Events.FactInsertedEvent += (_, e) => log.Add("factory inserted " + e.Fact);
        var session = factory.CreateSession();
        var ev = session.Events;
        ev.FactInsertingEvent += (_, e) => log.Add("inserting " + e.Fact);
        ev.FactInsertedEvent += (_, e) => log.Add("inserted " + e.Fact);
        ev.FactUpdatingEvent += (_, e) => log.Add("updating " + e.Fact);
        ev.FactUpdatedEvent += (_, e) => log.Add("updated " + e.Fact);
        ev.FactRetractingEvent += (_, e) => log.Add("retracting " + e.Fact);
        ev.FactRetractedEvent += (_, e) => log.Add("retracted " + e.Fact);
        ev.ActivationCreatedEvent += (_, e) => log.Add("created " + e.Rule.Name + " " + e.Facts[0].Value);
        ev.ActivationUpdatedEvent += (_, e) => log.Add("activation updated " + e.Rule.Name);
        ev.ActivationDeletedEvent += (_, e) => log.Add("deleted " + e.Rule.Name);
        ev.RuleFiringEvent += (_, e) => log.Add("firing " + e.Rule.Name);
        ev.RuleFiredEvent += (_, e) => log.Add("fired " + e.Rule.Name);

        var order = new Order(1, 1, 50);
        session.Insert(order);
        session.Fire();
        session.Update(order);
        session.Retract(order);

        Assert.Equal(
            new[]
            {
                "inserting Order#1", "created big Order#1", "inserted Order#1", "factory inserted Order#1",
                "firing big", "fired big",
                "updating Order#1", "activation updated big", "updated Order#1",
                "retracting Order#1", "deleted big", "retracted Order#1",
            },
            log);
    }

    [Fact]
    public void Events_of_one_session_do_not_reach_another()
    {
        var factory = new RuleCompiler().Compile(new[] { Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build() });
        var a = factory.CreateSession();
        var b = factory.CreateSession();
        var count = 0;
        a.Events.FactInsertedEvent += (_, _) => count++;
        b.Insert(new Order(1, 1, 1));
        a.Insert(new Order(2, 1, 1));
        Assert.Equal(1, count);
    }
}
