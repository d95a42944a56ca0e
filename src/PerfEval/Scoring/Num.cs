using System.Globalization;

namespace PerfEval.Scoring;

/// <summary>Culture-invariant number text for explanations and messages.</summary>
internal static class Num
{
    /// <summary>A number as people write it: no trailing zeros (<c>76</c>, <c>0.84</c>).</summary>
    public static string Show(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>A score to the scheme's places (<c>8.00</c>).</summary>
    public static string Fixed(decimal value, int places) => value.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
