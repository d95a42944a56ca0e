using FsCheck;
using FsCheck.Fluent;
using PerfEval.Scoring;

namespace PerfEval.Tests.Scoring;

public sealed class NumTests
{
    // Mantissas of up to 64 bits (Normal's fast path) half the time and of 96 (its fallback) some of the time, every
    // scale 0…28, both signs.
    private static readonly Gen<decimal> AnyDecimal =
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Choose(int.MinValue, int.MaxValue)))
        from hi in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(int.MinValue, int.MaxValue)))
        from scale in Gen.Choose(0, 28)
        from negative in Gen.Elements(true, false)
        select new decimal(lo, mid, hi, negative, (byte)scale);

    // What Normal replaced: dividing by 1 with 33 zeros after the point leaves the value and drops trailing zeros.
    private static decimal ByDivision(decimal value) => value / 1.000000000000000000000000000000000m;

    [Theory]
    [InlineData("100.0", "100")]
    [InlineData("8.330", "8.33")]
    [InlineData("0.00", "0")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("2.08", "2.08")]
    [InlineData("25", "25")]
    public void Drops_trailing_zeros_only(string value, string written)
    {
        var d = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(written, Num.Normal(d).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(d, Num.Normal(d));
    }

    /// <summary>
    /// Property: the same bits (value, scale and sign, negative zero included) as the division, for mantissas of up
    /// to 64 bits (the fast path) and of 96 (the fallback), scales 0…28, both signs. 2 000 cases, seeded by FsCheck.
    /// </summary>
    [Fact]
    public void Gives_the_bits_the_division_gave()
    {
        var cases = 0;
        var gen = from value in AnyDecimal from zeros in Gen.Choose(0, 6) select (value, zeros);
        Prop.ForAll(Arb.From(gen), x =>
        {
            Interlocked.Increment(ref cases);
            var d = x.value;
            // Trailing zeros appended where they fit, so the stripping loop has work to do.
            for (var z = 0; z < x.zeros && d.Scale < 28; z++)
            {
                try { d = decimal.Multiply(d, 1.0m); } catch (OverflowException) { break; }
            }

            Assert.Equal(decimal.GetBits(ByDivision(d)), decimal.GetBits(Num.Normal(d)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
        Assert.Equal(2000, cases);
    }

    /// <summary>
    /// Property: <see cref="Num.Show"/> writes what the custom format it replaced wrote, and <see cref="Num.Fixed"/>
    /// what "F" + places wrote, for mantissas of up to 96 bits, scales 0…28 and both signs. 2 000 cases, seeded by FsCheck.
    /// </summary>
    [Fact]
    public void Writes_the_text_the_formats_wrote()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var cases = 0;
        var gen = from value in AnyDecimal from places in Gen.Choose(0, 12) select (value, places);
        Prop.ForAll(Arb.From(gen), x =>
        {
            Interlocked.Increment(ref cases);
            Assert.Equal(x.value.ToString("0.############################", c), Num.Show(x.value));
            Assert.Equal(x.value.ToString("F" + x.places.ToString(c), c), Num.Fixed(x.value, x.places));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
        Assert.Equal(2000, cases);
        Assert.Equal("0", Num.Show(new decimal(0, 0, 0, true, 3)));
        Assert.Equal("8.33", Num.Show(8.330m));
    }

    [Fact]
    public void Negative_zero_keeps_what_the_division_kept()
    {
        var negativeZero = new decimal(0, 0, 0, true, 2);
        Assert.Equal(decimal.GetBits(ByDivision(negativeZero)), decimal.GetBits(Num.Normal(negativeZero)));
    }
}
