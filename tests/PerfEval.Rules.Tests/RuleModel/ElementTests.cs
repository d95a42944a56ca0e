using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.RuleModel;

public sealed class ElementTests
{
    [Fact]
    public void Condition_must_return_bool_and_name_its_parameters()
    {
        Expression<Func<Order, decimal>> notBool = o => o.Amount;
        var ex = Assert.Throws<ArgumentException>(() => Element.Condition(notBool));
        Assert.Contains("must return Boolean", ex.Message, StringComparison.Ordinal);
        var unnamed = Expression.Lambda(Expression.Constant(true), Expression.Parameter(typeof(Order)));
        Assert.Throws<ArgumentException>(() => Element.Condition(unnamed));
    }

    [Fact]
    public void Rule_definition_rejects_lambdas_over_undeclared_names_and_says_which_rule()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Rule("orphan", P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id))).Action(Do(ctx => ctx.Halt())).Build());
        Assert.Contains("orphan", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_inside_not_are_invisible_after_it()
    {
        Assert.Throws<ArgumentException>(() =>
            Rule("scope", Element.Not(P<Customer>("c")), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id))).Action(Do(ctx => ctx.Halt())).Build());
    }

    [Fact]
    public void Duplicate_declarations_and_type_mismatches_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Rule("dup", P<Order>("o"), P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        Assert.Throws<ArgumentException>(() => Rule("type", P<Order>("o")).Action(Do<Customer>((ctx, o) => ctx.Halt())).Build());
    }

    [Fact]
    public void Aggregate_result_types_follow_the_kind()
    {
        Expression<Func<Order, decimal>> amount = o => o.Amount;
        Expression<Func<Order, int>> customer = o => o.CustomerId;
        var source = P<Order>("o");
        Assert.Equal(typeof(IReadOnlyCollection<Order>), Element.Aggregate(AggregateKind.Collect, null, source).ResultType);
        Assert.Equal(typeof(int), Element.Aggregate(AggregateKind.Count, null, source).ResultType);
        Assert.Equal(typeof(decimal), Element.Aggregate(AggregateKind.Sum, new[] { KeyValuePair.Create<string, LambdaExpression>("Selector", amount) }, source).ResultType);
        Assert.Equal(typeof(IGrouping<int, Order>), Element.Aggregate(AggregateKind.GroupBy, new[] { KeyValuePair.Create<string, LambdaExpression>("KeySelector", customer) }, source).ResultType);
        Assert.Throws<ArgumentException>(() => Element.Aggregate(AggregateKind.Sum, null, source));
        Assert.Throws<ArgumentException>(() => Element.Aggregate(AggregateKind.Sum, new[] { KeyValuePair.Create<string, LambdaExpression>("Selector", customer) }, source));
        Assert.Throws<ArgumentException>(() => Element.Aggregate(AggregateKind.Count, new[] { KeyValuePair.Create<string, LambdaExpression>("Selector", amount) }, source));
    }

    [Fact]
    public void Pattern_over_an_aggregate_must_hold_its_result_type()
    {
        var count = Element.Aggregate(AggregateKind.Count, null, P<Order>("o"));
        Assert.Throws<ArgumentException>(() => Element.Pattern(D<decimal>("n"), null, count));
        Assert.Equal(typeof(int), Element.Pattern(D<int>("n"), null, count).ValueType);
    }

    [Fact]
    public void Action_needs_a_context_parameter_and_a_trigger()
    {
        Expression<Action<Order>> noContext = o => o.ToString();
        Assert.Throws<ArgumentException>(() => Element.Action(noContext));
        Assert.Throws<ArgumentException>(() => Element.Action(Do(ctx => ctx.Halt()), ActionTrigger.None));
        Assert.Equal(ActionTrigger.Activated | ActionTrigger.Reactivated, Element.Action(Do(ctx => ctx.Halt())).Trigger);
    }

    [Fact]
    public void Exports_and_imports_describe_the_declarations_flow()
    {
        var join = P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id));
        Assert.Equal(new[] { "o" }, join.Exports.Select(d => d.Name));
        Assert.Equal(new[] { "c" }, join.Imports.Select(d => d.Name));
        var or = Element.Or(Element.And(P<Customer>("c"), P<Order>("o")), P<Customer>("c"));
        Assert.Equal(new[] { "c" }, or.Exports.Select(d => d.Name));
        Assert.Equal(D<Order>("o"), D<Order>("o"));
        Assert.NotEqual(D<Order>("o"), D<Customer>("o"));
    }

    [Fact]
    public void Not_and_exists_take_patterns_or_and_groups_only()
    {
        Assert.Throws<ArgumentException>(() => Element.Not(Element.Filter(X<Order>(o => true))));
        Assert.Throws<ArgumentException>(() => Element.Exists(Element.And(Element.Not(P<Order>("o")))));
        Assert.Throws<ArgumentException>(() => Element.ForAll(P<Order>("o"), Array.Empty<PatternElement>()));
    }
}
