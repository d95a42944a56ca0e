using System.Globalization;

namespace PerfEval.Values;

/// <summary>
/// The range every number PerfEval reads must lie in: at most 10¹² in size (一万亿; no project's yuan, count or
/// points comes near it), and 0 or at least 10⁻¹⁰. Inside it no scoring step can overflow <see cref="decimal"/>:
/// a product of two such numbers is at most 10²⁴, a quotient by one at most 10²² (decimal holds 7.9 × 10²⁸), and
/// 10 000 weights add up to at most 10¹⁶. A number outside is refused where it is read, with its place.
/// </summary>
internal static class NumberLimit
{
    /// <summary>The largest size of a number: 10¹².</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>The smallest size of a number that is not 0: 10⁻¹⁰.</summary>
    public const decimal MinNonZero = 0.0000000001m;

    /// <summary>Whether <paramref name="value"/> lies in the range.</summary>
    public static bool InRange(decimal value)
    {
        // Asked of every number read, twice over: the bits of the decimal say it without a comparison of decimals
        // (which scales one of them) whenever the mantissa fits in 64 bits, as every number a report holds does.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            var size = Math.Abs(value);
            return size <= Max && (size == 0 || size >= MinNonZero);
        }

        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        // value = mantissa × 10^-scale: at most 10^12 ⇔ mantissa ≤ 10^(12 + scale); 0 or at least 10^-10 ⇔ mantissa ≥ 10^(scale - 10).
        return mantissa == 0
            || ((12 + scale >= Pow10.Length || mantissa <= Pow10[12 + scale]) && (scale <= 10 || mantissa >= Pow10[scale - 10]));
    }

    // 10^0 … 10^19, all that fit in a ulong.
    private static readonly ulong[] Pow10 = [.. Enumerable.Range(0, 20).Select(i => Enumerable.Repeat(10UL, i).Aggregate(1UL, (a, b) => a * b))];

    /// <summary>The range, in Chinese, for messages.</summary>
    public const string RangeZh = "绝对值不超过 10^12，非零时不小于 10^-10";

    /// <summary>The range, in English, for messages.</summary>
    public const string RangeEn = "at most 10^12 in size, and 0 or at least 10^-10";

    /// <summary>The problem for a number out of range at a place in a file.</summary>
    public static Problem OutOfRange(string text, string? jsonPath, long? line, string? indicatorPath = null) =>
        new("NumberOutOfRange", indicatorPath,
            string.Create(CultureInfo.InvariantCulture, $"数值 {Echo.Quote(text)} 超出允许范围（{RangeZh}）"),
            string.Create(CultureInfo.InvariantCulture, $"The number {Echo.Quote(text)} is out of range ({RangeEn})"),
            text, jsonPath, line);
}
