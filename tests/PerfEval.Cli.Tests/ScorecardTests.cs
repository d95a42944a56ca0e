using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Cli.Tests;

/// <summary>Issue 12 §2: the text scorecard cut long Chinese indicator names at 20 characters, silently (three Sichuan rows lost text).</summary>
public sealed class ScorecardTests
{
    public static TheoryData<string> Sichuan() =>
        ["seed-sichuan-yanbian-2021-equipment.json", "seed-sichuan-yanbian-2021-network.json", "seed-sichuan-yanbian-2021-subsidy.json"];

    [Theory]
    [MemberData(nameof(Sichuan))]
    public void Every_indicator_name_is_printed_whole(string seed)
    {
        var result = new Grader().Grade(EvaluationFile.Load(Repo.Example(seed)));
        var text = CliRun.Of("grade", Repo.Example(seed)).Out.ReplaceLineEndings("\n");
        // A wrapped name reads whole once each line's indentation and the value columns are taken away.
        var nameColumn = string.Concat(text.Split('\n').Select(l => l.TrimStart().Split("  ")[0]));

        foreach (var i in result.Indicators)
        {
            Assert.Contains(i.Name, nameColumn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_long_Sichuan_names_are_wrapped_under_themselves_and_values_stay_on_the_first_line()
    {
        var result = new Grader().Grade(EvaluationFile.Load(Repo.Example("seed-sichuan-yanbian-2021-network.json")));
        var leaf = result.Indicators.First(i => i.Name.StartsWith("社会保险业务下沉乡镇个数", StringComparison.Ordinal));
        // 19 CJK characters, 38 columns, under an indent of 4: wider than the 40-column name column.
        Assert.True((leaf.Name.Length * 2) + 4 > 40, leaf.Name);
        var lines = CliRun.Of("grade", Repo.Example("seed-sichuan-yanbian-2021-network.json")).Out.ReplaceLineEndings("\n").Split('\n');

        var first = Array.FindIndex(lines, l => l.StartsWith("    社会保险业务下沉乡镇个数", StringComparison.Ordinal));
        Assert.True(first >= 0, string.Join("\n", lines));
        Assert.Contains("12.50", lines[first], StringComparison.Ordinal);
        // The continuation is indented as the name is, and carries only the rest of the name.
        Assert.StartsWith("    ", lines[first + 1], StringComparison.Ordinal);
        var rest = lines[first + 1].Trim();
        Assert.Equal(leaf.Name, lines[first][4..].Split("  ")[0].Trim() + rest);
    }

    [Theory]
    [InlineData("短名", 40, new[] { "短名" })]
    [InlineData("一二三四五", 4, new[] { "一二", "三四", "五" })]
    [InlineData("ab一c", 3, new[] { "ab", "一c" })]
    public void Wrap_splits_at_display_width(string text, int width, string[] expected) =>
        Assert.Equal(expected, Scorecard.Wrap(text, width));
}
