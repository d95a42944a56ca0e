using System.Globalization;

namespace PerfEval.Scoring;

/// <summary>Culture-invariant number text for explanations and messages.</summary>
internal static class Num
{
    // "F0" … "F10": a score is written to its scheme's places in every explanation, without building the format each time.
    private static readonly string[] FixedFormats = [.. Enumerable.Range(0, 11).Select(p => "F" + p.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A number as people write it: no trailing zeros (<c>76</c>, <c>0.84</c>).</summary>
    /// <remarks>
    /// The general format of the value without its trailing zeros: the same text as the custom format
    /// <c>0.############################</c> (tested), at a third of the cost (<c>NumberTextBenchmark</c>: 0.31×) —
    /// explanations write hundreds of numbers a grading.
    /// </remarks>
    public static string Show(decimal value) => Normal(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>A score to the scheme's places (<c>8.00</c>).</summary>
    public static string Fixed(decimal value, int places) =>
        value.ToString(places < FixedFormats.Length ? FixedFormats[places] : "F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The same value without trailing zeros (<c>100.0</c> → <c>100</c>), so equal numbers are written alike.</summary>
    public static decimal Normal(decimal value)
    {
        var scale = value.Scale;
        if (scale == 0)
        {
            return value;
        }

        // Written for every number of every result line: strip the zeros from a 64-bit mantissa without a division of decimals.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            return value / 1.000000000000000000000000000000000m;
        }

        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return new decimal((int)mantissa, (int)(mantissa >> 32), 0, value < 0 || (mantissa == 0 && bits[3] < 0), (byte)scale);
    }
}
