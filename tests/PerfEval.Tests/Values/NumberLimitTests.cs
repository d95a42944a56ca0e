using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PerfEval.Values;

namespace PerfEval.Tests.Values;

public sealed class NumberLimitTests
{
    // The range as its documentation states it, in decimal comparisons: what the bit test must agree with.
    private static bool Stated(decimal value) => Math.Abs(value) <= NumberLimit.Max && (value == 0 || Math.Abs(value) >= NumberLimit.MinNonZero);

    [Theory]
    [InlineData("1000000000000", true)]
    [InlineData("1000000000000.000", true)]
    [InlineData("1000000000000.001", false)]
    [InlineData("-1000000000000", true)]
    [InlineData("-1000000000000.0000000001", false)]
    [InlineData("0.0000000001", true)]
    [InlineData("0.00000000010000", true)]
    [InlineData("0.00000000009999", false)]
    [InlineData("-0.0000000001", true)]
    [InlineData("0", true)]
    [InlineData("0.000000000000000000", true)]
    [InlineData("79228162514264337593543950335", false)]
    [InlineData("2.08", true)]
    public void Holds_at_the_bounds(string text, bool inRange)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(inRange, NumberLimit.InRange(value));
        Assert.Equal(Stated(value), NumberLimit.InRange(value));
    }

    /// <summary>
    /// Property: the same answer as the stated comparisons, for mantissas of up to 64 bits (the bit test) and 96 (the
    /// comparisons), every scale 0…28, both signs, and mantissas near the powers of ten where the answer turns.
    /// 3 000 cases, seeded by FsCheck.
    /// </summary>
    [Fact]
    public void Agrees_with_the_stated_range()
    {
        var cases = 0;
        var nearPower =
            from p in Gen.Choose(0, 19)
            from d in Gen.Choose(-2, 2)
            select (ulong)Math.Max(0, (decimal)Math.Pow(10, p) + d);
        var anyLong =
            from lo in Gen.Choose(int.MinValue, int.MaxValue)
            from mid in Gen.Choose(int.MinValue, int.MaxValue)
            select ((ulong)(uint)mid << 32) | (uint)lo;
        var gen =
            from m in Gen.OneOf(nearPower, anyLong, Gen.Choose(0, 1000).Select(i => (ulong)i))
            from hi in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, int.MaxValue)))
            from scale in Gen.Choose(0, 28)
            from negative in Gen.Elements(true, false)
            select new decimal((int)(uint)m, (int)(uint)(m >> 32), hi, negative, (byte)scale);
        Prop.ForAll(Arb.From(gen), value =>
        {
            Interlocked.Increment(ref cases);
            Assert.Equal(Stated(value), NumberLimit.InRange(value));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
        Assert.Equal(3000, cases);
    }
}
