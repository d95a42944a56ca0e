using System.Text;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Tests.Grading;

public sealed class BatchTests
{
    // One leaf whose target cannot be read and which has no self-score: unscorable.
    private const string Unscorable = """{"format":"perfeval/evaluation@1","scheme":"national-2020","project":{"id":"u"},"indicators":[{"name":"产出指标","weight":100,"children":[{"name":"数量","weight":100,"target":"待定","actual":"5户"}]}]}""";
    private const string Good = """{"format":"perfeval/evaluation@1","scheme":"national-2020","project":{"id":"g"},"indicators":[{"name":"产出指标","weight":100,"children":[{"name":"数量","weight":100,"target":"4户","actual":"5户"}]}]}""";

    private static List<BatchResult> Run(params string[] lines) =>
        [.. new Grader().GradeAll(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))), new BatchOptions { ChunkSize = 2 }, "batch.jsonl")];

    [Fact]
    public void A_grading_error_names_the_batch_file_the_line_and_the_json_path()
    {
        var results = Run(Good, Unscorable, Good.Replace("national-2020", "mars", StringComparison.Ordinal), Good);
        Assert.Equal([1L, 2L, 3L, 4L], results.Select(r => r.Line));
        Assert.False(results[0].IsError);
        Assert.Equal(100m, results[0].Result!.Total);

        var unscorable = Assert.IsType<EvaluationException>(results[1].Error);
        Assert.Equal("batch.jsonl", unscorable.File);
        var p = Assert.Single(unscorable.Problems);
        Assert.Equal(("Unscorable", 2L, "$.indicators[0].children[0]", "待定"), (p.Code, p.Line!.Value, p.JsonPath, p.Text));

        var unknown = Assert.IsType<SchemeException>(results[2].Error);
        Assert.Equal("batch.jsonl", unknown.File);
        Assert.Equal((3L, "$.scheme"), (unknown.Problems[0].Line!.Value, unknown.Problems[0].JsonPath));
        Assert.False(results[3].IsError);
    }

    [Fact]
    public async Task The_async_form_yields_the_same_records()
    {
        var input = Encoding.UTF8.GetBytes(string.Join("\n", Good, Unscorable, Good));
        var records = new List<BatchResult>();
        await foreach (var r in new Grader().GradeAllAsync(new MemoryStream(input)))
        {
            records.Add(r);
        }

        Assert.Equal([false, true, false], records.Select(r => r.IsError));
    }

    [Fact]
    public void A_file_graded_alone_names_its_file_and_json_path_when_a_leaf_is_unscorable()
    {
        var path = Path.Combine(Path.GetTempPath(), "perfeval-unscorable-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, Unscorable);
        try
        {
            var e = Assert.Throws<EvaluationException>(() => new Grader().Grade(EvaluationFile.Load(path)));
            Assert.Equal(path, e.File);
            Assert.Equal("$.indicators[0].children[0]", e.Problems[0].JsonPath);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
