using System.Linq.Expressions;
using PerfEval.Rules;
using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Benchmarks.Engine;

// The rules of NRules' benchmark suite, written in our fluent DSL.

public sealed class OneFactRule : Rule
{
    public override void Define()
    {
        TestFact fact = null!;
        When().Match(() => fact, x => x.IntProperty % 2 == 0);
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>Matches every fact: one trivial activation per fact (fire throughput).</summary>
public sealed class MatchAllRule : Rule
{
    public override void Define()
    {
        TestFact fact = null!;
        When().Match(() => fact, x => x.IntProperty >= 0);
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>Matches no fact: insert cost without activations.</summary>
public sealed class MatchNoneRule : Rule
{
    public override void Define()
    {
        TestFact fact = null!;
        When().Match(() => fact, x => x.IntProperty < 0);
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>NRules' BenchmarkTwoFactJoinRule: x.IntProperty % 2 == fact1.IntProperty % 4.</summary>
public sealed class TwoFactJoinRule : Rule
{
    public override void Define()
    {
        TestFact1 fact1 = null!;
        TestFact2 fact2 = null!;
        When()
            .Match(() => fact1, x => x.IntProperty % 2 == 0)
            .Match(() => fact2, x => x.IntProperty % 2 == 0, x => x.IntProperty % 2 == fact1.IntProperty % 4);
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>An equality join on a group key (DESIGN.md: 3000 × 3000 facts, 100 groups).</summary>
public sealed class GroupJoinRule : Rule
{
    public override void Define()
    {
        TestFact1 fact1 = null!;
        TestFact2 fact2 = null!;
        When()
            .Match(() => fact1)
            .Match(() => fact2, x => x.Group == fact1.Group);
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>NRules' TwoFactAggregateRule: GroupBy over facts joined to fact1.</summary>
public sealed class GroupByAggregateRule : Rule
{
    public override void Define()
    {
        TestFact1 fact1 = null!;
        IGrouping<int, TestFact2> group = null!;
        When()
            .Match(() => fact1, x => x.IntProperty % 2 == 0)
            .Query(() => group, q => q
                .Match<TestFact2>(x => x.IntProperty % 2 == 0, x => x.IntProperty % 2 == fact1.IntProperty % 4)
                .GroupBy(x => x.IntProperty % 10));
        Then().Do(_ => Nop.Nothing());
    }
}

/// <summary>A Collect aggregate keyed by an equality join (the roll-up shape the grading rules use).</summary>
public sealed class CollectAggregateRule : Rule
{
    public override void Define()
    {
        TestFact1 fact1 = null!;
        IEnumerable<TestFact2> items = null!;
        When()
            .Match(() => fact1)
            .Query(() => items, q => q.Match<TestFact2>(x => x.Group == fact1.Group).Collect());
        Then().Do(_ => Nop.Nothing());
    }
}

internal static class Factories
{
    public static ISessionFactory Fluent(params Type[] rules)
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(rules));
        return repository.Compile();
    }

    /// <summary>
    /// <paramref name="count"/> distinct one-pattern rules built through the rule model: rule i
    /// matches facts with IntProperty % modulus == i % modulus (each a distinct alpha node).
    /// </summary>
    public static List<IRuleDefinition> ManyRules(int count, int modulus)
    {
        var rules = new List<IRuleDefinition>(count);
        var fact = Element.Declaration(typeof(TestFact), "fact");
        Expression<Action<IContext, TestFact>> action = (ctx, fact) => Nop.Nothing();
        for (var i = 0; i < count; i++)
        {
            var p = Expression.Parameter(typeof(TestFact), "fact");
            var body = Expression.Equal(
                Expression.Modulo(Expression.Property(p, nameof(TestFact.IntProperty)), Expression.Constant(modulus)),
                Expression.Constant(i % modulus));
            var condition = Expression.Lambda<Func<TestFact, bool>>(body, p);
            rules.Add(new RuleBuilder()
                .Name("rule " + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .LeftHandSide(Element.Pattern(fact, [Element.Condition(condition)]))
                .Action(action)
                .Build());
        }

        return rules;
    }

    public static TestFact[] Facts(int count)
    {
        var facts = new TestFact[count];
        for (var i = 0; i < count; i++) facts[i] = new TestFact { IntProperty = i };
        return facts;
    }
}
