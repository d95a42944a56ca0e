using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests;

public sealed class RuleCompilerTests
{
    public interface IDiscount
    {
        decimal Rate { get; }
    }

    private sealed class TenPercent : IDiscount
    {
        public decimal Rate => 0.1m;
    }

    private sealed class Resolver : IDependencyResolver
    {
        public List<string> Calls { get; } = new();

        public object Resolve(IResolutionContext context, Type serviceType)
        {
            Calls.Add(context.Rule.Name + ":" + serviceType.Name);
            return new TenPercent();
        }
    }

    [Fact]
    public void Or_fires_once_per_matching_branch()
    {
        var fired = new List<string>();
        var rule = Rule(
                "big or preferred",
                P<Customer>("c"),
                Element.Or(
                    P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id && o.Amount > 100)),
                    Element.And(P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)), Element.Filter((Expression<Func<Customer, bool>>)(c => c.IsPreferred)))))
            .Action(Do<Order>((ctx, o) => fired.Add(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Build();
        var session = Session(rule);
        session.InsertAll(new object[] { new Customer(1, preferred: false), new Customer(2), new Order(10, 1, 500), new Order(11, 1, 5), new Order(20, 2, 500) });
        session.Fire();
        Assert.Equal(new[] { "10", "20", "20" }, fired.Order(StringComparer.Ordinal));
        Assert.Single(new RuleCompiler().Compile(new[] { rule }).Rules);
    }

    [Fact]
    public void Dependencies_are_resolved_when_the_action_runs()
    {
        var rates = new List<decimal>();
        var resolver = new Resolver();
        var rule = Rule("discount", P<Order>("o"))
            .Dependency(Element.Dependency(D<IDiscount>("discount")))
            .Action((Expression<Action<IContext, Order, IDiscount>>)((ctx, o, discount) => rates.Add(o.Amount * discount.Rate)))
            .Build();
        var factory = new RuleCompiler().Compile(new[] { rule });
        var session = factory.CreateSession();
        session.Insert(new Order(1, 1, 50));
        Assert.Throws<RuleRhsExpressionEvaluationException>(() => session.Fire());

        factory.DependencyResolver = resolver;
        var second = factory.CreateSession();
        second.Insert(new Order(1, 1, 50));
        second.Fire();
        Assert.Equal(new[] { 5.0m }, rates);
        Assert.Equal(new[] { "discount:IDiscount" }, resolver.Calls);
    }

    [Fact]
    public void Many_threads_sharing_one_factory_get_identical_results()
    {
        var rules = Enumerable.Range(0, 20).Select(i =>
            (IRuleDefinition)Rule("r" + i, P<Customer>("c"), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id)), Element.Not(P<Refund>("r", X<Refund, Order>((r, o) => r.OrderId == o.Id))))
                .Priority(i % 3)
                .Action(Do<Customer, Order>((ctx, c, o) => ctx.TryInsert(new Invoice(o.Id))))
                .Build()).ToArray();
        var factory = new RuleCompiler().Compile(rules);

        string Run(int seed)
        {
            var session = factory.CreateSession();
            var fired = new List<string>();
            session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name + "/" + e.Facts[1].Value);
            for (int i = 0; i < 50; i++)
            {
                session.Insert(new Customer(i));
                session.Insert(new Order(i * 10, i, i));
                if (i % 4 == 0)
                {
                    session.Insert(new Refund(i * 10));
                }
            }

            session.Fire();
            return string.Join(";", fired) + "#" + session.Query<Invoice>().Count();
        }

        // The factory is fresh: delegates are compiled on first use, here by several threads at once.
        var results = new string[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Run(i));
        var expected = Run(0);
        Assert.Contains("#37", expected, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Compile_honours_cancellation_and_rejects_null_rules()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var rule = Rule("r", P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build();
        Assert.Throws<OperationCanceledException>(() => new RuleCompiler().Compile(new[] { rule }, cts.Token));
        Assert.Throws<ArgumentNullException>(() => new RuleCompiler().Compile(new IRuleDefinition[] { null! }));
    }
}
