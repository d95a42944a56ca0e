using PerfEval.Rules.Fluent.Dsl;

// Rule classes the repository tests load from the test assembly, filtered by this namespace.
namespace PerfEval.Rules.Tests.Fluent.Loading;

[Name("scoring-a"), Tag("scoring"), Priority(5), Description("first scoring rule")]
public sealed class ScoringRuleA : Rule
{
    public override void Define()
    {
        Order order = null!;
        When().Match(() => order, o => o.Amount > 100);
        Then().Do(ctx => ctx.Insert(new Note("big " + order.Id)));
    }
}

[Name("scoring-b"), Tag("scoring"), Tag("audit")]
internal sealed class ScoringRuleB : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        When().Match(() => customer, c => c.IsPreferred);
        Then().Do(ctx => ctx.Insert(new Note("preferred " + customer.Id)));
    }
}

[Name("audit-only"), Tag("audit")]
public sealed class AuditRule : Rule
{
    public override void Define()
    {
        Audit audit = null!;
        When().Match(() => audit);
        Then().Do(ctx => ctx.Insert(new Note("audit " + audit.CustomerId)));
    }
}

/// <summary>Abstract: never loaded itself; its tag is inherited.</summary>
[Tag("base")]
public abstract class BaseRule : Rule
{
}

[Name("derived")]
public sealed class DerivedRule : BaseRule
{
    public override void Define()
    {
        Refund refund = null!;
        When().Match(() => refund);
        Then().Do(ctx => ctx.Insert(new Note("refund " + refund.OrderId)));
    }
}

/// <summary>Takes a constructor argument: only a custom activator can create it.</summary>
[Name("threshold"), Tag("configured")]
public sealed class ThresholdRule : Rule
{
    private readonly decimal _threshold;

    public ThresholdRule(decimal threshold) => _threshold = threshold;

    public override void Define()
    {
        Order order = null!;
        When().Match(() => order, o => o.Amount > _threshold);
        Then().Do(ctx => ctx.Insert(new Note("over " + order.Id)));
    }
}

/// <summary>Generic definitions are not loaded.</summary>
public sealed class GenericRule<T> : Rule
    where T : class
{
    public override void Define()
    {
        T fact = null!;
        When().Match(() => fact);
        Then().Do(ctx => ctx.Insert(new Note("generic")));
    }
}
