using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed partial class SessionTests
{
    private static ISession BigOrders(List<int> fired) =>
        Session(Rule("big", P<Order>("o", X<Order>(o => o.Amount > 10))).Action(Do<Order>((ctx, o) => fired.Add(o.Id))).Build());

    [Fact]
    public void UpdateAll_and_RetractAll_change_every_fact_or_none()
    {
        var fired = new List<int>();
        var session = BigOrders(fired);
        var orders = Enumerable.Range(1, 4).Select(i => new Order(i, 1, i * 5)).ToList();
        session.InsertAll(orders);
        Assert.Equal(2, session.Agenda.Count);

        orders.ForEach(o => o.Amount = 100);
        session.UpdateAll(orders);
        Assert.Equal(4, session.Agenda.Count);

        Assert.Throws<ArgumentException>(() => session.RetractAll(new object[] { orders[0], new Order(9, 1, 1) }));
        Assert.Equal(4, session.Query<Order>().Count());
        Assert.Throws<ArgumentException>(() => session.UpdateAll(new object[] { orders[0], orders[0] }));

        session.RetractAll(orders.Take(3));
        Assert.Equal(1, session.Fire());
        Assert.Equal(new[] { 4 }, fired);
        Assert.True(session.TryUpdate(orders[3]));
        Assert.False(session.TryUpdate(orders[0]));
    }

    [Fact]
    public void InsertAll_of_mixed_types_matches_like_single_inserts()
    {
        var joined = new List<int>();
        var rule = Rule("join", P<Customer>("c"), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)))
            .Action(Do<Order>((ctx, o) => joined.Add(o.Id))).Build();
        var batch = Session(rule);
        var single = Session(rule);
        var facts = new object[] { new Order(1, 1, 1), new Customer(1), new Order(2, 1, 1), new Customer(2), new Order(3, 2, 1), new Order(4, 3, 1) };
        batch.InsertAll(facts);
        foreach (var f in facts)
        {
            single.Insert(f);
        }

        Assert.Equal(3, batch.Fire());
        var fromBatch = joined.Order().ToList();
        joined.Clear();
        Assert.Equal(3, single.Fire());
        Assert.Equal(fromBatch, joined.Order());
        Assert.Equal(new[] { 1, 2, 3 }, fromBatch);
    }

    [Fact]
    public void Session_resolver_overrides_the_factory_resolver()
    {
        var factory = new RuleCompiler().Compile(new[] { Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Insert(ctx.Resolve(typeof(string))))).Build() });
        factory.DependencyResolver = new Fixed("factory");
        var session = factory.CreateSession();
        session.DependencyResolver = new Fixed("session");
        session.Insert(new Order(1, 1, 1));
        session.Fire();
        Assert.Equal(new[] { "session" }, session.Query<string>());
    }

    private sealed class Fixed : IDependencyResolver
    {
        private readonly string _value;

        public Fixed(string value) => _value = value;

        public object Resolve(IResolutionContext context, Type serviceType) => _value;
    }
}
