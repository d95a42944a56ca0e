using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed class AggregateNodeTests
{
    private static PatternElement OrdersOf(string name) => P<Order>(name, X<Order, Customer>((o, c) => o.CustomerId == c.Id));

    private static PatternElement Query(string name, Type type, AggregateKind kind, params (string Name, LambdaExpression Expression)[] expressions) =>
        Element.Pattern(
            Element.Declaration(type, name),
            null,
            Element.Aggregate(kind, expressions.Select(e => new KeyValuePair<string, LambdaExpression>(e.Name, e.Expression)), OrdersOf("o")));

    [Fact]
    public void Collect_sum_and_count_follow_inserts_updates_and_retracts()
    {
        var seen = new List<string>();
        Expression<Func<Order, decimal>> amount = o => o.Amount;
        var rule = Rule(
                "totals",
                P<Customer>("c"),
                Query("orders", typeof(IReadOnlyCollection<Order>), AggregateKind.Collect),
                Query("total", typeof(decimal), AggregateKind.Sum, (AggregateElement.SelectorName, amount)),
                Query("count", typeof(int), AggregateKind.Count))
            .Action((Expression<Action<IContext, IReadOnlyCollection<Order>, decimal, int>>)((ctx, orders, total, count) =>
                seen.Add(string.Join(",", orders.Select(o => o.Id)) + "|" + total.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + count)))
            .Build();
        var session = Session(rule);
        session.Insert(new Customer(1));
        session.Fire();
        var a = new Order(1, 1, 10.5m);
        var b = new Order(2, 1, 0.25m);
        session.InsertAll(new object[] { a, b, new Order(3, 2, 100) });
        session.Fire();
        a.Amount = 1;
        session.Update(a);
        session.Fire();
        session.Retract(b);
        session.Fire();

        Assert.Equal(new[] { "|0|0", "1,2|10.75|2", "1,2|1.25|2", "1|1.00|1" }, seen);
    }

    [Fact]
    public void Collect_keeps_arrival_order_across_removals()
    {
        var seen = new List<string>();
        var rule = Rule("collect", P<Customer>("c"), Query("orders", typeof(IReadOnlyCollection<Order>), AggregateKind.Collect))
            .Action((Expression<Action<IContext, IReadOnlyCollection<Order>>>)((ctx, orders) => seen.Add(string.Join(",", orders.Select(o => o.Id)))))
            .Build();
        var session = Session(rule);
        var orders = Enumerable.Range(1, 3).Select(i => new Order(i, 1, 1)).ToList();
        session.Insert(new Customer(1));
        session.InsertAll(orders);
        session.Retract(orders[1]);
        session.Insert(new Order(4, 1, 1));
        session.Fire();
        Assert.Equal(new[] { "1,3,4" }, seen);
    }

    [Fact]
    public void Min_and_max_have_no_result_without_facts()
    {
        var seen = new List<string>();
        Expression<Func<Order, decimal>> amount = o => o.Amount;
        var rule = Rule(
                "range",
                P<Customer>("c"),
                Query("min", typeof(decimal), AggregateKind.Min, (AggregateElement.SelectorName, amount)),
                Query("max", typeof(decimal), AggregateKind.Max, (AggregateElement.SelectorName, amount)))
            .Action((Expression<Action<IContext, decimal, decimal>>)((ctx, min, max) => seen.Add(min + ".." + max)))
            .Build();
        var session = Session(rule);
        session.Insert(new Customer(1));
        Assert.Equal(0, session.Fire());
        var low = new Order(1, 1, 3);
        session.InsertAll(new object[] { low, new Order(2, 1, 7), new Order(3, 1, 5) });
        session.Fire();
        session.Retract(low);
        session.Fire();
        Assert.Equal(new[] { "3..7", "5..7" }, seen);
    }

    [Fact]
    public void GroupBy_makes_one_match_per_key_and_regroups_on_update()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        Expression<Func<Order, int>> key = o => o.CustomerId;
        var group = Element.Pattern(
            Element.Declaration(typeof(IGrouping<int, Order>), "g"),
            new[] { Element.Condition((Expression<Func<IGrouping<int, Order>, bool>>)(g => g.Count() > 1)) },
            Element.Aggregate(AggregateKind.GroupBy, new[] { KeyValuePair.Create<string, LambdaExpression>(AggregateElement.KeySelectorName, key) }, P<Order>("o")));
        var rule = Rule("groups", group)
            .Action((Expression<Action<IContext, IGrouping<int, Order>>>)((ctx, g) => seen.Add(g.Key + ":" + string.Join(",", g.Select(o => o.Id)))))
            .Build();
        var session = Session(rule);
        var moved = new Order(3, 2, 1);
        session.InsertAll(new object[] { new Order(1, 1, 1), new Order(2, 1, 1), moved, new Order(4, 3, 1) });
        session.Fire();
        Assert.Equal(new[] { "1:1,2" }, seen);
        moved.CustomerId = 3;
        session.Update(moved);
        session.Fire();
        Assert.Equal(new[] { "1:1,2", "3:4,3" }, seen);
    }

    [Fact]
    public void Project_and_flatten_make_one_match_per_value()
    {
        var projected = new List<decimal>();
        var flattened = new List<int>();
        Expression<Func<Order, decimal>> amount = o => o.Amount;
        Expression<Func<Order, IEnumerable<int>>> digits = o => new[] { o.Id, o.Id * 10 };
        var project = Rule("project", Element.Pattern(Element.Declaration(typeof(decimal), "a"), null, Element.Aggregate(AggregateKind.Project, new[] { KeyValuePair.Create<string, LambdaExpression>(AggregateElement.SelectorName, amount) }, P<Order>("o"))))
            .Action((Expression<Action<IContext, decimal>>)((ctx, a) => projected.Add(a))).Build();
        var flatten = Rule("flatten", Element.Pattern(Element.Declaration(typeof(int), "d"), null, Element.Aggregate(AggregateKind.Flatten, new[] { KeyValuePair.Create<string, LambdaExpression>(AggregateElement.SelectorName, digits) }, P<Order>("o"))))
            .Action((Expression<Action<IContext, int>>)((ctx, d) => flattened.Add(d))).Build();
        var session = Session(project, flatten);
        session.InsertAll(new object[] { new Order(1, 1, 2.5m), new Order(2, 1, 4) });
        session.Fire();
        Assert.Equal(new[] { 2.5m, 4m }, projected.Order());
        Assert.Equal(new[] { 1, 2, 10, 20 }, flattened.Order());
    }

    [Fact]
    public void Let_and_having_filter_on_computed_values()
    {
        var fired = new List<decimal>();
        var rule = Rule(
                "double",
                P<Order>("o"),
                Element.Binding(D<decimal>("twice"), (Expression<Func<Order, decimal>>)(o => o.Amount * 2)),
                Element.Filter((Expression<Func<decimal, bool>>)(twice => twice > 10)))
            .Action((Expression<Action<IContext, decimal>>)((ctx, twice) => fired.Add(twice))).Build();
        var session = Session(rule);
        var o = new Order(1, 1, 4);
        session.Insert(o);
        Assert.Equal(0, session.Fire());
        o.Amount = 6;
        session.Update(o);
        Assert.Equal(1, session.Fire());
        Assert.Equal(new[] { 12m }, fired);
    }
}
