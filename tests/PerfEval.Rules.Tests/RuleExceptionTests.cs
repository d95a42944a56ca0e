using PerfEval.Rules.Events;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests;

public sealed class RuleExceptionTests
{
    public sealed class Holder
    {
        public string? Text { get; set; }
    }

    [Fact]
    public void Failing_condition_throws_an_exception_naming_the_rule_and_the_fact()
    {
        var session = Session(Rule("text rule", P<Holder>("h", X<Holder>(h => h.Text!.Length > 2))).Action(Do(ctx => ctx.Halt())).Build());
        var ex = Assert.Throws<RuleLhsExpressionEvaluationException>(() => session.Insert(new Holder()));
        Assert.Equal("text rule", ex.RuleName);
        Assert.Contains("text rule", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Holder", ex.Message, StringComparison.Ordinal);
        Assert.Contains("h.Text.Length", ex.Expression, StringComparison.Ordinal);
        Assert.IsType<NullReferenceException>(ex.InnerException);
        Assert.Single(ex.Facts);
    }

    [Fact]
    public void Handled_condition_failure_counts_as_no_match()
    {
        var session = Session(Rule("text rule", P<Holder>("h", X<Holder>(h => h.Text!.Length > 2))).Action(Do(ctx => ctx.Halt())).Build());
        LhsExpressionErrorEventArgs? seen = null;
        session.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            seen = e;
            e.IsHandled = true;
        };
        session.Insert(new Holder());
        session.Insert(new Holder { Text = "long" });
        Assert.Equal(1, session.Agenda.Count);
        Assert.NotNull(seen);
        Assert.Equal("text rule", seen!.Rules.Single().Name);
    }

    public sealed class Owner
    {
        public Holder? Holder { get; set; }
    }

    [Fact]
    public void Failing_join_condition_names_the_rule_and_the_fact_and_can_be_handled_at_factory_level()
    {
        var rule = Rule(
                "join rule",
                P<Holder>("h"),
                P<Owner>("w", (System.Linq.Expressions.Expression<Func<Owner, Holder, bool>>)((w, h) => w.Holder!.Text == h.Text && w.Holder.Text!.Length > 1)))
            .Action(Do(ctx => ctx.Halt())).Build();
        var factory = new RuleCompiler().Compile(new[] { rule });
        var session = factory.CreateSession();
        session.Insert(new Holder { Text = "x" });
        var ex = Assert.Throws<RuleLhsExpressionEvaluationException>(() => session.Insert(new Owner()));
        Assert.Equal("join rule", ex.RuleName);
        // The equality became a hash key; its fact side w.Holder.Text is what failed, on the Owner,
        // and the error shows the condition as written (the guarded w.Holder.Text.Length stays behind it).
        Assert.Contains(ex.Facts, f => f is Owner);
        Assert.Contains("(w, h) => ", ex.Expression, StringComparison.Ordinal);
        Assert.Contains("w.Holder.Text", ex.Message, StringComparison.Ordinal);

        var handled = new List<string>();
        factory.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            handled.Add(e.Rules[0].Name);
            e.IsHandled = true;
        };
        var second = factory.CreateSession();
        second.Insert(new Holder { Text = "xy" });
        second.Insert(new Owner());
        second.Insert(new Owner { Holder = new Holder { Text = "xy" } });
        Assert.Equal(1, second.Agenda.Count);
        Assert.Equal(new[] { "join rule" }, handled);
    }

    [Fact]
    public void Condition_parts_guarded_by_an_equality_are_not_evaluated_before_it()
    {
        // h.Text is null except for the holder that matches; the length test must wait for the equality.
        var rule = Rule(
                "guarded",
                P<Owner>("w"),
                P<Holder>("h", (System.Linq.Expressions.Expression<Func<Holder, Owner, bool>>)((h, w) => h.Text == w.Holder!.Text && h.Text!.Length > 1)))
            .Action(Do(ctx => ctx.Halt())).Build();
        var session = Session(rule);
        session.Insert(new Owner { Holder = new Holder { Text = "xy" } });
        session.Insert(new Holder());
        session.Insert(new Holder { Text = "xy" });
        Assert.Equal(1, session.Agenda.Count);
    }

    [Fact]
    public void Condition_failure_caused_by_an_action_is_not_wrapped_as_an_action_failure()
    {
        var insertHolder = Rule("make holder", P<Order>("o")).Action(Do(ctx => ctx.Insert(new Holder()))).Build();
        var lengthy = Rule("text rule", P<Holder>("h", X<Holder>(h => h.Text!.Length > 2))).Action(Do(ctx => ctx.Halt())).Build();
        var session = Session(insertHolder, lengthy);
        session.Insert(new Order(1, 1, 1));
        var ex = Assert.Throws<RuleLhsExpressionEvaluationException>(() => session.Fire());
        Assert.Equal("text rule", ex.RuleName);
    }

    [Fact]
    public void Failing_action_throws_an_exception_naming_the_rule_and_the_facts()
    {
        var session = Session(Rule("explode", P<Order>("o")).Action(Do<Order>((ctx, o) => Boom(o))).Build());
        session.Insert(new Order(9, 1, 1));
        var ex = Assert.Throws<RuleRhsExpressionEvaluationException>(() => session.Fire());
        Assert.Equal("explode", ex.RuleName);
        Assert.Contains("Order#9", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal(new object?[] { session.Query<Order>().Single() }, ex.Facts);
    }

    [Fact]
    public void Handled_action_failure_lets_firing_go_on()
    {
        var session = Session(Rule("explode", P<Order>("o")).Action(Do<Order>((ctx, o) => Boom(o))).Build());
        var failures = new List<string>();
        session.Events.RhsExpressionFailedEvent += (_, e) =>
        {
            failures.Add(e.Rule.Name + ":" + e.Facts[0].Value);
            e.IsHandled = true;
        };
        session.InsertAll(new object[] { new Order(1, 1, 1), new Order(2, 1, 1) });
        Assert.Equal(2, session.Fire());
        Assert.Equal(new[] { "explode:Order#1", "explode:Order#2" }, failures);
    }

    internal static void Boom(Order o) => throw new InvalidOperationException("boom " + o.Id);

    [Fact]
    public void Compilation_failure_names_the_rule()
    {
        var broken = new BrokenRule();
        var ex = Assert.Throws<RuleCompilationException>(() => new RuleCompiler().Compile(new IRuleDefinition[] { broken }));
        Assert.Equal("broken", ex.RuleName);
        Assert.Contains("broken", ex.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenRule : IRuleDefinition
    {
        public string Name => "broken";

        public string Description => string.Empty;

        public int Priority => 0;

        public RuleRepeatability Repeatability => RuleRepeatability.Repeatable;

        public IReadOnlyCollection<string> Tags => Array.Empty<string>();

        public IReadOnlyDictionary<string, object?> Properties => new Dictionary<string, object?>();

        // The action refers to 'x', which no pattern declares: the rule model was bypassed.
        public AndElement LeftHandSide => Element.And(P<Order>("o"));

        public DependencyGroupElement DependencyGroup => Element.DependencyGroup();

        public IReadOnlyList<ActionElement> RightHandSide => new[] { Element.Action(Do<Order>((ctx, x) => ctx.Insert(x)), ActionTrigger.Activated) };
    }
}
