using System.Collections.Immutable;

namespace PerfEval.Model;

/// <summary>A grade band: totals from <see cref="Min"/> (inclusive) up to the next band's minimum earn this grade.</summary>
/// <param name="Name">The grade as the region names it (优, 良好, 合格 …).</param>
/// <param name="Min">The lowest total (inclusive) that earns it.</param>
/// <param name="NameEn">An English name (Excellent, Good …).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record GradeBand(string Name, decimal Min, string? NameEn = null);

/// <summary>Where a scheme rounds scores.</summary>
public enum RoundingScope
{
    /// <summary>Each leaf's score and the total (sums of rounded leaves are exact).</summary>
    Leaf,

    /// <summary>Every node's score and the total.</summary>
    EveryLevel,

    /// <summary>Only the total.</summary>
    TotalOnly,
}

/// <summary>How and where a scheme rounds: 四舍五入 to two places at each leaf by default.</summary>
/// <param name="Places">Decimal places, 0…6.</param>
/// <param name="Mode">The midpoint rule; 四舍五入 is <see cref="MidpointRounding.AwayFromZero"/>.</param>
/// <param name="Scope">Where rounding happens.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RoundingPolicy(int Places = 2, MidpointRounding Mode = MidpointRounding.AwayFromZero, RoundingScope Scope = RoundingScope.Leaf)
{
    /// <summary>四舍五入 to two places at each leaf.</summary>
    public static RoundingPolicy Default { get; } = new();

    /// <summary>Rounds <paramref name="value"/> by this policy.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rounded value.</returns>
    public decimal Round(decimal value) => Math.Round(value, Places, Mode);
}

/// <summary>What happens to 不适用 (not applicable) indicators.</summary>
public enum NotApplicablePolicy
{
    /// <summary>Drop them and rescale the applicable scores to 100 (用适用指标得分汇总后按百分制折算).</summary>
    Rescale,

    /// <summary>Give them full marks.</summary>
    FullMarks,
}

/// <summary>The scoring method a scheme uses for leaves that name none, by direction and kind of value.</summary>
/// <param name="Positive">For 正向 quantitative leaves.</param>
/// <param name="Negative">For 反向 leaves.</param>
/// <param name="Equal">For 等于 leaves.</param>
/// <param name="Qualitative">For leaves whose actual is a word (完成, 达到 …).</param>
/// <param name="ExecutionRate">For the budget-execution indicator (预算执行率).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MethodDefaults(
    ScoringMethod Positive,
    ScoringMethod Negative,
    ScoringMethod Equal,
    ScoringMethod Qualitative,
    ScoringMethod ExecutionRate)
{
    /// <summary>National practice: proportional, reverse linear, equal-or-zero, 10号 tiers, proportional execution.</summary>
    public static MethodDefaults National { get; } = new(
        ScoringMethod.Proportional, ScoringMethod.ReverseLinear, ScoringMethod.Equal(), ScoringMethod.Qualitative, ScoringMethod.ExecutionRate());
}

/// <summary>
/// An expected indicator of a scheme's frame: a name and weight the scheme fixes (一级 and 二级指标),
/// used to check a project's tree and to assign weights a report leaves out.
/// </summary>
/// <param name="Name">The indicator's name.</param>
/// <param name="Weight">Its weight, or <see langword="null"/> when the scheme fixes none.</param>
/// <param name="Children">Expected children.</param>
/// <param name="Aliases">Other names a report may use for it.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FrameIndicator(string Name, decimal? Weight, ImmutableArray<FrameIndicator> Children, ImmutableArray<string> Aliases)
{
    /// <summary>Whether <paramref name="name"/> names this indicator (its name or an alias).</summary>
    /// <param name="name">A name from a report.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(string name) => string.Equals(Name, name, StringComparison.Ordinal) || Aliases.Contains(name, StringComparer.Ordinal);
}

/// <summary>
/// A regional scoring scheme: grade bands, rounding, the not-applicable rule, default methods, the
/// expected frame of indicators and the region's policies. Built by <see cref="SchemeBuilder"/> or
/// loaded from a scheme file; compiled once into rules by the grader.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Scheme
{
    internal Scheme(SchemeBuilder b, ImmutableArray<GradeBand> grades)
    {
        Id = b.Id;
        Name = b.Name;
        NameEn = b.NameEn;
        Region = b.Region;
        Extends = b.Extends;
        Sources = [.. b.Sources];
        Frame = [.. b.Frame];
        Defaults = b.Defaults;
        Grades = grades;
        Rounding = b.Rounding;
        NotApplicable = b.NotApplicable;
        Tolerance = b.Tolerance;
        Policies = [.. b.Policies];
    }

    /// <summary>The scheme's id (<c>national-2020</c>).</summary>
    public string Id { get; }

    /// <summary>The scheme's name.</summary>
    public string Name { get; }

    /// <summary>An English name.</summary>
    public string? NameEn { get; }

    /// <summary>The region it applies to.</summary>
    public string? Region { get; }

    /// <summary>The id of the scheme it extends, if any (already resolved into this one).</summary>
    public string? Extends { get; }

    /// <summary>The public documents it follows.</summary>
    public ImmutableArray<string> Sources { get; }

    /// <summary>The expected 一级 (and 二级) indicators with their weights.</summary>
    public ImmutableArray<FrameIndicator> Frame { get; }

    /// <summary>Default methods for leaves that name none.</summary>
    public MethodDefaults Defaults { get; }

    /// <summary>The grade bands, highest minimum first.</summary>
    public ImmutableArray<GradeBand> Grades { get; }

    /// <summary>The rounding rule.</summary>
    public RoundingPolicy Rounding { get; }

    /// <summary>The not-applicable rule.</summary>
    public NotApplicablePolicy NotApplicable { get; }

    /// <summary>How far a stated figure may be from the computed one before it is a finding (default 0.005).</summary>
    public decimal Tolerance { get; }

    /// <summary>Region-specific policies: vetoes, grade caps, bonuses and deductions.</summary>
    public ImmutableArray<Policy> Policies { get; }

    /// <summary>The grade a total earns: the band with the highest minimum not above it.</summary>
    /// <param name="total">The total score.</param>
    /// <returns>The band.</returns>
    public GradeBand GradeFor(decimal total)
    {
        foreach (var band in Grades)
        {
            if (total >= band.Min)
            {
                return band;
            }
        }

        return Grades[^1];
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
