using System.Linq.Expressions;
using PerfEval.Rules.Events;
using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;
using IndicatorInput = PerfEval.Rules.Tests.Fluent.EndToEnd.IndicatorInput;
using ProportionalRule = PerfEval.Rules.Tests.Fluent.EndToEnd.ProportionalRule;
using Score = PerfEval.Rules.Tests.Fluent.EndToEnd.Score;
using ScoringMethod = PerfEval.Rules.Tests.Fluent.EndToEnd.ScoringMethod;

// Every C# sample of docs/rules-engine.md, compiled and run. Keep the two in step: a sample
// changed in the guide is changed here (the section name is in each comment). The guide's first
// sample, DESIGN.md's rule, is Fluent/EndToEnd/DesignExample.cs (one class of that name and tag per
// test assembly, so that loading it by tag from the assembly works as written).
namespace PerfEval.Rules.Tests.Docs;

// ---- §Writing rules: facts ------------------------------------------------------------------

public sealed class Customer
{
    public Customer(int id) => Id = id;

    public int Id { get; }

    public bool IsPreferred { get; set; }
}

public sealed class Order
{
    public Order(int id, int customerId, decimal amount)
    {
        Id = id;
        CustomerId = customerId;
        Amount = amount;
    }

    public int Id { get; }

    public int CustomerId { get; set; }

    public decimal Amount { get; set; }
}

public sealed record Refund(int OrderId);

public sealed record Discount(int CustomerId, decimal Total, decimal Percent);

public sealed record Alert(string Text);

public interface IClock
{
    DateOnly Today { get; }
}

// ---- §Writing rules: joins, aggregates, Let, Having, Yield -----------------------------------

[Name("preferred-discount"), Tag("pricing")]
public sealed class PreferredDiscountRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        decimal total = 0;
        int count = 0;
        decimal percent = 0;
        When()
            .Match(() => customer, c => c.IsPreferred)
            .Query(() => total, q => q.Match<Order>(o => o.CustomerId == customer.Id).Sum(o => o.Amount))
            .Query(() => count, q => q.Match<Order>(o => o.CustomerId == customer.Id).Count())
            .Let(() => percent, () => count >= 3 ? 10m : 5m)
            .Having(() => total >= 100m);
        Then().Yield(ctx => new Discount(customer.Id, total, percent));
    }
}

[Name("unrefunded-large-order"), Tag("audit")]
public sealed class UnrefundedLargeOrderRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When()
            .Match(() => order, o => o.Amount > 1000m)
            .Not<Refund>(r => r.OrderId == order.Id)
            .Exists<Customer>(c => c.Id == order.CustomerId);
        Then().Yield(ctx => new Alert("large order " + order.Id));
    }
}

[Name("orders-by-customer"), Tag("audit")]
public sealed class BusyCustomerRule : Rule
{
    public override void Define()
    {
        IGrouping<int, Order> group = null!;
        When()
            .Query(() => group, q => q.Match<Order>().GroupBy(o => o.CustomerId))
            .Having(() => group.Count() > 2);
        Then().Yield(ctx => new Alert("busy customer " + group.Key));
    }
}

[Name("stale-order"), Tag("audit"), Priority(-1), Repeatability(RuleRepeatability.NonRepeatable)]
public sealed class StaleOrderRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        IClock clock = null!;
        Dependency().Resolve(() => clock);
        When()
            .Match(() => order)
            .Or(x => x
                .Not<Customer>(c => c.Id == order.CustomerId)
                .Match<Refund>(r => r.OrderId == order.Id));
        Then().Do(ctx => ctx.Insert(new Alert("check order " + order.Id + " on " + clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }
}

public sealed class FixedClock : IClock
{
    public DateOnly Today => new(2026, 1, 31);
}

/// <summary>§Dependencies: a resolver over a dictionary (hosts usually wrap their container).</summary>
public sealed class DictionaryResolver : IDependencyResolver
{
    private readonly Dictionary<Type, object> _services = new();

    public DictionaryResolver Add<T>(T service)
        where T : notnull
    {
        _services.Add(typeof(T), service);
        return this;
    }

    public object Resolve(IResolutionContext context, Type serviceType) => _services[serviceType];
}

public sealed class RulesEngineGuideTests
{
    // The test assembly holds other rules; the guide's rules are loaded from this namespace only.
    private static bool InGuide(IRuleMetadata r) => r.RuleType.Namespace == typeof(RulesEngineGuideTests).Namespace;

    private static ISessionFactory CompileGuideRules(string tag)
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(RulesEngineGuideTests).Assembly).Where(InGuide).Where(r => r.IsTagged(tag)));
        return repository.Compile();
    }

    [Fact]
    public void Loading_the_design_rule_by_tag_and_firing_it()
    {
        // §Loading rules
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ProportionalRule).Assembly).Where(r => r.IsTagged("scoring")).To("national"));
        ISessionFactory factory = repository.Compile();

        // §Sessions
        ISession session = factory.CreateSession();
        session.InsertAll(new object[]
        {
            new IndicatorInput("satisfaction", ScoringMethod.Proportional, 45m, 50m, 10m),
            new IndicatorInput("cost", ScoringMethod.Reverse, 80m, 100m, 5m),
        });
        int fired = session.Fire();
        Score score = session.Query<Score>().Single();

        Assert.Equal("national", repository.GetRuleSets().Single().Name);
        Assert.Equal(1, fired);
        Assert.Equal("satisfaction", score.Code);
        Assert.Equal(9m, score.Points);
    }

    [Fact]
    public void Aggregates_let_having_and_yield_follow_updates_and_retractions()
    {
        var session = CompileGuideRules("pricing").CreateSession();
        var customer = new Customer(1) { IsPreferred = true };
        var big = new Order(1, 1, 80m);
        session.InsertAll(new object[] { customer, big, new Order(2, 1, 30m), new Order(3, 2, 500m) });
        session.Fire();
        Assert.Equal(new Discount(1, 110m, 5m), session.Query<Discount>().Single());

        session.Insert(new Order(4, 1, 10m));
        session.Fire();
        Assert.Equal(new Discount(1, 120m, 10m), session.Query<Discount>().Single());

        session.Retract(big);
        session.Fire();
        Assert.Empty(session.Query<Discount>());
    }

    [Fact]
    public void Not_exists_group_by_and_or()
    {
        var session = CompileGuideRules("audit").CreateSession();
        session.DependencyResolver = new DictionaryResolver().Add<IClock>(new FixedClock());
        var large = new Order(1, 1, 2000m);
        session.InsertAll(new object[] { new Customer(1), large, new Order(2, 1, 1m), new Order(3, 1, 1m), new Order(4, 9, 1m), new Refund(2) });
        session.Fire();
        Assert.Equal(
            new[] { "busy customer 1", "check order 2 on 2026-01-31", "check order 4 on 2026-01-31", "large order 1" },
            session.Query<Alert>().Select(a => a.Text).Order(StringComparer.Ordinal));

        session.Insert(new Refund(1));
        session.Fire();
        Assert.DoesNotContain(session.Query<Alert>(), a => a.Text == "large order 1");
        Assert.Contains(session.Query<Alert>(), a => a.Text == "check order 1 on 2026-01-31");
    }

    [Fact]
    public void A_rule_made_from_data_with_the_rule_builder()
    {
        // §Rules made from data
        var thresholds = new[] { ("big-order", 1000m, 10), ("huge-order", 10000m, 20) };
        var definitions = new List<IRuleDefinition>();
        foreach (var (name, threshold, priority) in thresholds)
        {
            var order = Element.Declaration(typeof(Order), "order");
            Expression<Func<Order, bool>> condition = order => order.Amount > threshold;
            Expression<Action<IContext, Order>> action = (ctx, order) => ctx.Insert(new Alert(name + " " + order.Id));
            definitions.Add(new RuleBuilder()
                .Name(name)
                .Priority(priority)
                .Tag("from-data")
                .LeftHandSide(Element.Pattern(order, new[] { Element.Condition(condition) }))
                .Action(action)
                .Build());
        }

        var ruleSet = new RuleSet("data");
        ruleSet.Add(definitions);
        var repository = new RuleRepository();
        repository.Add(ruleSet);
        var session = repository.Compile().CreateSession();

        session.Insert(new Order(7, 1, 20000m));
        session.Fire();
        Assert.Equal(new[] { "huge-order 7", "big-order 7" }, session.Query<Alert>().Select(a => a.Text));
    }

    [Fact]
    public void Session_lifecycle()
    {
        // §Sessions
        ISessionFactory factory = CompileGuideRules("pricing");
        ISession session = factory.CreateSession();
        var customer = new Customer(1) { IsPreferred = true };
        var order = new Order(1, 1, 150m);
        session.Insert(customer);
        session.InsertAll(new object[] { order, new Order(2, 1, 5m) });
        bool again = session.TryInsert(order);            // false: already in working memory
        session.Fire();

        order.Amount = 50m;                               // change a fact, then tell the session
        session.Update(order);
        int fired = session.Fire(maxRulesNumber: 10);     // at most 10 rules
        bool gone = !session.Query<Discount>().Any();     // total 55 < 100: the yielded discount went

        session.Retract(customer);
        using var cts = new CancellationTokenSource();
        session.Fire(cts.Token);                          // stops between rules when cancelled; does not throw

        Assert.False(again);
        Assert.Equal(0, fired);
        Assert.True(gone);
        Assert.Equal(2, session.Query<Order>().Count());
        Assert.Throws<ArgumentException>(() => session.Retract(customer));
    }

    [Fact]
    public void Linked_facts_go_with_their_cause()
    {
        var session = CompileGuideRules("audit").CreateSession();
        session.DependencyResolver = new DictionaryResolver().Add<IClock>(new FixedClock());
        var customer = new Customer(1);
        session.InsertAll(new object[] { customer, new Order(1, 1, 5000m) });
        session.Fire();
        Assert.Contains(session.Query<Alert>(), a => a.Text == "large order 1");

        session.Retract(customer);   // the Exists no longer holds: the yielded alert is retracted at once
        Assert.DoesNotContain(session.Query<Alert>(), a => a.Text == "large order 1");
    }

    [Fact]
    public void Priority_order_and_refraction()
    {
        var log = new List<string>();
        IRuleDefinition Logging(string name, int priority, RuleRepeatability repeatability)
        {
            Expression<Action<IContext, Order>> action = (ctx, o) => log.Add(name + " " + o.Id);
            return new RuleBuilder().Name(name).Priority(priority).Repeatability(repeatability)
                .LeftHandSide(Element.Pattern(Element.Declaration(typeof(Order), "o"), Array.Empty<ConditionElement>()))
                .Action(action).Build();
        }

        var session = new RuleCompiler().Compile(new[]
        {
            Logging("low", 0, RuleRepeatability.Repeatable),
            Logging("high", 5, RuleRepeatability.NonRepeatable),
        }).CreateSession();
        var first = new Order(1, 1, 1m);
        session.InsertAll(new object[] { first, new Order(2, 1, 1m) });
        session.Fire();
        session.Fire();                // refraction: nothing left to fire
        session.Update(first);
        session.Fire();                // only the repeatable rule fires again

        Assert.Equal(new[] { "high 1", "high 2", "low 1", "low 2", "low 1" }, log);
    }

    [Fact]
    public void One_factory_many_threads()
    {
        ISessionFactory factory = CompileGuideRules("pricing");
        var totals = new decimal[64];
        Parallel.For(0, totals.Length, i =>
        {
            ISession session = factory.CreateSession();     // one session per unit of work, per thread
            session.InsertAll(new object[] { new Customer(1) { IsPreferred = true }, new Order(1, 1, 100m + i) });
            session.Fire();
            totals[i] = session.Query<Discount>().Single().Total;
        });

        Assert.Equal(Enumerable.Range(0, 64).Select(i => 100m + i), totals);
    }

    [Fact]
    public void Events_and_failures()
    {
        // §Diagnostics
        ISession session = CompileGuideRules("pricing").CreateSession();
        var log = new List<string>();
        session.Events.FactInsertedEvent += (_, e) => log.Add("inserted " + e.FactType.Name);
        session.Events.ActivationCreatedEvent += (_, e) => log.Add("activation " + e.Rule.Name);
        session.Events.RuleFiredEvent += (_, e) => log.Add("fired " + e.Rule.Name);
        session.InsertAll(new object[] { new Customer(1) { IsPreferred = true }, new Order(1, 1, 100m) });
        session.Fire();

        Assert.Equal(
            new[] { "activation preferred-discount", "inserted Customer", "inserted Order", "inserted Discount", "fired preferred-discount" },
            log);
    }

    [Fact]
    public void Failures_are_events_first_then_exceptions()
    {
        Expression<Func<Order, bool>> divides = o => 100m / o.Amount > 1m;
        Expression<Action<IContext, Order>> action = (ctx, o) => ctx.Insert(new Alert("ok " + o.Id));
        var rule = new RuleBuilder().Name("divide")
            .LeftHandSide(Element.Pattern(Element.Declaration(typeof(Order), "o"), new[] { Element.Condition(divides) }))
            .Action(action).Build();
        ISessionFactory factory = new RuleCompiler().Compile(new[] { rule });

        // Unhandled: the operation throws an exception naming the rule, the expression and the facts.
        var session = factory.CreateSession();
        var zero = new Order(1, 1, 0m);
        var ex = Assert.Throws<RuleLhsExpressionEvaluationException>(() => session.Insert(zero));
        Assert.Equal("divide", ex.RuleName);
        Assert.Same(zero, ex.Facts.Single());
        Assert.IsType<DivideByZeroException>(ex.InnerException);

        // Handled: the condition counts as false and the session goes on.
        var handled = factory.CreateSession();
        handled.Events.LhsExpressionFailedEvent += (_, e) => e.IsHandled = true;
        handled.InsertAll(new object[] { new Order(2, 1, 0m), new Order(3, 1, 1m) });
        handled.Fire();
        Assert.Equal("ok 3", handled.Query<Alert>().Single().Text);
    }

    [Fact]
    public void Equal_records_are_one_fact()
    {
        // §Changing facts: identity is Equals, so a second equal record is the same fact.
        Expression<Action<IContext, Order>> action = (ctx, o) => ctx.Insert(new Alert("same"));
        var rule = new RuleBuilder().Name("same-alert")
            .LeftHandSide(Element.Pattern(Element.Declaration(typeof(Order), "o"), Array.Empty<ConditionElement>()))
            .Action(action).Build();
        var session = new RuleCompiler().Compile(new[] { rule }).CreateSession();
        Assert.Throws<ArgumentException>(() => session.InsertAll(new object[] { new Alert("a"), new Alert("a") }));
        session.InsertAll(new object[] { new Order(1, 1, 1m), new Order(2, 1, 1m) });

        var ex = Assert.Throws<RuleRhsExpressionEvaluationException>(() => session.Fire());
        Assert.Equal("same-alert", ex.RuleName);
        Assert.IsType<ArgumentException>(ex.InnerException);
    }
}
