namespace PerfEval.Model;

/// <summary>The kinds of regional policy a scheme may state — a closed vocabulary.</summary>
public enum PolicyKind
{
    /// <summary>When a flag is set, the grade is set (e.g. funds misappropriated → 差).</summary>
    Veto,

    /// <summary>When an indicator scores below a fraction of its weight, the grade is at most the one named.</summary>
    GradeCap,

    /// <summary>When a flag is set, points are added to the total (capped at 100).</summary>
    Bonus,

    /// <summary>When a flag is set, points are taken from the total (floor 0).</summary>
    Deduction,
}

/// <summary>
/// A region's rule beyond scoring. Create with the static factories; schemes compile policies into
/// engine rules, so a policy is data, never code.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Policy
{
    private Policy(PolicyKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Kind = kind;
        Name = name;
    }

    /// <summary>Which kind of policy.</summary>
    public PolicyKind Kind { get; }

    /// <summary>The policy's name as the region writes it (shown in explanations).</summary>
    public string Name { get; }

    /// <summary>The evaluation flag that triggers a veto, bonus or deduction.</summary>
    public string? Flag { get; private init; }

    /// <summary>For a grade cap: the indicator, by path (<c>满意度指标</c> or <c>满意度指标/满意度指标</c>).</summary>
    public string? Indicator { get; private init; }

    /// <summary>For a grade cap: the fraction of the indicator's weight below which the cap applies.</summary>
    public decimal BelowFraction { get; private init; }

    /// <summary>For a veto: the grade set; for a cap: the best grade allowed.</summary>
    public string? Grade { get; private init; }

    /// <summary>For a bonus or deduction: the points.</summary>
    public decimal Points { get; private init; }

    /// <summary>A veto: when <paramref name="flag"/> is set the grade becomes <paramref name="grade"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="flag">The flag that triggers it.</param>
    /// <param name="grade">The grade set.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">When a name is blank.</exception>
    public static Policy Veto(string name, string flag, string grade)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flag);
        ArgumentException.ThrowIfNullOrWhiteSpace(grade);
        return new(PolicyKind.Veto, name) { Flag = flag, Grade = grade };
    }

    /// <summary>A grade cap: when <paramref name="indicator"/> scores below <paramref name="belowFraction"/> of its weight, the grade is at most <paramref name="maxGrade"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="indicator">The indicator's path.</param>
    /// <param name="belowFraction">A fraction in (0, 1].</param>
    /// <param name="maxGrade">The best grade allowed.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">When a name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the fraction is outside (0, 1].</exception>
    public static Policy GradeCap(string name, string indicator, decimal belowFraction, string maxGrade)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indicator);
        ArgumentException.ThrowIfNullOrWhiteSpace(maxGrade);
        if (belowFraction <= 0 || belowFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(belowFraction), belowFraction, "The fraction lies in (0, 1].");
        }

        return new(PolicyKind.GradeCap, name) { Indicator = indicator, BelowFraction = belowFraction, Grade = maxGrade };
    }

    /// <summary>A bonus: when <paramref name="flag"/> is set, <paramref name="points"/> are added.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="flag">The flag.</param>
    /// <param name="points">Points, &gt; 0.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">When a name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When points are not positive.</exception>
    public static Policy Bonus(string name, string flag, decimal points) => Adjust(PolicyKind.Bonus, name, flag, points);

    /// <summary>A deduction: when <paramref name="flag"/> is set, <paramref name="points"/> are taken.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="flag">The flag.</param>
    /// <param name="points">Points, &gt; 0.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">When a name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When points are not positive.</exception>
    public static Policy Deduction(string name, string flag, decimal points) => Adjust(PolicyKind.Deduction, name, flag, points);

    private static Policy Adjust(PolicyKind kind, string name, string flag, decimal points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flag);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return new(kind, name) { Flag = flag, Points = points };
    }
}
