using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

// Rule classes for the end-to-end scenarios; each test loads the ones it needs by type.
namespace PerfEval.Rules.Tests.Fluent.EndToEnd;

public sealed class FiringLog
{
    public List<string> Entries { get; } = new();
}

[Name("join-invoice")]
public sealed class JoinInvoiceRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        Order order = null!;
        When()
            .Match(() => customer, c => c.IsPreferred)
            .Match(() => order, o => o.CustomerId == customer.Id, o => o.Amount > 0);
        Then().Yield(ctx => new Invoice(order));
    }
}

[Name("unrefunded")]
public sealed class UnrefundedRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When()
            .Match(() => order)
            .Not<Refund>(r => r.OrderId == order.Id);
        Then().Yield(ctx => new Note("unrefunded " + order.Id));
    }
}

[Name("audited")]
public sealed class AuditedCustomerRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        When()
            .Match(() => customer)
            .Exists<Audit>(a => a.CustomerId == customer.Id);
        Then().Do(ctx => ctx.Insert(new Note("audited " + customer.Id)));
    }
}

[Name("collect-summary")]
public sealed class CollectSummaryRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        IEnumerable<Order> orders = null!;
        When()
            .Match(() => customer)
            .Query(() => orders, q => q.Match<Order>(o => o.CustomerId == customer.Id).Collect());
        Then().Yield(ctx => new Summary(customer, orders.Sum(o => o.Amount)));
    }
}

[Name("sum-summary")]
public sealed class SumSummaryRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        decimal total = 0;
        When()
            .Match(() => customer)
            .Query(() => total, q => q.Match<Order>(o => o.CustomerId == customer.Id).Sum(o => o.Amount));
        Then().Yield(ctx => new Summary(customer, total));
    }
}

[Name("min")]
public sealed class MinRule : Rule
{
    public override void Define()
    {
        decimal min = 0;
        When().Query(() => min, q => q.Match<Order>().Min(o => o.Amount));
        Then().Yield(ctx => new Note("min " + min.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("max")]
public sealed class MaxRule : Rule
{
    public override void Define()
    {
        decimal max = 0;
        When().Query(() => max, q => q.Match<Order>(o => o.CustomerId == 1).Max(o => o.Amount));
        Then().Yield(ctx => new Note("max " + max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("count")]
public sealed class CountRule : Rule
{
    public override void Define()
    {
        int count = 0;
        When().Query(() => count, q => q.Match<Order>().Count());
        Then().Yield(ctx => new Note("count " + count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("group")]
public sealed class GroupRule : Rule
{
    public override void Define()
    {
        IGrouping<int, Order> group = null!;
        When().Query(() => group, q => q.Match<Order>(o => o.Amount > 0).GroupBy(o => o.CustomerId));
        Then().Yield(ctx => new Note("customer " + group.Key + ": " + group.Count()));
    }
}

[Name("let-having")]
public sealed class LetHavingRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        decimal doubled = 0;
        When()
            .Match(() => order)
            .Let(() => doubled, () => order.Amount * 2)
            .Having(() => doubled > 100);
        Then().Yield(ctx => new Note("doubled " + order.Id + "=" + doubled.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("or")]
public sealed class OrRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        When().Or(x => x
            .Match(() => customer, c => c.IsPreferred)
            .And(y => y.Match(() => customer, c => !c.IsPreferred).Exists<Audit>(a => a.CustomerId == customer.Id)));
        Then().Yield(ctx => new Note("ok " + customer.Id));
    }
}

[Name("all-positive")]
public sealed class AllPositiveRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        When()
            .Match(() => customer)
            .All<Order>(o => o.CustomerId == customer.Id, o => o.Amount > 0);
        Then().Yield(ctx => new Note("all positive " + customer.Id));
    }
}

[Name("chain-1")]
public sealed class BigOrderRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When().Match(() => order, o => o.Amount > 100);
        Then().Do(ctx => ctx.Insert(new Note("big:" + order.Id)));
    }
}

[Name("chain-2")]
public sealed class FlagBigNoteRule : Rule
{
    public override void Define()
    {
        Note note = null!;
        When().Match(() => note, n => n.Text.StartsWith("big:", StringComparison.Ordinal));
        Then().Do(ctx => ctx.Insert(new Flag(note.Text)));
    }
}

[Name("chain-3")]
public sealed class DoneRule : Rule
{
    public override void Define()
    {
        Flag flag = null!;
        Note note = null!;
        When()
            .Match(() => flag)
            .Match(() => note, n => n.Text == flag.Text);
        Then().Do(ctx => ctx.Insert(new Done(flag.Text)));
    }
}

[Name("high"), Priority(10)]
public sealed class HighPriorityRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When().Match(() => order);
        Then().Do(ctx => ctx.Insert(new Note("high " + order.Id)));
    }
}

[Name("middle")]
public sealed class MiddlePriorityRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When().Match(() => order);
        Then().Do(ctx => ctx.Insert(new Note("middle " + order.Id)));
    }
}

[Name("low"), Priority(-5)]
public sealed class LowPriorityRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        When().Match(() => order);
        Then().Do(ctx => ctx.Insert(new Note("low " + order.Id)));
    }
}

[Name("repeatable")]
public sealed class RepeatableRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        FiringLog log = null!;
        Dependency().Resolve(() => log);
        When().Match(() => order);
        Then().Do(ctx => log.Entries.Add("repeatable " + order.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("non-repeatable"), Repeatability(RuleRepeatability.NonRepeatable)]
public sealed class NonRepeatableRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        FiringLog log = null!;
        Dependency().Resolve(() => log);
        When().Match(() => order);
        Then().Do(ctx => log.Entries.Add("non-repeatable " + order.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

[Name("clock")]
public sealed class ClockRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        IClock clock = null!;
        Dependency().Resolve(() => clock);
        When().Match(() => order);
        Then().Do(ctx => ctx.Insert(new Note("order " + order.Id + " in " + clock.Year)));
    }
}

[Name("deactivated")]
public sealed class DeactivationRule : Rule
{
    public override void Define()
    {
        Order order = null!;
        FiringLog log = null!;
        Dependency().Resolve(() => log);
        When().Match(() => order, o => o.Amount > 0);
        Then()
            .Do(ctx => log.Entries.Add("on " + order.Id))
            .Action(ctx => log.Entries.Add("off " + order.Id), ActionTrigger.Deactivated);
    }
}

[Name("yield-update")]
public sealed class YieldUpdateRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        int count = 0;
        When()
            .Match(() => customer)
            .Query(() => count, q => q.Match<Order>(o => o.CustomerId == customer.Id).Count());
        Then().Yield(
            ctx => new Note("count " + count),
            (ctx, previous) => new Note(previous.Text + " -> " + count));
    }
}

/// <summary>A parameterised rule: subclasses differ only in the threshold they pass.</summary>
public abstract class ThresholdRuleBase : Rule
{
    private readonly decimal _threshold;

    protected ThresholdRuleBase(decimal threshold) => _threshold = threshold;

    public override void Define()
    {
        Order order = null!;
        When().Match(() => order, o => o.Amount > _threshold);
        Then().Do(ctx => ctx.Insert(new Note("over " + _threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + order.Id)));
    }
}

[Name("over-50")]
public sealed class Over50Rule : ThresholdRuleBase
{
    public Over50Rule()
        : base(50m)
    {
    }
}

[Name("over-100")]
public sealed class Over100Rule : ThresholdRuleBase
{
    public Over100Rule()
        : base(100m)
    {
    }
}
