using System.Globalization;
using BenchmarkDotNet.Attributes;
using PerfEval.Scoring;

namespace PerfEval.Benchmarks.Scoring;

/// <summary>
/// Writing the numbers of an explanation (hundreds a grading): <see cref="Num.Show"/> — the general format of the value
/// without its trailing zeros — against the custom format it replaced (the baseline), over the same ten scores.
/// </summary>
[ShortInProcess]
public class NumberTextBenchmark
{
    private static readonly decimal[] Scores = [2.08m, 8.33m, 25m, 97m, 95m, 100.00m, 1.5m, 0.84m, 98.45m, 2.090m];

    [Benchmark(Baseline = true)]
    public int CustomFormat()
    {
        var n = 0;
        foreach (var d in Scores) n += d.ToString("0.############################", CultureInfo.InvariantCulture).Length;
        return n;
    }

    [Benchmark]
    public int Show()
    {
        var n = 0;
        foreach (var d in Scores) n += Num.Show(d).Length;
        return n;
    }
}
