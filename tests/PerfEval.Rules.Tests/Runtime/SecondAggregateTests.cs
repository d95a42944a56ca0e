using System.Globalization;
using System.Linq.Expressions;
using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

/// <summary>
/// Regression: a second aggregate after an earlier one over-counted (Sum then Count gave 6 for
/// 3 orders, Min then Count gave 5), because its source tuples were made again each time the
/// earlier aggregate's result changed.
/// </summary>
public sealed class SecondAggregateTests
{
    private static PatternElement Aggregate(string name, Type type, AggregateKind kind, LambdaExpression? selector, string source) =>
        Element.Pattern(
            Element.Declaration(type, name),
            null,
            Element.Aggregate(
                kind,
                selector is null ? Array.Empty<KeyValuePair<string, LambdaExpression>>() : new[] { KeyValuePair.Create(AggregateElement.SelectorName, selector) },
                P<Order>(source)));

    private static List<string> Run(AggregateKind first, Action<ISession, Order[]>? change = null)
    {
        var seen = new List<string>();
        Expression<Func<Order, decimal>> amount = a => a.Amount;
        var rule = Rule(
                "two aggregates",
                Aggregate("first", typeof(decimal), first, amount, "a"),
                Aggregate("count", typeof(int), AggregateKind.Count, null, "b"))
            .Action((Expression<Action<IContext, decimal, int>>)((ctx, first, count) => seen.Add(first.ToString(CultureInfo.InvariantCulture) + "|" + count)))
            .Build();
        var session = Session(rule);
        var orders = new[] { new Order(1, 1, 5), new Order(2, 1, 3), new Order(3, 1, 4) };
        foreach (var o in orders)
        {
            session.Insert(o);
        }

        session.Fire();
        if (change is not null)
        {
            change(session, orders);
            session.Fire();
        }

        return seen;
    }

    [Theory]
    [InlineData(AggregateKind.Sum, "12|3")]
    [InlineData(AggregateKind.Min, "3|3")]
    [InlineData(AggregateKind.Max, "5|3")]
    public void Count_after_an_earlier_aggregate_counts_each_fact_once(AggregateKind first, string expected)
    {
        Assert.Equal(new[] { expected }, Run(first));
    }

    [Fact]
    public void Count_after_sum_follows_update_and_retract()
    {
        var seen = Run(AggregateKind.Sum, (session, orders) =>
        {
            orders[0].Amount = 1;
            session.Update(orders[0]);
            session.Retract(orders[1]);
        });

        Assert.Equal(new[] { "12|3", "5|2" }, seen);
    }

    [Fact]
    public void Count_after_sum_in_the_fluent_dsl()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(SumThenCountRule)));
        var session = repository.Compile().CreateSession();
        session.InsertAll(new object[] { new Order(1, 1, 5), new Order(2, 1, 3), new Order(3, 1, 4) });
        session.Fire();

        var note = Assert.Single(session.Query<AggregateNote>());
        Assert.Equal(12m, note.Sum);
        Assert.Equal(3, note.Count);
    }

    [Fact]
    public void Count_after_sum_with_inserts_in_one_batch()
    {
        var seen = new List<string>();
        Expression<Func<Order, decimal>> amount = a => a.Amount;
        var rule = Rule(
                "two aggregates",
                Aggregate("first", typeof(decimal), AggregateKind.Sum, amount, "a"),
                Aggregate("count", typeof(int), AggregateKind.Count, null, "b"))
            .Action((Expression<Action<IContext, decimal, int>>)((ctx, first, count) => seen.Add(first.ToString(CultureInfo.InvariantCulture) + "|" + count)))
            .Build();
        var session = Session(rule);
        session.InsertAll(new object[] { new Order(1, 1, 5), new Order(2, 1, 3), new Order(3, 1, 4) });
        session.Fire();
        Assert.Equal(new[] { "12|3" }, seen);
    }
}

/// <summary>The result of <see cref="SumThenCountRule"/>.</summary>
public sealed record AggregateNote(decimal Sum, int Count);

/// <summary>The rule from the bug report: Sum, then Count, over the same facts.</summary>
public sealed class SumThenCountRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        decimal sum = 0;
        int count = 0;
        When()
            .Query(() => sum, q => q.Match<Order>().Sum(o => o.Amount))
            .Query(() => count, q => q.Match<Order>().Count());
        Then().Do(ctx => ctx.Insert(new AggregateNote(sum, count)));
    }
}
