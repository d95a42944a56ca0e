using System.Linq.Expressions;
using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Tests.Fluent;

/// <summary>The DSL produces the rule model the spec describes.</summary>
public sealed class RuleDefinitionFactoryTests
{
    private static IRuleDefinition Define(Rule rule) => new RuleDefinitionFactory().Create(rule);

    private static string[] ParameterNames(LambdaExpression lambda) => lambda.Parameters.Select(p => p.Name!).ToArray();

    [Name("Preferred customer order"), Description("joins orders to preferred customers"), Priority(10), Tag("scoring"), Tag("orders")]
    [Repeatability(RuleRepeatability.NonRepeatable)]
    private sealed class JoinRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            When()
                .Match(() => customer, c => c.IsPreferred)
                .Match(() => order, o => o.CustomerId == customer.Id, o => o.Amount > 0);
            Then()
                .Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    private sealed class UnnamedRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            When().Match(() => customer);
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void Attributes_become_name_description_priority_tags_and_repeatability()
    {
        var rule = Define(new JoinRule());
        Assert.Equal("Preferred customer order", rule.Name);
        Assert.Equal("joins orders to preferred customers", rule.Description);
        Assert.Equal(10, rule.Priority);
        Assert.Equal(RuleRepeatability.NonRepeatable, rule.Repeatability);
        Assert.Equal(new[] { "orders", "scoring" }, rule.Tags.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void Without_attributes_the_rule_is_named_after_its_class_with_defaults()
    {
        var rule = Define(new UnnamedRule());
        Assert.Equal(typeof(UnnamedRule).FullName, rule.Name);
        Assert.Equal(string.Empty, rule.Description);
        Assert.Equal(0, rule.Priority);
        Assert.Equal(RuleRepeatability.Repeatable, rule.Repeatability);
        Assert.Empty(rule.Tags);
    }

    [Fact]
    public void Aliases_become_declarations_named_after_the_variables()
    {
        var rule = Define(new JoinRule());
        var patterns = rule.LeftHandSide.ChildElements.Cast<PatternElement>().ToArray();
        Assert.Equal(2, patterns.Length);
        Assert.Equal("customer", patterns[0].Declaration.Name);
        Assert.Equal(typeof(Customer), patterns[0].Declaration.Type);
        Assert.Equal("order", patterns[1].Declaration.Name);
        Assert.Equal(typeof(Order), patterns[1].ValueType);
        Assert.Null(patterns[1].Source);
    }

    [Fact]
    public void Condition_parameters_are_the_own_declaration_then_the_aliases_used()
    {
        var rule = Define(new JoinRule());
        var order = (PatternElement)rule.LeftHandSide.ChildElements[1];
        Assert.Equal(2, order.Conditions.Count);
        Assert.Equal(new[] { "order", "customer" }, ParameterNames(order.Conditions[0].Expression));
        Assert.Equal(new[] { "order" }, ParameterNames(order.Conditions[1].Expression));
        Assert.Equal(new[] { typeof(Order), typeof(Customer) }, order.Conditions[0].Expression.Parameters.Select(p => p.Type));
    }

    [Fact]
    public void A_join_condition_is_a_plain_equality_between_the_two_parameters()
    {
        var rule = Define(new JoinRule());
        var join = ((PatternElement)rule.LeftHandSide.ChildElements[1]).Conditions[0].Expression;
        var equal = Assert.IsAssignableFrom<BinaryExpression>(join.Body);
        Assert.Equal(ExpressionType.Equal, equal.NodeType);
        var left = Assert.IsAssignableFrom<MemberExpression>(equal.Left);
        var right = Assert.IsAssignableFrom<MemberExpression>(equal.Right);
        Assert.Same(join.Parameters[0], left.Expression);
        Assert.Same(join.Parameters[1], right.Expression);
        Assert.Equal("CustomerId", left.Member.Name);
        Assert.Equal("Id", right.Member.Name);
    }

    [Fact]
    public void Conditions_evaluate_like_the_lambdas_they_came_from()
    {
        var rule = Define(new JoinRule());
        var join = ((PatternElement)rule.LeftHandSide.ChildElements[1]).Conditions[0].Expression.Compile();
        Assert.True((bool)join.DynamicInvoke(new Order(1, 7, 5m), new Customer(7))!);
        Assert.False((bool)join.DynamicInvoke(new Order(1, 8, 5m), new Customer(7))!);
    }

    [Fact]
    public void An_action_takes_the_context_first_then_the_aliases_it_reads()
    {
        var rule = Define(new JoinRule());
        var action = Assert.Single(rule.RightHandSide);
        Assert.Equal(typeof(IContext), action.Expression.Parameters[0].Type);
        Assert.Equal(new[] { "order" }, ParameterNames(action.Expression).Skip(1));
        Assert.Equal(ActionTrigger.Activated | ActionTrigger.Reactivated, action.Trigger);
    }

    private sealed class NotExistsRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            When()
                .Match(() => customer)
                .Match(() => order, o => o.CustomerId == customer.Id)
                .Not<Refund>(r => r.OrderId == order.Id)
                .Exists<Audit>(a => a.CustomerId == customer.Id);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void Not_and_Exists_wrap_a_pattern_with_a_generated_declaration()
    {
        var rule = Define(new NotExistsRule());
        var not = Assert.IsType<NotElement>(rule.LeftHandSide.ChildElements[2]);
        var exists = Assert.IsType<ExistsElement>(rule.LeftHandSide.ChildElements[3]);
        var refund = Assert.IsType<PatternElement>(not.Source);
        var audit = Assert.IsType<PatternElement>(exists.Source);
        Assert.Equal(typeof(Refund), refund.ValueType);
        Assert.Equal(typeof(Audit), audit.ValueType);
        Assert.NotEqual(refund.Declaration.Name, audit.Declaration.Name);
        Assert.DoesNotContain(refund.Declaration.Name, new[] { "customer", "order" });
        Assert.Equal(new[] { refund.Declaration.Name, "order" }, ParameterNames(refund.Conditions[0].Expression));
        Assert.Equal(new[] { audit.Declaration.Name, "customer" }, ParameterNames(audit.Conditions[0].Expression));
        Assert.Empty(not.Exports);
    }

    private sealed class QueryRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            IEnumerable<Order> orders = null!;
            decimal total = 0;
            int count = 0;
            IGrouping<int, Order> group = null!;
            When()
                .Match(() => customer)
                .Query(() => orders, q => q.Match<Order>(o => o.CustomerId == customer.Id).Collect())
                .Query(() => total, q => q.Match<Order>(o => o.CustomerId == customer.Id).Where(o => o.Amount > 1).Sum(o => o.Amount))
                .Query(() => count, q => q.Match<Order>().Count())
                .Query(() => group, q => q.Match<Order>().GroupBy(o => o.CustomerId).Where(g => g.Count() > 1));
            Then().Do(ctx => ctx.Insert(new Summary(customer, total + count + orders.Count() + group.Key)));
        }
    }

    [Fact]
    public void Collect_is_a_pattern_over_a_Collect_aggregate_of_a_fact_pattern()
    {
        var rule = Define(new QueryRule());
        var orders = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[1]);
        Assert.Equal("orders", orders.Declaration.Name);
        Assert.Equal(typeof(IEnumerable<Order>), orders.Declaration.Type);
        var collect = Assert.IsType<AggregateElement>(orders.Source);
        Assert.Equal(AggregateKind.Collect, collect.Kind);
        Assert.Equal(typeof(IReadOnlyCollection<Order>), collect.ResultType);
        Assert.Empty(collect.Expressions);
        Assert.Equal(typeof(Order), collect.Source.ValueType);
        Assert.Null(collect.Source.Source);
        var condition = Assert.Single(collect.Source.Conditions);
        Assert.Equal(new[] { collect.Source.Declaration.Name, "customer" }, ParameterNames(condition.Expression));
    }

    [Fact]
    public void Sum_takes_a_selector_over_the_source_declaration_and_Where_adds_conditions()
    {
        var rule = Define(new QueryRule());
        var total = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[2]);
        Assert.Equal("total", total.Declaration.Name);
        Assert.Equal(typeof(decimal), total.ValueType);
        var sum = total.Source!;
        Assert.Equal(AggregateKind.Sum, sum.Kind);
        Assert.Equal(2, sum.Source.Conditions.Count);
        var selector = sum.Expressions[AggregateElement.SelectorName];
        Assert.Equal(new[] { sum.Source.Declaration.Name }, ParameterNames(selector));
        Assert.Equal(typeof(decimal), selector.ReturnType);
    }

    [Fact]
    public void Count_and_GroupBy_with_a_condition_on_the_groups()
    {
        var rule = Define(new QueryRule());
        var count = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[3]);
        Assert.Equal(AggregateKind.Count, count.Source!.Kind);
        Assert.Equal(typeof(int), count.ValueType);

        var group = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[4]);
        Assert.Equal("group", group.Declaration.Name);
        Assert.Equal(AggregateKind.GroupBy, group.Source!.Kind);
        Assert.Equal(typeof(IGrouping<int, Order>), group.Source.ResultType);
        Assert.Equal(new[] { group.Source.Source.Declaration.Name }, ParameterNames(group.Source.Expressions[AggregateElement.KeySelectorName]));
        var having = Assert.Single(group.Conditions);
        Assert.Equal(new[] { "group" }, ParameterNames(having.Expression));
    }

    [Fact]
    public void The_action_of_a_query_rule_reads_every_alias_in_declaration_order()
    {
        var rule = Define(new QueryRule());
        Assert.Equal(new[] { "customer", "orders", "total", "count", "group" }, ParameterNames(rule.RightHandSide[0].Expression).Skip(1));
    }

    private sealed class LetHavingRule : Rule
    {
        public override void Define()
        {
            Order order = null!;
            decimal doubled = 0;
            When()
                .Match(() => order)
                .Let(() => doubled, () => order.Amount * 2)
                .Having(() => doubled > 10, () => order.Id > 0);
            Then().Do(ctx => ctx.Insert(new Note(doubled.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public void Let_is_a_binding_and_Having_a_filter_over_earlier_declarations()
    {
        var rule = Define(new LetHavingRule());
        var binding = Assert.IsType<BindingElement>(rule.LeftHandSide.ChildElements[1]);
        Assert.Equal("doubled", binding.Declaration.Name);
        Assert.Equal(typeof(decimal), binding.Declaration.Type);
        Assert.Equal(new[] { "order" }, ParameterNames(binding.Expression));
        Assert.Equal(14m, binding.Expression.Compile().DynamicInvoke(new Order(1, 1, 7m)));

        var filter = Assert.IsType<FilterElement>(rule.LeftHandSide.ChildElements[2]);
        Assert.Equal(new[] { "order", "doubled" }, ParameterNames(filter.Expression));
        var f = filter.Expression.Compile();
        Assert.True((bool)f.DynamicInvoke(new Order(1, 1, 7m), 14m)!);
        Assert.False((bool)f.DynamicInvoke(new Order(1, 1, 7m), 9m)!);
        Assert.False((bool)f.DynamicInvoke(new Order(0, 1, 7m), 14m)!);
    }

    private sealed class OrRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            When()
                .Or(x => x
                    .Match(() => customer, c => c.IsPreferred)
                    .And(y => y.Match(() => customer, c => !c.IsPreferred).Exists<Audit>(a => a.CustomerId == customer.Id)))
                .Match(() => order, o => o.CustomerId == customer.Id);
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void Or_has_one_child_per_alternative_and_exports_aliases_every_alternative_declares()
    {
        var rule = Define(new OrRule());
        var or = Assert.IsType<OrElement>(rule.LeftHandSide.ChildElements[0]);
        Assert.Equal(2, or.ChildElements.Count);
        Assert.IsType<PatternElement>(or.ChildElements[0]);
        var and = Assert.IsType<AndElement>(or.ChildElements[1]);
        Assert.Equal(2, and.ChildElements.Count);
        Assert.Contains(or.Exports, d => d.Name == "customer");
        var order = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[1]);
        Assert.Equal(new[] { "order", "customer" }, ParameterNames(order.Conditions[0].Expression));
    }

    private sealed class AllRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            When()
                .Match(() => customer)
                .All<Order>(o => o.CustomerId == customer.Id, o => o.Amount > 0);
            Then().Do(ctx => ctx.Insert(new Note("all positive")));
        }
    }

    [Fact]
    public void All_is_a_ForAll_whose_pattern_holds_the_conditions_on_the_quantified_fact()
    {
        var rule = Define(new AllRule());
        var all = Assert.IsType<ForAllElement>(rule.LeftHandSide.ChildElements[1]);
        Assert.Equal(typeof(Order), all.BasePattern.ValueType);
        Assert.Equal(new[] { all.BasePattern.Declaration.Name, "customer" }, ParameterNames(all.BasePattern.Conditions[0].Expression));
        var pattern = Assert.Single(all.Patterns);
        Assert.Equal(typeof(Order), pattern.ValueType);
        // The runtime reads the pattern's own declaration as the base fact.
        var condition = Assert.Single(pattern.Conditions);
        Assert.Equal(new[] { pattern.Declaration.Name }, ParameterNames(condition.Expression));
    }

    private sealed class YieldDependencyRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            decimal total = 0;
            IClock clock = null!;
            Dependency().Resolve(() => clock);
            When()
                .Match(() => customer)
                .Query(() => total, q => q.Match<Order>(o => o.CustomerId == customer.Id).Sum(o => o.Amount));
            Then()
                .Yield(ctx => new Summary(customer, total + clock.Year))
                .Action(ctx => ctx.Insert(new Note("gone")), ActionTrigger.Deactivated);
        }
    }

    [Fact]
    public void Dependencies_become_the_dependency_group_and_action_parameters()
    {
        var rule = Define(new YieldDependencyRule());
        var dependency = Assert.Single(rule.DependencyGroup.Dependencies);
        Assert.Equal("clock", dependency.Declaration.Name);
        Assert.Equal(typeof(IClock), dependency.ServiceType);
        // Declaration order: the dependency was declared first in Define.
        Assert.Equal(new[] { "clock", "customer", "total" }, ParameterNames(rule.RightHandSide[0].Expression).Skip(1));
    }

    [Fact]
    public void Yield_is_an_action_that_inserts_then_updates_a_linked_fact_and_Action_keeps_its_trigger()
    {
        var rule = Define(new YieldDependencyRule());
        Assert.Equal(2, rule.RightHandSide.Count);
        var yield = rule.RightHandSide[0];
        Assert.Equal(ActionTrigger.Activated | ActionTrigger.Reactivated, yield.Trigger);
        var run = yield.Expression.Compile();
        var context = new RecordingContext();
        var customer = new Customer(3);
        run.DynamicInvoke(context, new FixedClock(2000), customer, 5m);
        var (kind, key, fact) = Assert.Single(context.Calls);
        Assert.Equal("InsertLinked", kind);
        var first = Assert.IsType<Summary>(fact);
        Assert.Equal(2005m, first.Total);
        Assert.Same(customer, first.Customer);

        run.DynamicInvoke(context, new FixedClock(2000), customer, 7m);
        Assert.Equal(2, context.Calls.Count);
        Assert.Equal("UpdateLinked", context.Calls[1].Kind);
        Assert.Equal(key, context.Calls[1].Key);
        Assert.Equal(2007m, Assert.IsType<Summary>(context.Calls[1].Fact).Total);
        Assert.Equal(ActionTrigger.Deactivated, rule.RightHandSide[1].Trigger);
    }

    [Fact]
    public void Defining_the_same_rule_twice_gives_equal_independent_definitions()
    {
        var instance = new JoinRule();
        var first = Define(instance);
        var second = Define(instance);
        Assert.NotSame(first, second);
        Assert.Equal(first.Name, second.Name);
        Assert.Equal(
            first.LeftHandSide.ChildElements.Cast<PatternElement>().Select(p => p.Declaration),
            second.LeftHandSide.ChildElements.Cast<PatternElement>().Select(p => p.Declaration));
    }

    private sealed class ProjectionRule : Rule
    {
        public override void Define()
        {
            decimal total = 0;
            int big = 0;
            IGrouping<int, decimal> amounts = null!;
            decimal each = 0;
            When()
                .Query(() => total, q => q.Match<Order>().Select(o => o.Amount * 2).Sum(a => a + 1))
                .Query(() => big, q => q.Match<Order>().Select(o => o.Amount).Where(a => a > 100).Count())
                .Query(() => amounts, q => q.Match<Order>().Select(o => o.Amount).GroupBy(a => a > 100 ? 1 : 0))
                .Query(() => each, q => q.Match<Order>().Select(o => new[] { o.Amount }).SelectMany(a => a));
            Then().Do(ctx => ctx.Insert(new Note(total + " " + big + " " + amounts.Key + " " + each)));
        }
    }

    [Fact]
    public void Select_followed_by_another_operator_is_fused_into_one_aggregate_over_the_facts()
    {
        var rule = Define(new ProjectionRule());
        var total = (PatternElement)rule.LeftHandSide.ChildElements[0];
        Assert.Equal(AggregateKind.Sum, total.Source!.Kind);
        Assert.Equal(typeof(Order), total.Source.Source.ValueType);
        var sum = total.Source.Expressions[AggregateElement.SelectorName].Compile();
        Assert.Equal(11m, sum.DynamicInvoke(new Order(1, 1, 5m)));

        var big = (PatternElement)rule.LeftHandSide.ChildElements[1];
        Assert.Equal(AggregateKind.Count, big.Source!.Kind);
        var where = Assert.Single(big.Source.Source.Conditions).Expression.Compile();
        Assert.True((bool)where.DynamicInvoke(new Order(1, 1, 101m))!);
        Assert.False((bool)where.DynamicInvoke(new Order(1, 1, 100m))!);

        var amounts = (PatternElement)rule.LeftHandSide.ChildElements[2];
        Assert.Equal(AggregateKind.GroupBy, amounts.Source!.Kind);
        Assert.Equal(typeof(IGrouping<int, decimal>), amounts.Source.ResultType);
        Assert.Equal(7m, amounts.Source.Expressions[AggregateElement.ElementSelectorName].Compile().DynamicInvoke(new Order(1, 1, 7m)));

        var each = (PatternElement)rule.LeftHandSide.ChildElements[3];
        Assert.Equal(AggregateKind.Flatten, each.Source!.Kind);
        Assert.Equal(typeof(Order), each.Source.Source.ValueType);
    }

    private sealed class CollectAfterSelectRule : Rule
    {
        public override void Define()
        {
            IReadOnlyCollection<decimal> amounts = null!;
            When().Query(() => amounts, q => q.Match<Order>().Select(o => o.Amount).Collect());
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    private sealed class SumAfterCollectRule : Rule
    {
        public override void Define()
        {
            int count = 0;
            When().Query(() => count, q => q.Match<Order>().Collect().Count());
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void Operators_after_an_aggregation_other_than_Select_are_rejected_with_the_reason()
    {
        var e = Assert.Throws<RuleDefinitionException>(() => Define(new CollectAfterSelectRule()));
        Assert.Contains("Collect after Select", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<RuleDefinitionException>(() => Define(new SumAfterCollectRule()));
        Assert.Contains("Count after Collect", e.Message, StringComparison.Ordinal);
    }

    private sealed class ThreeWayOrRule : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            Order order = null!;
            decimal amount = 0;
            When()
                .Or(x => x
                    .Match(() => customer, c => c.IsPreferred)
                    .And(y => y.Match(() => customer, c => c.Id > 100).Let(() => amount, () => 1m))
                    .And(y => y.Match(() => order).Match(() => customer, c => c.Id == order.CustomerId)))
                .Having(() => customer.Id > 0);
            Then().Do(ctx => ctx.Insert(new Note("c" + customer.Id)));
        }
    }

    [Fact]
    public void An_alias_declared_in_every_alternative_is_visible_after_the_Or_and_others_are_not()
    {
        var rule = Define(new ThreeWayOrRule());
        var or = Assert.IsType<OrElement>(rule.LeftHandSide.ChildElements[0]);
        Assert.Equal(3, or.ChildElements.Count);
        Assert.Equal(new[] { "customer" }, or.Exports.Select(d => d.Name));
        var filter = Assert.IsType<FilterElement>(rule.LeftHandSide.ChildElements[1]);
        Assert.Equal(new[] { "customer" }, ParameterNames(filter.Expression));
        var third = Assert.IsType<AndElement>(or.ChildElements[2]);
        var customerInThird = Assert.IsType<PatternElement>(third.ChildElements[1]);
        Assert.Equal(new[] { "customer", "order" }, ParameterNames(customerInThird.Conditions[0].Expression));
    }

    private sealed class AliasInTwoOrGroups : Rule
    {
        public override void Define()
        {
            Customer customer = null!;
            When()
                .Or(x => x.Match(() => customer, c => c.IsPreferred).Exists<Audit>())
                .Or(x => x.Match(() => customer, c => !c.IsPreferred).Exists<Refund>());
            Then().Do(ctx => ctx.Insert(new Note("x")));
        }
    }

    [Fact]
    public void An_alias_may_not_be_declared_again_in_a_different_Or_group()
    {
        var e = Assert.Throws<RuleDefinitionException>(() => Define(new AliasInTwoOrGroups()));
        Assert.Contains("'customer' is declared twice", e.Message, StringComparison.Ordinal);
    }

    private sealed class PlainQueryRule : Rule
    {
        public override void Define()
        {
            Order order = null!;
            When().Query(() => order, q => q.Match<Order>(o => o.Amount > 1).Where(o => o.Id > 0));
            Then().Do(ctx => ctx.Insert(new Invoice(order)));
        }
    }

    [Fact]
    public void A_query_without_an_aggregation_is_a_plain_pattern_with_the_alias()
    {
        var rule = Define(new PlainQueryRule());
        var pattern = Assert.IsType<PatternElement>(Assert.Single(rule.LeftHandSide.ChildElements));
        Assert.Equal("order", pattern.Declaration.Name);
        Assert.Null(pattern.Source);
        Assert.Equal(2, pattern.Conditions.Count);
        Assert.All(pattern.Conditions, c => Assert.Equal(new[] { "order" }, ParameterNames(c.Expression)));
    }

    private sealed class DependencyTwice : Rule
    {
        public override void Define()
        {
            IClock clock = null!;
            Order order = null!;
            Dependency().Resolve(() => clock).Resolve(() => clock);
            When().Match(() => order);
            Then().Do(ctx => ctx.Insert(new Note(clock.Year + " " + order.Id)));
        }
    }

    [Fact]
    public void A_dependency_declared_twice()
    {
        var e = Assert.Throws<RuleDefinitionException>(() => Define(new DependencyTwice()));
        Assert.Contains("'clock' is declared twice", e.Message, StringComparison.Ordinal);
    }

    private sealed class NestedScopesRule : Rule
    {
        private readonly bool _withOrders = true;

        public override void Define()
        {
            Customer customer = null!;
            decimal limit = 5m;
            When().Match(() => customer, c => c.Id > 0);
            if (_withOrders)
            {
                // Captured in a second closure class that reaches the first through a field.
                Order order = null!;
                When().Match(() => order, o => o.CustomerId == customer.Id && o.Amount > limit);
                Then().Do(ctx => ctx.Insert(new Invoice(order)));
            }
        }
    }

    [Fact]
    public void Aliases_captured_in_nested_scopes_are_rewritten_too()
    {
        var rule = Define(new NestedScopesRule());
        var order = Assert.IsType<PatternElement>(rule.LeftHandSide.ChildElements[1]);
        var condition = Assert.Single(order.Conditions).Expression;
        Assert.Equal(new[] { "order", "customer" }, ParameterNames(condition));
        var f = condition.Compile();
        Assert.True((bool)f.DynamicInvoke(new Order(1, 2, 6m), new Customer(2))!);
        Assert.False((bool)f.DynamicInvoke(new Order(1, 2, 5m), new Customer(2))!);
        Assert.False((bool)f.DynamicInvoke(new Order(1, 3, 6m), new Customer(2))!);
    }

    /// <summary>Records linked-fact calls an action makes.</summary>
    private sealed class RecordingContext : IContext
    {
        private readonly Dictionary<object, object> _linked = new();

        public List<(string Kind, object Key, object Fact)> Calls { get; } = new();

        public IRuleDefinition Rule => throw new NotSupportedException();

        public IReadOnlyList<IFactMatch> Facts => throw new NotSupportedException();

        public void InsertLinked(object key, object fact)
        {
            _linked.Add(key, fact);
            Calls.Add(("InsertLinked", key, fact));
        }

        public void UpdateLinked(object key, object fact)
        {
            _linked[key] = fact;
            Calls.Add(("UpdateLinked", key, fact));
        }

        public object? GetLinked(object key) => _linked.TryGetValue(key, out var fact) ? fact : null;

        public IEnumerable<object> GetLinkedKeys() => _linked.Keys;

        public void RetractLinked(object key, object fact) => throw new NotSupportedException();

        public void Insert(object fact) => throw new NotSupportedException();

        public void InsertAll(IEnumerable<object> facts) => throw new NotSupportedException();

        public bool TryInsert(object fact) => throw new NotSupportedException();

        public void Update(object fact) => throw new NotSupportedException();

        public bool TryUpdate(object fact) => throw new NotSupportedException();

        public void Retract(object fact) => throw new NotSupportedException();

        public bool TryRetract(object fact) => throw new NotSupportedException();

        public void Halt() => throw new NotSupportedException();

        public object Resolve(Type serviceType) => throw new NotSupportedException();
    }
}
