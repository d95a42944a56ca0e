using System.Globalization;
using System.Text.Json;

namespace PerfEval.Cli.Tests;

/// <summary><c>perfeval grade</c>, <c>schemes</c> and the command line itself, run in-process through <see cref="Commands.Run"/>.</summary>
public sealed class CommandsTests
{
    private static readonly string[] BuiltInIds =
        ["national-2020", "framework-2013", "hainan-2021", "hebei-shijiazhuang-2019", "sichuan-2021", "hunan-2020", "guangdong-2021"];

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repo.ExampleFiles)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Every_example_is_found()
    {
        // Guards the theories below against a wrong root: the seven seed tables are transcribed.
        Assert.Equal(7, Repo.ExampleFiles.Count());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Grade_exits_0_on_every_example(string name)
    {
        var run = CliRun.Of("grade", Repo.Example(name));

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        Assert.Equal(string.Empty, run.Err);
        Assert.Contains("总分 Total", run.Out, StringComparison.Ordinal);
        Assert.Contains("等级 Grade", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Grade_json_is_a_result_file_for_every_example(string name)
    {
        var run = CliRun.Of("grade", Repo.Example(name), "--format", "json");

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("perfeval/result@1", doc.RootElement.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("total").ValueKind);
        Assert.NotEmpty(doc.RootElement.GetProperty("indicators").EnumerateArray());
    }

    [Fact]
    public void Hunan_scorecard_shows_96_60_excellent_and_the_mismatch_with_the_stated_96()
    {
        var run = CliRun.Of("grade", Repo.Hunan);

        Assert.Equal(Commands.Graded, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("总分 Total : 96.60", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("等级 Grade : 优秀", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("报告所述 Reported : 96 优秀", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[Error] ReportedTotalMismatch", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("方案 Scheme  : hunan-2020", StringComparison.Ordinal));
        // The tree: a leaf with its weight, score, self-score and reason.
        Assert.Contains(lines, l => l.Contains("公众满意度", StringComparison.Ordinal) && l.Contains("8.00", StringComparison.Ordinal) && l.Contains("8 / 9", StringComparison.Ordinal));
    }

    [Fact]
    public void Hunan_json_has_total_grade_indicators_and_findings()
    {
        var run = CliRun.Of("grade", Repo.Hunan, "--format", "json");

        Assert.Equal(Commands.Graded, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("total").ValueKind);
        Assert.Equal(96.6m, root.GetProperty("total").GetDecimal());
        Assert.Equal("优秀", root.GetProperty("grade").GetString());

        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(29, indicators.Count); // 4 level-1 + 6 level-2 + 19 leaves in the seed's table
        foreach (var i in indicators)
        {
            Assert.Equal(JsonValueKind.String, i.GetProperty("path").ValueKind);
            Assert.Equal(JsonValueKind.Number, i.GetProperty("weight").ValueKind);
            Assert.Equal(JsonValueKind.Number, i.GetProperty("score").ValueKind);
            Assert.False(string.IsNullOrEmpty(i.GetProperty("explanation").GetProperty("arithmetic").GetString()));
        }

        var satisfaction = Assert.Single(indicators, i => i.GetProperty("path").GetString() == "效果/项目效益/公众满意度");
        Assert.Equal(9m, satisfaction.GetProperty("weight").GetDecimal());
        Assert.Equal(8m, satisfaction.GetProperty("score").GetDecimal());
        Assert.Equal(20m, Assert.Single(indicators, i => i.GetProperty("path").GetString() == "产出").GetProperty("weight").GetDecimal());

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var mismatch = Assert.Single(findings, f => f.GetProperty("code").GetString() == "ReportedTotalMismatch");
        Assert.Equal("error", mismatch.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, mismatch.GetProperty("path").ValueKind);
        // The report's own scores add up to 96.6 (18 + 30 + 19.6 + 29), which rounds to 97, not the stated 96.
        Assert.Contains("add up to 96.6", mismatch.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
        Assert.Contains("报告总分 96", mismatch.GetProperty("messageZh").GetString(), StringComparison.Ordinal);
        Assert.Equal(15, findings.Count(f => f.GetProperty("code").GetString() == "SelfScoreUsed" && f.GetProperty("severity").GetString() == "info"));
        Assert.Equal(16, findings.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("zh-CN")]
    [InlineData("ar-SA")]
    public void Output_is_the_same_under_every_current_culture(string culture)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CliRun invariant, json, text;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            invariant = CliRun.Of("grade", Repo.Hunan, "--format", "json");
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            json = CliRun.Of("grade", Repo.Hunan, "--format", "json");
            text = CliRun.Of("grade", Repo.Hunan);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }

        Assert.Equal(invariant.Out, json.Out);
        Assert.Contains("\"total\": 96.6,", json.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("96,6", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"score\": 4.8,", json.Out, StringComparison.Ordinal);
        Assert.Contains("总分 Total : 96.60", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("96,60", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemes_lists_the_seven_built_in_schemes()
    {
        var run = CliRun.Of("schemes");

        Assert.Equal(Commands.Graded, run.ExitCode);
        var ids = run.Out.Split('\n').Where(l => l.Length > 0 && l[0] != ' ').Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(BuiltInIds.Order(StringComparer.Ordinal), ids);
        Assert.Contains("extends national-2020", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0_and_no_command_exits_2_with_the_usage()
    {
        var help = CliRun.Of("--help");
        var none = CliRun.Of();

        Assert.Equal(Commands.Graded, help.ExitCode);
        Assert.Contains("perfeval [command] [options]", help.Out, StringComparison.Ordinal);
        Assert.All(["grade <FILE>", "batch <INPUT>", "schemes"], c => Assert.Contains(c, help.Out, StringComparison.Ordinal));
        Assert.Equal(Commands.Unusable, none.ExitCode);
        Assert.Contains("perfeval [command] [options]", none.Err, StringComparison.Ordinal);
        Assert.Contains("grade <FILE>", none.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, none.Out);
    }

    [Fact]
    public void Scheme_file_extending_national_grades_an_example_with_scheme_overridden()
    {
        using var dir = new TempDir();
        var schemeFile = dir.File("test-region.json", """
            {
              "format": "perfeval/scheme@1",
              "id": "test-region-2024",
              "extends": "national-2020",
              "name": "测试地区项目支出绩效自评（2024）",
              "region": "测试地区",
              "grades": [
                { "name": "甲", "min": 99 },
                { "name": "乙", "min": 80 },
                { "name": "丙", "min": 0 }
              ],
              "replacePolicies": true
            }
            """);
        var hebei = Repo.Example("seed-hebei-changan-2019.json");

        var listed = CliRun.Of("schemes", "--scheme-file", schemeFile);
        var byFile = CliRun.Of("grade", hebei, "--format", "json");
        var byOurs = CliRun.Of("grade", hebei, "--scheme", "test-region-2024", "--scheme-file", schemeFile, "--format", "json");

        Assert.Equal(Commands.Graded, listed.ExitCode);
        Assert.Contains("test-region-2024", listed.Out, StringComparison.Ordinal);
        Assert.Contains("extends national-2020; grades 甲≥99 乙≥80 丙≥0", listed.Out, StringComparison.Ordinal);
        Assert.True(byOurs.ExitCode == Commands.Graded, byOurs.Err);
        using var a = JsonDocument.Parse(byFile.Out);
        using var b = JsonDocument.Parse(byOurs.Out);
        Assert.Equal("hebei-shijiazhuang-2019", a.RootElement.GetProperty("scheme").GetProperty("id").GetString());
        Assert.Equal("test-region-2024", b.RootElement.GetProperty("scheme").GetProperty("id").GetString());
        // Same frame as national-2020, so the same 98; the grade comes from our bands: 98 < 99 → 乙, not 优秀.
        Assert.Equal(98m, b.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal("优秀", a.RootElement.GetProperty("grade").GetString());
        Assert.Equal("乙", b.RootElement.GetProperty("grade").GetString());
    }

    [Fact]
    public void Without_the_scheme_file_the_overridden_scheme_is_unknown()
    {
        var run = CliRun.Of("grade", Repo.Example("seed-hebei-changan-2019.json"), "--scheme", "test-region-2024");

        Assert.Equal(Commands.Unusable, run.ExitCode);
        Assert.Contains("--scheme test-region-2024", run.Err, StringComparison.Ordinal);
        Assert.All(BuiltInIds, id => Assert.Contains(id, run.Err, StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Out);
    }
}
