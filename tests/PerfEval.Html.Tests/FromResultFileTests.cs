using System.Text;
using PerfEval.Html;
using PerfEval.Serialization;

namespace PerfEval.Html.Tests;

/// <summary>
/// Issue 8 §2, <c>perfeval report RESULT.json</c>: a result file read back (<see cref="ResultFile.Parse"/>) gives the
/// same page as the result it was written from — the file holds everything the page shows.
/// </summary>
public sealed class FromResultFileTests
{
    public static TheoryData<string> Examples() => Pages.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_result_file_read_back_renders_the_same_page(string example)
    {
        var graded = Pages.Grade(example);
        var file = Encoding.UTF8.GetBytes(ResultFile.ToJson(graded));

        var read = ResultFile.Parse(file, "result.json");

        Assert.Equal(ScorecardPage.Render(graded), ScorecardPage.Render(read));
        // And the file it would write again is the same file.
        Assert.Equal(ResultFile.ToJson(graded), ResultFile.ToJson(read));
    }

    [Fact]
    public void A_batch_line_reads_as_its_result_and_an_error_record_is_refused_by_name()
    {
        var hunan = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Hunan)).RootElement);
        var records = new PerfEval.Grading.Grader().GradeAll(new MemoryStream(Encoding.UTF8.GetBytes(hunan + "\n{ broken\n"))).ToList();
        var line = ResultFile.ToJsonLine(records[0]);
        var error = ResultFile.ToJsonLine(records[1]);

        Assert.Equal(96.6m, ResultFile.Parse(Encoding.UTF8.GetBytes(line)).Total);
        var e = Assert.Throws<EvaluationException>(() => ResultFile.Parse(Encoding.UTF8.GetBytes(error), "out.jsonl"));
        Assert.Equal("out.jsonl", e.File);
        Assert.Contains(e.Problems, p => p.JsonPath is not null);
    }

    [Theory]
    [InlineData("\"severity\": \"error\"", "\"severity\": \"fatal\"", "$.findings[0].severity", "fatal")]
    [InlineData("\"method\": \"checklist\"", "\"method\": \"magic\"", "$.indicators[2].method", "magic")]
    public void A_name_the_result_format_does_not_have_is_an_error_at_its_place_not_a_default(string from, string to, string path, string text)
    {
        var json = ResultFile.ToJson(Pages.Grade("seed-hunan-zhijiang-2020.json"));
        var at = json.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        var broken = json[..at] + to + json[(at + from.Length)..];

        var e = Assert.Throws<EvaluationException>(() => ResultFile.Parse(Encoding.UTF8.GetBytes(broken), "result.json"));

        var p = Assert.Single(e.Problems);
        Assert.Equal((path, text), (p.JsonPath, p.Text));
        Assert.NotNull(p.Line);
    }
}
