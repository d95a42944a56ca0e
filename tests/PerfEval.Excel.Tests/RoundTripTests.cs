using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Excel.Tests;

/// <summary>
/// Every bundled example, written into a national-layout 自评表 built in test code, reads back into an evaluation
/// that grades exactly as its JSON file does: the same total, grade, per-indicator scores and findings.
/// The goldens are the JSON files' own gradings (and, for the seeds DOMAIN.md reports on, the seed totals).
/// </summary>
public sealed class RoundTripTests
{
    private static readonly Grader Grader = new();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.ExampleFiles)
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Workbook_grades_as_its_json_file(string example)
    {
        var fromJson = EvaluationFile.Load(Repo.Example(example));
        var expected = Grader.Grade(fromJson);
        var table = new NationalTable();
        var bytes = table.Write(fromJson).Build();

        var fromXlsx = EvaluationWorkbook.Read(new MemoryStream(bytes), example.Replace(".json", ".xlsx", StringComparison.Ordinal));
        var actual = Grader.Grade(fromXlsx);

        Assert.Equal(fromJson.Id, fromXlsx.Id);
        Assert.Equal(fromJson.SchemeId, fromXlsx.SchemeId);
        Assert.Equal(fromJson.Name, fromXlsx.Name);
        Assert.Equal(fromJson.Budget, fromXlsx.Budget);
        Assert.Equal(fromJson.Reported, fromXlsx.Reported);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Grade.Name, actual.Grade.Name);
        Assert.Equal(
            expected.Indicators.Select(i => (i.Path, i.Weight, i.Score, i.SelfScore, i.IsNotApplicable)).OrderBy(i => i.Path, StringComparer.Ordinal),
            actual.Indicators.Select(i => (i.Path, i.Weight, i.Score, i.SelfScore, i.IsNotApplicable)).OrderBy(i => i.Path, StringComparer.Ordinal));
        Assert.Equal(
            expected.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal),
            actual.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal));
    }

    // The seed reports' own figures (DOMAIN.md §6), reached through a workbook.
    [Theory]
    // docs/regions/hainan.md: 118.68 ÷ 122.22 × 10 = 9.71 (the report self-scores 10); 9.71 + 59.32 + 20 + 10 = 99.03.
    [InlineData("seed-hainan-baoting-2021.json", "99.03", "优")]
    [InlineData("seed-hebei-changan-2019.json", "98", "优秀")]
    [InlineData("seed-hunan-zhijiang-2020.json", "96.6", "优秀")]
    [InlineData("seed-guangdong-dabu-2021.json", "90.8", "优")]
    public void Seed_totals_through_a_workbook(string example, string total, string grade)
    {
        var bytes = new NationalTable().Write(EvaluationFile.Load(Repo.Example(example))).Build();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(bytes), "seed.xlsx"));
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), result.Total);
        Assert.Equal(grade, result.Grade.Name);
    }

    [Fact]
    public void Hunan_reported_96_is_flagged_from_the_total_row()
    {
        var table = new NationalTable();
        var bytes = table.Write(EvaluationFile.Load(Repo.Hunan)).Build();
        var e = EvaluationWorkbook.Read(new MemoryStream(bytes), "hunan.xlsx");
        Assert.Equal(96m, e.Reported.Total);
        Assert.Equal("优秀", e.Reported.Grade);
        Assert.True(Grader.Grade(e).Has(FindingCodes.ReportedTotalMismatch));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("zh-CN")]
    public void Reading_does_not_depend_on_the_culture(string culture)
    {
        var bytes = new NationalTable().Write(EvaluationFile.Load(Repo.Example("seed-hainan-baoting-2021.json"))).Build();
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            var e = EvaluationWorkbook.Read(new MemoryStream(bytes), "hainan.xlsx");
            Assert.Equal(new PerfEval.Model.Budget(122.22m, 118.68m, "万元"), e.Budget);
            Assert.Equal(97.10m, e.Reported.ExecutionRatePercent);
            Assert.Equal(99.03m, Grader.Grade(e).Total);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
