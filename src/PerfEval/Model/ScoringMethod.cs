using System.Collections.Immutable;

namespace PerfEval.Model;

/// <summary>The scoring methods PerfEval knows (DOMAIN §3). A closed vocabulary: schemes name one of these.</summary>
public enum MethodKind
{
    /// <summary>正向, proportional: a ≥ t → w; else w·a/t.</summary>
    Proportional,

    /// <summary>反向, linear: a ≤ t → w; t &lt; a &lt; 2t → w·(1 − (a−t)/t); a ≥ 2t → 0.</summary>
    ReverseLinear,

    /// <summary>反向, ratio: a ≤ t → w; else w·t/a.</summary>
    ReverseRatio,

    /// <summary>等于: a = t → w; otherwise zero or proportional, per <see cref="ScoringMethod.OtherwiseProportional"/>.</summary>
    Equal,

    /// <summary>Full marks at target; minus <see cref="ScoringMethod.PointsPerUnit"/> per percentage point short; floor 0.</summary>
    PerPointDeduction,

    /// <summary>Points by the band the actual falls in (<see cref="ScoringMethod.Bands"/>).</summary>
    Banded,

    /// <summary>w − k·(incidents), floor 0; k is <see cref="ScoringMethod.PointsPerUnit"/>.</summary>
    PerIncident,

    /// <summary>The sum of the points of the criteria met (<see cref="ScoringMethod.Criteria"/>).</summary>
    Checklist,

    /// <summary>达成 / 部分达成 / 未达成 tiers (<see cref="ScoringMethod.Tiers"/>).</summary>
    Qualitative,

    /// <summary>The evaluator's score, checked to lie within 0…weight.</summary>
    Assessed,

    /// <summary>预算执行率: executed ÷ planned, proportional or full marks from a threshold.</summary>
    ExecutionRate,
}

/// <summary>One band of a <see cref="MethodKind.Banded"/> method. A bound that is <see langword="null"/> is open.</summary>
/// <param name="Min">The lower bound, or <see langword="null"/> for none.</param>
/// <param name="MinInclusive">Whether the lower bound belongs to the band (含).</param>
/// <param name="Max">The upper bound, or <see langword="null"/> for none.</param>
/// <param name="MaxInclusive">Whether the upper bound belongs to the band.</param>
/// <param name="Points">The points a value in the band earns.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScoreBand(decimal? Min, bool MinInclusive, decimal? Max, bool MaxInclusive, decimal Points)
{
    /// <summary>Whether <paramref name="value"/> lies in the band.</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(decimal value) =>
        (Min is not { } lo || (MinInclusive ? value >= lo : value > lo))
        && (Max is not { } hi || (MaxInclusive ? value <= hi : value < hi));
}

/// <summary>One criterion of a <see cref="MethodKind.Checklist"/> method (①…记1分，否则不记分).</summary>
/// <param name="Text">What the criterion asks.</param>
/// <param name="Points">The points it earns when met.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Criterion(string Text, decimal Points);

/// <summary>
/// The score range of each qualitative outcome, as fractions of the weight, and the fraction given
/// when the evaluator names no score. Defaults follow 财预〔2020〕10号 practice: 达成 [80%, 100%],
/// 部分达成 [60%, 80%), 未达成 [0, 60%).
/// </summary>
/// <param name="AchievedMin">Lowest fraction for 达成.</param>
/// <param name="PartlyMin">Lowest fraction for 部分达成; 达成's lower cut is its upper end.</param>
/// <param name="AchievedDefault">Fraction given for 达成 without a self-score.</param>
/// <param name="PartlyDefault">Fraction given for 部分达成 without a self-score.</param>
/// <param name="NotAchievedDefault">Fraction given for 未达成 without a self-score.</param>
/// <param name="Narrative">
/// The outcome a scheme reads from a narrative actual that states neither an outcome word nor a
/// comparable figure (<c>已实现就近办理业务，让群众少跑路</c>); <see langword="null"/> (the default)
/// makes such a leaf unscorable unless it has a self-score. Every leaf read this way gets a
/// <c>OutcomeAssumed</c> finding, so the assumption shows in the result.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record QualitativeTiers(
    decimal AchievedMin = 0.8m,
    decimal PartlyMin = 0.6m,
    decimal AchievedDefault = 1m,
    decimal PartlyDefault = 0.6m,
    decimal NotAchievedDefault = 0m,
    Values.QualitativeOutcome? Narrative = null)
{
    /// <summary>The 财预〔2020〕10号 tiers.</summary>
    public static QualitativeTiers Default { get; } = new();
}

/// <summary>
/// How a leaf indicator is scored: one of the <see cref="MethodKind"/>s and its parameters.
/// Create with the static factories; every instance is valid.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScoringMethod
{
    private ScoringMethod(MethodKind kind) => Kind = kind;

    /// <summary>Which method.</summary>
    public MethodKind Kind { get; }

    /// <summary>For <see cref="MethodKind.PerPointDeduction"/>: points per percentage point short; for <see cref="MethodKind.PerIncident"/>: points per incident.</summary>
    public decimal PointsPerUnit { get; private init; }

    /// <summary>For <see cref="MethodKind.Equal"/>: score proportionally when not equal (otherwise zero).</summary>
    public bool OtherwiseProportional { get; private init; }

    /// <summary>For <see cref="MethodKind.ExecutionRate"/>: the rate (in %) from which full marks are given; <see langword="null"/> scores proportionally.</summary>
    public decimal? FullMarksFrom { get; private init; }

    /// <summary>For <see cref="MethodKind.Banded"/>: the bands, in order.</summary>
    public ImmutableArray<ScoreBand> Bands { get; private init; } = [];

    /// <summary>For <see cref="MethodKind.Checklist"/>: the criteria, in order.</summary>
    public ImmutableArray<Criterion> Criteria { get; private init; } = [];

    /// <summary>For <see cref="MethodKind.Qualitative"/>: the tiers.</summary>
    public QualitativeTiers Tiers { get; private init; } = QualitativeTiers.Default;

    /// <summary>正向 proportional scoring.</summary>
    public static ScoringMethod Proportional { get; } = new(MethodKind.Proportional);

    /// <summary>反向 linear scoring.</summary>
    public static ScoringMethod ReverseLinear { get; } = new(MethodKind.ReverseLinear);

    /// <summary>反向 ratio scoring.</summary>
    public static ScoringMethod ReverseRatio { get; } = new(MethodKind.ReverseRatio);

    /// <summary>The evaluator's own score, range-checked.</summary>
    public static ScoringMethod Assessed { get; } = new(MethodKind.Assessed);

    /// <summary>Qualitative tiers with the 10号 defaults.</summary>
    public static ScoringMethod Qualitative { get; } = new(MethodKind.Qualitative);

    /// <summary>等于 scoring.</summary>
    /// <param name="otherwiseProportional">Score proportionally when not equal; otherwise zero.</param>
    /// <returns>The method.</returns>
    public static ScoringMethod Equal(bool otherwiseProportional = false) =>
        new(MethodKind.Equal) { OtherwiseProportional = otherwiseProportional };

    /// <summary>Per-point deduction: full marks at target, minus <paramref name="pointsPerPercent"/> per percentage point short.</summary>
    /// <param name="pointsPerPercent">Points per percentage point, &gt; 0 (Hunan: 0.1).</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When not positive, or above 10¹² (where k × shortfall could overflow).</exception>
    public static ScoringMethod PerPointDeduction(decimal pointsPerPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointsPerPercent, Values.NumberLimit.Max);
        return new(MethodKind.PerPointDeduction) { PointsPerUnit = pointsPerPercent };
    }

    /// <summary>Per-incident deduction (每出现一例…扣k分，扣完为止).</summary>
    /// <param name="pointsPerIncident">Points per incident, &gt; 0.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When not positive, or above 10¹² (where k × count could overflow).</exception>
    public static ScoringMethod PerIncident(decimal pointsPerIncident)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerIncident);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointsPerIncident, Values.NumberLimit.Max);
        return new(MethodKind.PerIncident) { PointsPerUnit = pointsPerIncident };
    }

    /// <summary>Banded scoring.</summary>
    /// <param name="bands">The bands, at least one; points not negative.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">When empty or a band's points are negative or its bounds are reversed.</exception>
    public static ScoringMethod Banded(IEnumerable<ScoreBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var list = bands.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("A banded method needs at least one band.", nameof(bands));
        }

        foreach (var b in list)
        {
            if (b.Points < 0 || (b.Min is { } lo && b.Max is { } hi && lo > hi))
            {
                throw new ArgumentException($"Band {b} has negative points or reversed bounds.", nameof(bands));
            }
        }

        return new(MethodKind.Banded) { Bands = list };
    }

    /// <summary>Checklist scoring.</summary>
    /// <param name="criteria">The criteria, at least one; points not negative.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">When empty or a criterion's points are negative or above 10¹² (the sum could overflow).</exception>
    public static ScoringMethod Checklist(IEnumerable<Criterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var list = criteria.ToImmutableArray();
        if (list.IsEmpty || list.Any(c => c.Points < 0 || c.Points > Values.NumberLimit.Max))
        {
            throw new ArgumentException("A checklist needs at least one criterion, none with negative points or points above 10^12.", nameof(criteria));
        }

        return new(MethodKind.Checklist) { Criteria = list };
    }

    /// <summary>Qualitative tiers.</summary>
    /// <param name="tiers">The tiers.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">When the cuts are not 0 ≤ partly ≤ achieved ≤ 1 or a default lies outside its tier.</exception>
    public static ScoringMethod QualitativeWith(QualitativeTiers tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (!(0 <= tiers.PartlyMin && tiers.PartlyMin <= tiers.AchievedMin && tiers.AchievedMin <= 1)
            || tiers.AchievedDefault < tiers.AchievedMin || tiers.AchievedDefault > 1
            || tiers.PartlyDefault < tiers.PartlyMin || tiers.PartlyDefault > tiers.AchievedMin
            || tiers.NotAchievedDefault < 0 || tiers.NotAchievedDefault > tiers.PartlyMin)
        {
            throw new ArgumentException($"Qualitative tiers {tiers} are not ordered 0 ≤ partly ≤ achieved ≤ 1 with defaults inside their tiers.", nameof(tiers));
        }

        return new(MethodKind.Qualitative) { Tiers = tiers };
    }

    /// <summary>Budget-execution scoring.</summary>
    /// <param name="fullMarksFrom">The rate in % from which full marks are given (e.g. 90); <see langword="null"/> for proportional (执行数/预算数 × w).</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When the threshold is outside 0…100.</exception>
    public static ScoringMethod ExecutionRate(decimal? fullMarksFrom = null)
    {
        if (fullMarksFrom is { } f && (f <= 0 || f > 100))
        {
            throw new ArgumentOutOfRangeException(nameof(fullMarksFrom), fullMarksFrom, "The threshold is a rate in % within (0, 100].");
        }

        return new(MethodKind.ExecutionRate) { FullMarksFrom = fullMarksFrom };
    }

    /// <summary>Whether a rule computes the score from the actual value (as opposed to taking the evaluator's).</summary>
    public bool IsComputed => Kind != MethodKind.Assessed;
}
