using System.Globalization;
using System.Text;

namespace PerfEval.Values;

/// <summary>
/// A target (预期指标值) or actual value (实际完成值) as read from the text a report wrote.
/// Created only by <see cref="ValueReader"/>. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Text"/> always keeps the original text. For a <see cref="ValueKind.Quantity"/>,
/// <see cref="Number"/> and <see cref="Unit"/> are as written (after full-width → half-width,
/// thousands separators and a leading ¥ are handled); <see cref="BaseNumber"/> and
/// <see cref="BaseUnit"/> take the 万 / 亿 / 千万 / 百万 (and 千 of 千元) multiplier out, so that
/// 0.84万元 compares as 8400 元 and 15万人 as 150000 人. A percentage stays a percentage:
/// 95% has <see cref="BaseNumber"/> 95 and <see cref="BaseUnit"/> "%".
/// </remarks>
public sealed record IndicatorValue
{
    internal IndicatorValue(
        string text,
        ValueKind kind,
        Comparison comparison,
        decimal? number,
        string? unit,
        decimal? baseNumber,
        string? baseUnit,
        QualitativeOutcome? outcome,
        string? columnUnit,
        bool hasUnitConflict)
    {
        Text = text;
        Kind = kind;
        Comparison = comparison;
        Number = number;
        Unit = unit;
        BaseNumber = baseNumber;
        BaseUnit = baseUnit;
        Outcome = outcome;
        ColumnUnit = columnUnit;
        HasUnitConflict = hasUnitConflict;
    }

    /// <summary>The original text, exactly as given (an absent text is kept as the empty string).</summary>
    public string Text { get; }

    /// <summary>What kind of value the text holds.</summary>
    public ValueKind Kind { get; }

    /// <summary>The comparison written with the number; <see cref="Comparison.None"/> when none is written or the value is not a quantity.</summary>
    public Comparison Comparison { get; }

    /// <summary>The number as written (15 for 15万人, 99490.00 for 99490.00元); <see langword="null"/> unless <see cref="Kind"/> is <see cref="ValueKind.Quantity"/>.</summary>
    public decimal? Number { get; }

    /// <summary>
    /// The unit as written, including a 万-style multiplier ("%", "元/户", "万元", "万人次"); the
    /// column unit when the text has none; "元" for a ¥ amount without a unit; <see langword="null"/>
    /// when no unit is known.
    /// </summary>
    public string? Unit { get; }

    /// <summary>The number with the unit's multiplier applied (0.84万元 → 8400); <see langword="null"/> unless a quantity.</summary>
    public decimal? BaseNumber { get; }

    /// <summary>The unit without its multiplier (万元 → 元, 万人 → 人, % → %); <see langword="null"/> when no unit is known.</summary>
    public string? BaseUnit { get; }

    /// <summary>
    /// The outcome a qualitative text states; <see langword="null"/> for other kinds and for a
    /// qualitative text that states a criterion or a description without an outcome word
    /// (是否在合同约定期间交货, 2021年1-12月). For a target, it is the outcome the target asks for.
    /// </summary>
    public QualitativeOutcome? Outcome { get; }

    /// <summary>The unit given by a separate table column, as given (trimmed, brackets removed); <see langword="null"/> when none.</summary>
    public string? ColumnUnit { get; }

    /// <summary>
    /// <see langword="true"/> when the text writes a unit whose base unit differs from the column's
    /// (28.8万元 under the column unit %). The text's unit wins; this flag lets the grader report it.
    /// </summary>
    public bool HasUnitConflict { get; }

    /// <summary>A short, culture-invariant rendering: ≥95%, 完成 (Achieved), 不适用, (empty).</summary>
    /// <returns>The rendering.</returns>
    public override string ToString()
    {
        return Kind switch
        {
            ValueKind.Quantity => string.Create(
                CultureInfo.InvariantCulture,
                $"{ComparisonSymbol(Comparison)}{Number}{Unit}"),
            ValueKind.Qualitative => Outcome is { } o
                ? string.Create(CultureInfo.InvariantCulture, $"{Text} ({o})")
                : Text,
            ValueKind.NotApplicable => "不适用",
            _ => "(empty)",
        };
    }

    /// <summary>Compares every property, <see cref="Text"/> included.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when all properties are equal.</returns>
    public bool Equals(IndicatorValue? other)
    {
        return other is not null
            && string.Equals(Text, other.Text, StringComparison.Ordinal)
            && Kind == other.Kind
            && Comparison == other.Comparison
            && Number == other.Number
            && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
            && BaseNumber == other.BaseNumber
            && string.Equals(BaseUnit, other.BaseUnit, StringComparison.Ordinal)
            && Outcome == other.Outcome
            && string.Equals(ColumnUnit, other.ColumnUnit, StringComparison.Ordinal)
            && HasUnitConflict == other.HasUnitConflict;
    }

    /// <summary>A hash code consistent with <see cref="Equals(IndicatorValue?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Text, StringComparer.Ordinal);
        h.Add(Kind);
        h.Add(Comparison);
        h.Add(Number);
        h.Add(Unit, StringComparer.Ordinal);
        h.Add(Outcome);
        h.Add(ColumnUnit, StringComparer.Ordinal);
        h.Add(HasUnitConflict);
        return h.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToString());
        return true;
    }

    internal static string ComparisonSymbol(Comparison comparison) => comparison switch
    {
        Comparison.AtLeast => "≥",
        Comparison.AtMost => "≤",
        Comparison.GreaterThan => ">",
        Comparison.LessThan => "<",
        Comparison.Equal => "=",
        _ => string.Empty,
    };
}
