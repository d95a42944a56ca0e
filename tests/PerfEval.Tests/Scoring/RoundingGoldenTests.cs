using System.Globalization;
using PerfEval.Model;
using Xunit.Abstractions;

namespace PerfEval.Tests.Scoring;

/// <summary>
/// 四舍五入 against a golden table written from the rule, not from the code (issue 11, point 7):
/// <c>si-she-wu-ru.csv</c>, 620 cases — ties and their neighbours at 0–4 places in both signs, carries
/// through nines, magnitudes from 10⁻¹⁰ to 10¹¹, the rounding repros — computed by <c>si-she-wu-ru.py</c>
/// with Python's <c>decimal</c> module (ROUND_HALF_UP, which is half away from zero).
/// </summary>
public sealed class RoundingGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_row_of_the_golden_table_rounds_as_the_rule_says()
    {
        var rows = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "PerfEval.Tests", "Scoring", "si-she-wu-ru.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(','))
            .ToArray();
        Assert.True(rows.Length >= 200, $"only {rows.Length} rows");
        var wrong = new List<string>();
        foreach (var r in rows)
        {
            var value = decimal.Parse(r[0], NumberStyles.Number, CultureInfo.InvariantCulture);
            var places = int.Parse(r[1], CultureInfo.InvariantCulture);
            var expected = decimal.Parse(r[2], NumberStyles.Number, CultureInfo.InvariantCulture);
            var rounded = new RoundingPolicy(places).Round(value);
            if (rounded != expected) wrong.Add($"{r[0]} at {places}: {rounded}, the rule gives {r[2]}");
        }

        output.WriteLine($"rounding golden table: {rows.Length} rows, {wrong.Count} wrong");
        Assert.Empty(wrong);
    }
}
