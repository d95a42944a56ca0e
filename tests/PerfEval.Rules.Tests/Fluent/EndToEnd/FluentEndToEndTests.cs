using PerfEval.Rules.Fluent;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Tests.Fluent.EndToEnd;

/// <summary>Rules written in the fluent DSL, compiled and run by the engine.</summary>
public sealed class FluentEndToEndTests
{
    private sealed class Resolver : IDependencyResolver
    {
        private readonly Dictionary<Type, object> _services = new();

        public Resolver Add<T>(T service)
            where T : notnull
        {
            _services.Add(typeof(T), service);
            return this;
        }

        public object Resolve(IResolutionContext context, Type serviceType) => _services[serviceType];
    }

    private static ISessionFactory Compile(params Type[] ruleTypes)
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(ruleTypes));
        return repository.Compile();
    }

    private static ISession Session(params Type[] ruleTypes) => Compile(ruleTypes).CreateSession();

    private static string[] Notes(ISession session) => session.Query<Note>().Select(n => n.Text).OrderBy(t => t, StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_design_example_loads_by_tag_compiles_and_fires()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ProportionalRule).Assembly).Where(r => r.IsTagged("scoring")).To("national"));
        Assert.Contains(repository.GetRuleSets().Single(s => s.Name == "national").Rules, r => r.Name == "满意度按比例计分");
        ISessionFactory factory = repository.Compile();

        var session = factory.CreateSession();
        session.InsertAll(new object[]
        {
            new IndicatorInput("satisfaction", ScoringMethod.Proportional, 45m, 50m, 10m),
            new IndicatorInput("coverage", ScoringMethod.Proportional, 120m, 100m, 5m),
            new IndicatorInput("missing", ScoringMethod.Proportional, null, 100m, 5m),
            new IndicatorInput("cost", ScoringMethod.Reverse, 80m, 100m, 5m),
        });
        session.Fire();

        var scores = session.Query<Score>().OrderBy(s => s.Code, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "coverage", "satisfaction" }, scores.Select(s => s.Code));
        Assert.Equal(5m, scores[0].Points);
        Assert.Equal(9m, scores[1].Points);
    }

    [Fact]
    public void A_join_matches_orders_to_their_preferred_customer_and_follows_updates()
    {
        var session = Session(typeof(JoinInvoiceRule));
        var preferred = new Customer(1, isPreferred: true);
        var other = new Customer(2);
        var o1 = new Order(10, 1, 5m);
        var o2 = new Order(11, 1, 0m);
        var o3 = new Order(12, 2, 5m);
        session.InsertAll(new object[] { preferred, other, o1, o2, o3 });
        Assert.Equal(1, session.Fire());
        Assert.Same(o1, Assert.Single(session.Query<Invoice>()).Order);

        // Move o3 to the preferred customer: it joins; move o1 away: its linked invoice goes.
        o3.CustomerId = 1;
        session.Update(o3);
        o1.CustomerId = 2;
        session.Update(o1);
        session.Fire();
        Assert.Same(o3, Assert.Single(session.Query<Invoice>()).Order);

        // The customer stops being preferred: every invoice goes.
        preferred.IsPreferred = false;
        session.Update(preferred);
        session.Fire();
        Assert.Empty(session.Query<Invoice>());
    }

    [Fact]
    public void Not_holds_until_a_matching_fact_arrives()
    {
        var session = Session(typeof(UnrefundedRule));
        session.InsertAll(new object[] { new Order(1, 1, 5m), new Order(2, 1, 5m), new Refund(1) });
        session.Fire();
        Assert.Equal(new[] { "unrefunded 2" }, Notes(session));

        var refund = new Refund(2);
        session.Insert(refund);
        session.Fire();
        Assert.Empty(Notes(session));

        session.Retract(refund);
        session.Fire();
        Assert.Equal(new[] { "unrefunded 2" }, Notes(session));
    }

    [Fact]
    public void Exists_fires_once_however_many_facts_match()
    {
        var session = Session(typeof(AuditedCustomerRule));
        session.InsertAll(new object[] { new Customer(1), new Customer(2), new Audit(1), new Audit(1), new Audit(3) });
        Assert.Equal(1, session.Fire());
        Assert.Equal(new[] { "audited 1" }, Notes(session));
    }

    [Fact]
    public void Collect_yields_a_summary_that_is_updated_then_retracted_with_its_cause()
    {
        var session = Session(typeof(CollectSummaryRule));
        var customer = new Customer(1);
        var lonely = new Customer(2);
        session.InsertAll(new object[] { customer, lonely, new Order(1, 1, 10m), new Order(2, 1, 2.5m), new Order(3, 3, 99m) });
        session.Fire();
        var summaries = session.Query<Summary>().ToDictionary(s => s.Customer.Id);
        Assert.Equal(12.5m, summaries[1].Total);
        Assert.Equal(0m, summaries[2].Total); // Collect matches with an empty collection

        session.Insert(new Order(4, 1, 1m));
        session.Fire();
        summaries = session.Query<Summary>().ToDictionary(s => s.Customer.Id);
        Assert.Equal(2, summaries.Count);
        Assert.Equal(13.5m, summaries[1].Total);

        session.Retract(customer);
        session.Fire();
        Assert.Equal(2, Assert.Single(session.Query<Summary>()).Customer.Id);
    }

    [Fact]
    public void Sum_is_exact_and_follows_retractions()
    {
        var session = Session(typeof(SumSummaryRule));
        var a = new Order(1, 1, 0.1m);
        session.InsertAll(new object[] { new Customer(1), a, new Order(2, 1, 0.2m) });
        session.Fire();
        Assert.Equal(0.3m, Assert.Single(session.Query<Summary>()).Total);

        session.Retract(a);
        session.Fire();
        Assert.Equal(0.2m, Assert.Single(session.Query<Summary>()).Total);
    }

    [Fact]
    public void Min_and_Max_have_no_result_without_facts_and_Count_is_zero()
    {
        var session = Session(typeof(MinRule), typeof(MaxRule), typeof(CountRule));
        session.Fire();
        Assert.Equal(new[] { "count 0" }, Notes(session));

        var cheapest = new Order(2, 1, -1.5m);
        session.InsertAll(new object[] { new Order(1, 1, 3m), cheapest, new Order(3, 2, 7m) });
        session.Fire();
        Assert.Equal(new[] { "count 3", "max 3", "min -1.5" }, Notes(session));

        session.Retract(cheapest);
        session.Fire();
        Assert.Equal(new[] { "count 2", "max 3", "min 3" }, Notes(session));
    }

    [Fact]
    public void GroupBy_matches_once_per_group()
    {
        var session = Session(typeof(GroupRule));
        var moved = new Order(3, 2, 1m);
        session.InsertAll(new object[] { new Order(1, 1, 1m), new Order(2, 1, 1m), moved, new Order(4, 3, -1m) });
        session.Fire();
        Assert.Equal(new[] { "customer 1: 2", "customer 2: 1" }, Notes(session));

        moved.CustomerId = 1;
        session.Update(moved);
        session.Fire();
        Assert.Equal(new[] { "customer 1: 3" }, Notes(session));
    }

    [Fact]
    public void Let_and_Having_filter_on_a_computed_value()
    {
        var session = Session(typeof(LetHavingRule));
        var small = new Order(1, 1, 40m);
        session.InsertAll(new object[] { small, new Order(2, 1, 60m) });
        session.Fire();
        Assert.Equal(new[] { "doubled 2=120" }, Notes(session));

        small.Amount = 70m;
        session.Update(small);
        session.Fire();
        Assert.Equal(new[] { "doubled 1=140", "doubled 2=120" }, Notes(session));
    }

    [Fact]
    public void Or_matches_either_alternative()
    {
        var session = Session(typeof(OrRule));
        session.InsertAll(new object[] { new Customer(1, isPreferred: true), new Customer(2), new Customer(3), new Audit(2) });
        session.Fire();
        Assert.Equal(new[] { "ok 1", "ok 2" }, Notes(session));
    }

    [Fact]
    public void All_holds_while_every_matching_fact_satisfies_the_conditions()
    {
        var session = Session(typeof(AllPositiveRule));
        var order = new Order(1, 1, 5m);
        session.InsertAll(new object[] { new Customer(1), new Customer(2), new Customer(3), order, new Order(2, 2, 5m), new Order(3, 2, -5m) });
        session.Fire();
        Assert.Equal(new[] { "all positive 1", "all positive 3" }, Notes(session));

        order.Amount = -1m;
        session.Update(order);
        session.Fire();
        Assert.Equal(new[] { "all positive 3" }, Notes(session));
    }

    [Fact]
    public void Yield_with_an_update_expression_builds_on_the_previous_fact()
    {
        var session = Session(typeof(YieldUpdateRule));
        session.Insert(new Customer(1));
        session.Fire();
        Assert.Equal(new[] { "count 0" }, Notes(session));

        session.Insert(new Order(1, 1, 1m));
        session.Fire();
        Assert.Equal(new[] { "count 0 -> 1" }, Notes(session));
    }

    [Fact]
    public void Rules_chain_forward_across_rule_classes()
    {
        var session = Session(typeof(DoneRule), typeof(FlagBigNoteRule), typeof(BigOrderRule));
        session.InsertAll(new object[] { new Order(1, 1, 500m), new Order(2, 1, 5m) });
        Assert.Equal(3, session.Fire());
        Assert.Equal("big:1", Assert.Single(session.Query<Done>()).Text);
    }

    [Fact]
    public void Higher_priority_fires_first()
    {
        var factory = Compile(typeof(LowPriorityRule), typeof(MiddlePriorityRule), typeof(HighPriorityRule));
        var session = factory.CreateSession();
        var fired = new List<string>();
        session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name);
        session.Insert(new Order(1, 1, 1m));
        Assert.Equal(3, session.Fire());
        Assert.Equal(new[] { "high", "middle", "low" }, fired);
    }

    [Fact]
    public void Repeatability_decides_whether_an_updated_match_fires_again()
    {
        var log = new FiringLog();
        var factory = Compile(typeof(RepeatableRule), typeof(NonRepeatableRule));
        factory.DependencyResolver = new Resolver().Add(log);
        var session = factory.CreateSession();
        var order = new Order(1, 1, 1m);
        session.Insert(order);
        session.Fire();
        order.Amount = 2m;
        session.Update(order);
        session.Fire();
        Assert.Equal(new[] { "non-repeatable 1", "repeatable 1", "repeatable 2" }, log.Entries.OrderBy(e => e, StringComparer.Ordinal));
    }

    [Fact]
    public void Dependencies_are_resolved_for_actions()
    {
        var factory = Compile(typeof(ClockRule));
        factory.DependencyResolver = new Resolver().Add<IClock>(new FixedClock(2025));
        var session = factory.CreateSession();
        session.Insert(new Order(7, 1, 1m));
        session.Fire();
        Assert.Equal(new[] { "order 7 in 2025" }, Notes(session));
    }

    [Fact]
    public void An_action_with_the_Deactivated_trigger_runs_when_the_match_goes_away()
    {
        var log = new FiringLog();
        var factory = Compile(typeof(DeactivationRule));
        factory.DependencyResolver = new Resolver().Add(log);
        var session = factory.CreateSession();
        var order = new Order(1, 1, 1m);
        session.Insert(order);
        session.Fire();
        session.Retract(order);
        session.Fire();
        Assert.Equal(new[] { "on 1", "off 1" }, log.Entries);
    }

    [Fact]
    public void Fluent_rules_and_rules_made_from_data_compile_together()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(BigOrderRule)).To("fluent"));

        // A data-made rule: every Note becomes a Flag with the same text.
        var note = Element.Declaration(typeof(Note), "note");
        var ctx = System.Linq.Expressions.Expression.Parameter(typeof(IContext), "ctx");
        var noteParameter = System.Linq.Expressions.Expression.Parameter(typeof(Note), "note");
        var insertFlag = System.Linq.Expressions.Expression.Lambda(
            System.Linq.Expressions.Expression.Call(
                ctx,
                typeof(IContext).GetMethod(nameof(IContext.Insert))!,
                System.Linq.Expressions.Expression.New(typeof(Flag).GetConstructor(new[] { typeof(string) })!, System.Linq.Expressions.Expression.Property(noteParameter, nameof(Note.Text)))),
            ctx,
            noteParameter);
        var data = new RuleSet("data");
        data.Add(new[] { new RuleBuilder().Name("note-to-flag").LeftHandSide(Element.Pattern(note)).Action(insertFlag).Build() });
        repository.Add(data);

        var session = repository.Compile().CreateSession();
        session.Insert(new Order(1, 1, 500m));
        Assert.Equal(2, session.Fire());
        Assert.Equal("big:1", Assert.Single(session.Query<Flag>()).Text);

        // Only the fluent set: no flag.
        var fluentOnly = new RuleCompiler().Compile(repository.GetRuleSets().Where(s => s.Name == "fluent")).CreateSession();
        fluentOnly.Insert(new Order(1, 1, 500m));
        Assert.Equal(1, fluentOnly.Fire());
        Assert.Empty(fluentOnly.Query<Flag>());
    }

    [Fact]
    public void Rules_that_differ_only_in_a_captured_threshold_stay_distinct()
    {
        var session = Session(typeof(Over50Rule), typeof(Over100Rule));
        session.InsertAll(new object[] { new Order(1, 1, 75m), new Order(2, 1, 150m) });
        session.Fire();
        Assert.Equal(new[] { "over 100: 2", "over 50: 1", "over 50: 2" }, Notes(session));
    }

    [Fact]
    public void Compile_selects_rule_sets_and_honours_cancellation()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(BigOrderRule)).To("chain"));
        repository.Load(x => x.From(typeof(HighPriorityRule)).To("priority"));

        var chainOnly = repository.Compile(repository.GetRuleSets().Where(s => s.Name == "chain"));
        Assert.Equal(new[] { "chain-1" }, chainOnly.Rules.Select(r => r.Name));
        Assert.Equal(new[] { "chain-1", "high" }, repository.Compile().Rules.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => repository.Compile(cancelled.Token));
    }
}
