using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.RuleModel;

public sealed class RuleBuilderTests
{
    [Fact]
    public void Build_copies_metadata_into_an_immutable_definition()
    {
        var builder = new RuleBuilder()
            .Name("满意度按比例计分")
            .Description("proportional")
            .Priority(10)
            .Repeatability(RuleRepeatability.NonRepeatable)
            .Tag("scoring")
            .Property("weight", 5m)
            .LeftHandSide(P<Order>("o"))
            .Action(Do(ctx => ctx.Halt()));
        var rule = builder.Build();
        builder.Tag("later").Priority(1);

        Assert.Equal("满意度按比例计分", rule.Name);
        Assert.Equal("proportional", rule.Description);
        Assert.Equal(10, rule.Priority);
        Assert.Equal(RuleRepeatability.NonRepeatable, rule.Repeatability);
        Assert.Equal(new[] { "scoring" }, rule.Tags);
        Assert.Equal(5m, rule.Properties["weight"]);
        Assert.Single(rule.LeftHandSide.ChildElements);
        Assert.Single(rule.RightHandSide);
        Assert.Equal(2, builder.Build().Tags.Count);
    }

    [Fact]
    public void Build_without_name_or_action_fails()
    {
        Assert.Throws<ArgumentException>(() => new RuleBuilder().LeftHandSide(P<Order>("o")).Action(Do(ctx => ctx.Halt())).Build());
        var ex = Assert.Throws<ArgumentException>(() => new RuleBuilder().Name("silent").LeftHandSide(P<Order>("o")).Build());
        Assert.Contains("silent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_property_names_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RuleBuilder().Name("p").Property("a", 1).Property("a", 2).Action(Do(ctx => ctx.Halt())).Build());
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }
}
