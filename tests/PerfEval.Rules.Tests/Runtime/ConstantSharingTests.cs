using System.Globalization;
using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

/// <summary>
/// Regression: node sharing compared constants with <see cref="object.Equals(object?, object?)"/>, so
/// 1.0m and 1.00m (equal, but with different scales) made one shared node, and the second rule saw
/// values computed with the first rule's constant (2.0 instead of 2.00); likewise 0.0 and -0.0.
/// </summary>
public sealed class ConstantSharingTests
{
    private static IRuleDefinition Scaled(string name, Expression<Func<Order, decimal>> value, List<string> seen) =>
        Rule(name, P<Order>("o"), Element.Binding(D<decimal>("x"), value))
            .Action((Expression<Action<IContext, decimal>>)((ctx, x) => seen.Add(name + " " + x.ToString(CultureInfo.InvariantCulture))))
            .Build();

    [Fact]
    public void Decimal_constants_with_different_scales_are_not_shared()
    {
        var seen = new List<string>();
        var session = Session(Scaled("one", o => o.Amount * 1.0m, seen), Scaled("two", o => o.Amount * 1.00m, seen));
        session.Insert(new Order(1, 1, 2m));
        session.Fire();

        Assert.Equal(new[] { "one 2.0", "two 2.00" }, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Equal_decimal_constants_are_still_shared()
    {
        var seen = new List<string>();
        var session = Session(Scaled("one", o => o.Amount * 1.5m, seen), Scaled("two", o => o.Amount * 1.5m, seen));
        session.Insert(new Order(1, 1, 2m));
        session.Fire();

        Assert.Equal(new[] { "one 3.0", "two 3.0" }, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Negative_zero_is_not_shared_with_zero()
    {
        var seen = new List<string>();
        IRuleDefinition Signed(string name, Expression<Func<Order, double>> value) =>
            Rule(name, P<Order>("o"), Element.Binding(D<double>("x"), value))
                .Action((Expression<Action<IContext, double>>)((ctx, x) => seen.Add(name + " " + (1 / x).ToString(CultureInfo.InvariantCulture))))
                .Build();
        var session = Session(Signed("plus", o => o.Id * 0.0), Signed("minus", o => o.Id * -0.0));
        session.Insert(new Order(1, 1, 2m));
        session.Fire();

        Assert.Equal(new[] { "minus -Infinity", "plus Infinity" }, seen.Order(StringComparer.Ordinal));
    }
}
