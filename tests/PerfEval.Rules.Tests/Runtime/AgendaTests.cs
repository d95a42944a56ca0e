using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed class AgendaTests
{
    [Fact]
    public void Higher_priority_fires_first_and_ties_fire_in_activation_order()
    {
        var log = new List<string>();
        var low = Rule("low", P<Order>("o")).Priority(-1).Action(Do<Order>((ctx, o) => log.Add("low" + o.Id))).Build();
        var high = Rule("high", P<Order>("o")).Priority(10).Action(Do<Order>((ctx, o) => log.Add("high" + o.Id))).Build();
        var mid = Rule("mid", P<Order>("o")).Action(Do<Order>((ctx, o) => log.Add("mid" + o.Id))).Build();
        var session = Session(low, mid, high);
        session.InsertAll(new object[] { new Order(1, 1, 1), new Order(2, 1, 1) });
        session.Insert(new Order(3, 1, 1));

        Assert.Equal(9, session.Fire());
        Assert.Equal(new[] { "high1", "high2", "high3", "mid1", "mid2", "mid3", "low1", "low2", "low3" }, log);
    }

    [Fact]
    public void Reactivated_match_queues_behind_pending_ones_of_the_same_priority()
    {
        var log = new List<string>();
        var session = Session(Rule("r", P<Order>("o")).Action(Do<Order>((ctx, o) => log.Add(o.Id + ":" + o.Amount))).Build());
        var first = new Order(1, 1, 1);
        session.Insert(first);
        session.Fire();
        session.Insert(new Order(2, 1, 1));
        first.Amount = 5;
        session.Update(first);
        session.Insert(new Order(3, 1, 1));
        session.Fire();
        Assert.Equal(new[] { "1:1", "2:1", "1:5", "3:1" }, log);
    }

    [Fact]
    public void Retracted_match_leaves_the_agenda()
    {
        var session = Session(Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        var orders = Enumerable.Range(1, 3).Select(i => new Order(i, 1, 1)).ToList();
        session.InsertAll(orders);
        session.Retract(orders[1]);
        Assert.Equal(2, session.Agenda.Count);
        session.Retract(orders[0]);
        session.Retract(orders[2]);
        Assert.True(session.Agenda.IsEmpty);
        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void Refraction_fires_each_match_once()
    {
        var fired = new Counter();
        var session = Session(Rule("once", P<Order>("o")).Action(Do(ctx => fired.Hit())).Build());
        session.Insert(new Order(1, 1, 1));
        Assert.Equal(1, session.Fire());
        Assert.Equal(0, session.Fire());
        session.Insert(new Order(2, 1, 1));
        Assert.Equal(1, session.Fire());
        Assert.Equal(2, fired.Count);
    }

    [Fact]
    public void Repeatable_rule_fires_again_on_update_but_non_repeatable_does_not()
    {
        var log = new List<string>();
        var repeatable = Rule("r", P<Order>("o")).Action(Do<Order>((ctx, o) => log.Add("r" + o.Amount))).Build();
        var once = Rule("n", P<Order>("o")).Repeatability(RuleRepeatability.NonRepeatable).Action(Do<Order>((ctx, o) => log.Add("n" + o.Amount))).Build();
        var session = Session(repeatable, once);
        var order = new Order(1, 1, 1);
        session.Insert(order);
        session.Fire();
        order.Amount = 2;
        session.Update(order);
        Assert.Equal(1, session.Fire());
        Assert.Equal(new[] { "r1", "n1", "r2" }, log);
    }

    [Fact]
    public void Update_before_firing_does_not_duplicate_the_activation()
    {
        var session = Session(Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        var order = new Order(1, 1, 1);
        session.Insert(order);
        session.Update(order);
        Assert.Equal(1, session.Agenda.Count);
        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void Triggers_select_actions_for_activation_reactivation_and_deactivation()
    {
        var log = new List<string>();
        var rule = Rule("t", P<Order>("o"))
            .RightHandSide(A(Do<Order>((ctx, o) => log.Add("new" + o.Amount)), ActionTrigger.Activated))
            .RightHandSide(A(Do<Order>((ctx, o) => log.Add("again" + o.Amount)), ActionTrigger.Reactivated))
            .RightHandSide(A(Do<Order>((ctx, o) => log.Add("gone" + o.Amount)), ActionTrigger.Deactivated))
            .Build();
        var session = Session(rule);
        var order = new Order(1, 1, 1);
        session.Insert(order);
        session.Fire();
        order.Amount = 2;
        session.Update(order);
        session.Fire();
        session.Retract(order);
        session.Fire();
        Assert.Equal(new[] { "new1", "again2", "gone2" }, log);
    }

    [Fact]
    public void Fire_with_a_maximum_stops_and_resumes()
    {
        var session = Session(Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Rule.Name.ToString())).Build());
        session.InsertAll(Enumerable.Range(1, 5).Select(i => (object)new Order(i, 1, 1)).ToList());
        Assert.Equal(2, session.Fire(2));
        Assert.Equal(3, session.Agenda.Count);
        Assert.Equal(3, session.Fire());
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Fire(-1));
    }

    [Fact]
    public void Cancellation_stops_firing_between_rules()
    {
        using var cts = new CancellationTokenSource();
        var log = new List<int>();
        var session = Session(Rule("r", P<Order>("o"))
            .Action(Do<Order>((ctx, o) => log.Add(o.Id)))
            .Action(Do<Order>((ctx, o) => CancelAt(cts, o.Id, 2)))
            .Build());
        session.InsertAll(Enumerable.Range(1, 5).Select(i => (object)new Order(i, 1, 1)).ToList());
        Assert.Equal(2, session.Fire(cts.Token));
        Assert.Equal(new[] { 1, 2 }, log);
        Assert.Equal(3, session.Agenda.Count);
        Assert.Equal(0, session.Fire(cts.Token));
        Assert.Equal(3, session.Fire(CancellationToken.None));
    }

    [Fact]
    public void Halt_stops_after_the_current_rule()
    {
        var session = Session(Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        session.InsertAll(Enumerable.Range(1, 3).Select(i => (object)new Order(i, 1, 1)).ToList());
        Assert.Equal(1, session.Fire());
        Assert.Equal(2, session.Agenda.Count);
        Assert.Equal(1, session.Fire());
        Assert.Equal(1, session.Agenda.Count);
    }

    internal static void CancelAt(CancellationTokenSource cts, int id, int at)
    {
        if (id == at)
        {
            cts.Cancel();
        }
    }
}
