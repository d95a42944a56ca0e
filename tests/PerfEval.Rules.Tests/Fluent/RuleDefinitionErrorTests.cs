using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;

namespace PerfEval.Rules.Tests.Fluent;

/// <summary>Wrong DSL use throws <see cref="RuleDefinitionException"/> naming the rule class and the problem.</summary>
public sealed class RuleDefinitionErrorTests
{
    private static RuleDefinitionException Fails(Rule rule)
    {
        var e = Assert.Throws<RuleDefinitionException>(() => new RuleDefinitionFactory().Create(rule));
        Assert.Equal(rule.GetType(), e.RuleType);
        Assert.Contains(rule.GetType().FullName!, e.Message, StringComparison.Ordinal);
        Assert.Equal(rule.GetType().FullName, e.RuleName);
        return e;
    }

    private sealed class UsedBeforeDeclared : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            When()
                .Match(() => order, o => o.CustomerId == customer.Id)
                .Match(() => customer);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void An_alias_used_before_its_declaration()
    {
        var e = Fails(new UsedBeforeDeclared());
        Assert.Contains("'customer'", e.Message, StringComparison.Ordinal);
        Assert.Contains("before it is declared", e.Message, StringComparison.Ordinal);
        Assert.Contains("Match<Order>", e.Message, StringComparison.Ordinal);
    }

    private sealed class NeverDeclared : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            When().Match(() => customer);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void An_alias_used_but_never_declared()
    {
        var e = Fails(new NeverDeclared());
        Assert.Contains("'order'", e.Message, StringComparison.Ordinal);
        Assert.Contains("never declared", e.Message, StringComparison.Ordinal);
    }

    private sealed class CapturedConstant : Rule
    {
        public override void Define()
        {
            Order order = null!;
            decimal threshold = 10m;
            string label = "big";
            When().Match(() => order, o => o.Amount > threshold);
            Then().Do(ctx => ctx.Insert(new Note(label)));
        }
    }

    [Fact]
    public void Captured_values_that_are_not_aliases_stay_constants()
    {
        var rule = new RuleDefinitionFactory().Create(new CapturedConstant());
        var condition = ((PerfEval.Rules.RuleModel.PatternElement)rule.LeftHandSide.ChildElements[0]).Conditions[0].Expression;
        Assert.Equal(new[] { "order" }, condition.Parameters.Select(p => p.Name));
        var compare = Assert.IsAssignableFrom<System.Linq.Expressions.BinaryExpression>(condition.Body);
        Assert.Equal(10m, Assert.IsAssignableFrom<System.Linq.Expressions.ConstantExpression>(compare.Right).Value);
        var f = condition.Compile();
        Assert.True((bool)f.DynamicInvoke(new Order(1, 1, 11m))!);
        Assert.False((bool)f.DynamicInvoke(new Order(1, 1, 10m))!);
    }

    private sealed class DeclaredTwice : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            When().Match(() => customer).Match(() => customer, c => c.IsPreferred);
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void An_alias_declared_twice()
    {
        var e = Fails(new DeclaredTwice());
        Assert.Contains("'customer' is declared twice", e.Message, StringComparison.Ordinal);
    }

    private sealed class LetRedeclaresMatch : Rule
    {
        public override void Define()
        {
            Order order = null!;
            When().Match(() => order).Let(() => order, () => new Order(1, 1, 1m));
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void A_Let_that_redeclares_a_matched_alias()
    {
        var e = Fails(new LetRedeclaresMatch());
        Assert.Contains("declared twice", e.Message, StringComparison.Ordinal);
    }

    private sealed class UsedOutsideOr : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            When()
                .Or(x => x.Match(() => customer, c => c.IsPreferred).Exists<Audit>())
                .Match<Order>(o => o.CustomerId == customer.Id);
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void An_alias_declared_in_only_one_Or_alternative_is_not_visible_after_the_group()
    {
        var e = Fails(new UsedOutsideOr());
        Assert.Contains("'customer'", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside the group", e.Message, StringComparison.Ordinal);
    }

    private sealed class DependencyInCondition : Rule
    {
        public override void Define()
        {
            IClock clock = null!;
            Order order = null!;
            Dependency().Resolve(() => clock);
            When().Match(() => order, o => o.Id < clock.Year);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void A_dependency_used_in_a_condition()
    {
        var e = Fails(new DependencyInCondition());
        Assert.Contains("dependency 'clock'", e.Message, StringComparison.Ordinal);
        Assert.Contains("only be used in actions", e.Message, StringComparison.Ordinal);
    }

    private sealed class NoAction : Rule
    {
        public override void Define()
        {
            Order order = null!;
            When().Match(() => order);
        }
    }

    [Fact]
    public void A_rule_without_an_action()
    {
        var e = Fails(new NoAction());
        Assert.Contains("no action", e.Message, StringComparison.Ordinal);
    }

    private sealed class AliasNotAVariable : Rule
    {
        public override void Define()
        {
            When().Match(() => new Customer(1));
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void An_alias_that_is_not_a_variable()
    {
        var e = Fails(new AliasNotAVariable());
        Assert.Contains("must name a local variable", e.Message, StringComparison.Ordinal);
    }

    private sealed class ForeignQuery : Rule
    {
        public override void Define()
        {
            int count = 0;
            When().Query(() => count, q => new NotOurs());
            Then().Do(ctx => ctx.Insert(new Note(count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        private sealed class NotOurs : IQuery<int>
        {
        }
    }

    [Fact]
    public void A_query_that_does_not_continue_the_query_it_was_given()
    {
        var e = Fails(new ForeignQuery());
        Assert.Contains("must return the query it was given", e.Message, StringComparison.Ordinal);
    }

    private sealed class MatchTwiceInQuery : Rule
    {
        public override void Define()
        {
            int count = 0;
            When().Query(() => count, q =>
            {
                q.Match<Order>();
                return q.Match<Customer>().Count();
            });
            Then().Do(ctx => ctx.Insert(new Note(count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public void A_query_with_two_sources()
    {
        var e = Fails(new MatchTwiceInQuery());
        Assert.Contains("Match may appear only once", e.Message, StringComparison.Ordinal);
    }

    private sealed class QueryUsesItsOwnAlias : Rule
    {
        public override void Define()
        {
            decimal total = 0;
            When().Query(() => total, q => q.Match<Order>(o => o.Amount < total).Sum(o => o.Amount));
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void A_query_that_uses_its_own_alias()
    {
        var e = Fails(new QueryUsesItsOwnAlias());
        Assert.Contains("'total'", e.Message, StringComparison.Ordinal);
        Assert.Contains("before it is declared", e.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowsInDefine : Rule
    {
        public override void Define()
        {
            Order order = null!;
            When().Match(() => order, o => o.Amount > int.Parse("not a number", System.Globalization.CultureInfo.InvariantCulture));
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void Lambdas_are_not_run_when_the_rule_is_loaded()
    {
        // The condition would throw if it ran; loading only rewrites it.
        var rule = new RuleDefinitionFactory().Create(new ThrowsInDefine());
        Assert.Single(rule.RightHandSide);
    }

    private sealed class DefineThrows : Rule
    {
        public override void Define() => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Define_that_throws_is_reported_for_its_rule_class()
    {
        var e = Fails(new DefineThrows());
        Assert.Contains("Define() failed: boom", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    private sealed class BuildersOutsideDefine : Rule
    {
        public override void Define()
        {
            Order order = null!;
            When().Match(() => order);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }

        public void Misuse() => When();
    }

    [Fact]
    public void When_outside_Define()
    {
        var rule = new BuildersOutsideDefine();
        var e = Assert.Throws<RuleDefinitionException>(rule.Misuse);
        Assert.Contains("only be used inside Define()", e.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(BuildersOutsideDefine), e.RuleType);
    }

    private sealed class EmptyOr : Rule
    {
        public override void Define()
        {
            When().Or(_ => { });
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void An_empty_Or_group()
    {
        var e = Fails(new EmptyOr());
        Assert.Contains("Or group has no alternatives", e.Message, StringComparison.Ordinal);
    }
}
