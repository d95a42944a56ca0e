using PerfEval.Model;

namespace PerfEval.Tests.Model;

/// <summary>The method and policy factories refuse parameters that make no sense.</summary>
public sealed class ScoringMethodTests
{
    [Fact]
    public void Factories_validate_their_parameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.PerPointDeduction(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.PerIncident(-1m));
        Assert.Throws<ArgumentException>(() => ScoringMethod.Banded([]));
        Assert.Throws<ArgumentException>(() => ScoringMethod.Banded([new ScoreBand(90m, true, 80m, false, 1m)]));   // reversed
        Assert.Throws<ArgumentException>(() => ScoringMethod.Banded([new ScoreBand(90m, true, null, false, -1m)])); // negative points
        Assert.Throws<ArgumentException>(() => ScoringMethod.Checklist([]));
        Assert.Throws<ArgumentException>(() => ScoringMethod.Checklist([new Criterion("①", -1m)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.ExecutionRate(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringMethod.ExecutionRate(100.01m));
        Assert.Equal(100m, ScoringMethod.ExecutionRate(100m).FullMarksFrom);
        Assert.Throws<ArgumentException>(() => ScoringMethod.QualitativeWith(new QualitativeTiers(AchievedMin: 0.5m, PartlyMin: 0.6m)));
        Assert.Throws<ArgumentException>(() => ScoringMethod.QualitativeWith(new QualitativeTiers(AchievedDefault: 0.7m)));   // below 达成's 80%
        Assert.Throws<ArgumentException>(() => ScoringMethod.QualitativeWith(new QualitativeTiers(PartlyDefault: 0.9m)));     // above 部分达成's 80%
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.GradeCap("满意度", "满意度指标", 0m, "良"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Bonus("加分", "x", 0m));
        Assert.Throws<ArgumentException>(() => Policy.Veto("否决", " ", "差"));
    }

    [Fact]
    public void Only_assessed_is_not_computed()
    {
        Assert.False(ScoringMethod.Assessed.IsComputed);
        Assert.True(ScoringMethod.Proportional.IsComputed);
        Assert.True(ScoringMethod.Checklist([new Criterion("①", 1m)]).IsComputed);
        Assert.Equal(0.1m, ScoringMethod.PerPointDeduction(0.1m).PointsPerUnit);
        Assert.False(ScoringMethod.Equal().OtherwiseProportional);
    }
}
