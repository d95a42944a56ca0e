using PerfEval.Rules.Fluent.Dsl;

// The rule from DESIGN.md's engine section, written exactly as a host would.
namespace PerfEval.Rules.Tests.Fluent.EndToEnd;

public enum ScoringMethod
{
    Proportional,
    Reverse,
}

public sealed class IndicatorInput
{
    public IndicatorInput(string code, ScoringMethod method, decimal? actual, decimal target, decimal weight)
    {
        Code = code;
        Method = method;
        Actual = actual;
        Target = target;
        Weight = weight;
    }

    public string Code { get; }

    public ScoringMethod Method { get; }

    public decimal? Actual { get; }

    public decimal Target { get; }

    public decimal Weight { get; }
}

public sealed class Score
{
    private Score(string code, decimal points)
    {
        Code = code;
        Points = points;
    }

    public string Code { get; }

    public decimal Points { get; }

    public static Score Proportional(IndicatorInput input) =>
        new(input.Code, Math.Round(Math.Min(1m, input.Actual!.Value / input.Target) * input.Weight, 2, MidpointRounding.AwayFromZero));
}

[Name("满意度按比例计分"), Priority(10), Tag("scoring")]
public sealed class ProportionalRule : Rule
{
    public override void Define()
    {
        IndicatorInput input = null!;
        When().Match(() => input, i => i.Method == ScoringMethod.Proportional, i => i.Actual != null);
        Then().Do(ctx => ctx.Insert(Score.Proportional(input)));
    }
}
