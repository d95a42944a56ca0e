using System.Text.RegularExpressions;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

/// <summary>The examples on docs/scheme-format.md are read as they are written there.</summary>
public sealed partial class SchemeFormatDocTests
{
    private static List<string> JsonBlocks()
    {
        var text = File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "docs", "scheme-format.md"));
        return [.. Blocks().Matches(text).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    private static string Block(string containing) => JsonBlocks().Single(b => b.Contains(containing, StringComparison.Ordinal) && b.TrimStart().StartsWith('{'));

    [Fact]
    public void The_standalone_scheme_example_reads_and_validates()
    {
        var s = SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(Block("\"tolerance\": 0.005"), "doc.json")]).Get("national-2020");
        Assert.Equal(4, s.Grades.Length);
    }

    [Fact]
    public void The_eighth_region_example_resolves_against_national()
    {
        var national = SchemeFile.Parse(Block("\"tolerance\": 0.005"), "national.json");
        var region = SchemeFile.Parse(Block("\"id\": \"example-2022\""), "example-2022.json");
        var s = SchemeCatalog.Empty.WithDefinitions([region, national]).Get("example-2022");
        Assert.Equal("national-2020", s.Extends);
        Assert.Equal([("预算执行率", 10m), ("产出指标", 40m), ("效益指标", 40m), ("满意度指标", 10m)], s.Frame.Select(f => (f.Name, f.Weight!.Value)));
        Assert.Equal(4, s.Frame[1].Children.Length);
        Assert.True(s.Frame[1].Children.Single(c => c.Name == "成本指标").Matches("经济成本指标"));
        Assert.Equal(95m, s.Defaults.ExecutionRate.FullMarksFrom);
        Assert.Equal(1, s.Rounding.Places);
        Assert.Equal(RoundingScope.Leaf, s.Rounding.Scope);
        Assert.Equal("良好", s.GradeFor(75m).Name);
        Assert.Equal([PolicyKind.Veto, PolicyKind.GradeCap], s.Policies.Select(p => p.Kind));
    }

    [Fact]
    public void The_eighth_region_without_replace_policies_fails_naming_the_grade()
    {
        var national = SchemeFile.Parse(Block("\"tolerance\": 0.005"), "national.json");
        var text = Block("\"id\": \"example-2022\"").Replace("\"replacePolicies\": true,", string.Empty, StringComparison.Ordinal);
        var ex = Assert.Throws<SchemeException>(() => SchemeCatalog.Empty.WithDefinitions([national, SchemeFile.Parse(text, "example-2022.json")]));
        Assert.Equal("example-2022.json", ex.File);
        Assert.Contains(ex.Problems, p => p.Code == "UnknownGrade" && p.MessageZh.Contains('差', StringComparison.Ordinal));
    }

    [Fact]
    public void The_evaluation_example_reads()
    {
        var e = EvaluationFile.Parse(Block("\"format\": \"perfeval/evaluation@1\""), "doc.json");
        Assert.Equal("hunan-2020", e.SchemeId);
        Assert.False(e.Flags["fundsMisappropriated"]);
    }
}
