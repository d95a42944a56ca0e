using System.Text.Json;

namespace PerfEval.Cli.Tests;

/// <summary><c>perfeval batch</c>: one output line per input line, a bad line an error record, the batch goes on.</summary>
public sealed class BatchTests
{
    private const string BrokenLine = "{\"format\": \"perfeval/evaluation@1\", \"scheme\": broken";

    /// <summary>Every example on one line, in name order, with a broken line in the middle.</summary>
    private static (string Path, List<string> Ids, int BrokenAt) WriteBatch(TempDir dir)
    {
        var lines = new List<string>();
        var ids = new List<string>();
        foreach (var file in Repo.ExampleFiles)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            lines.Add(JsonSerializer.Serialize(doc.RootElement));
            ids.Add(doc.RootElement.GetProperty("project").GetProperty("id").GetString()!);
        }

        var brokenAt = lines.Count / 2;
        lines.Insert(brokenAt, BrokenLine);
        ids.Insert(brokenAt, string.Empty);
        return (dir.File("batch.jsonl", string.Join('\n', lines) + "\n"), ids, brokenAt + 1);
    }

    [Fact]
    public void Batch_writes_one_line_per_input_line_and_an_error_record_for_the_broken_one()
    {
        using var dir = new TempDir();
        var (path, ids, brokenLine) = WriteBatch(dir);

        var run = CliRun.Of("batch", path);

        Assert.Equal(Commands.Graded, run.ExitCode);
        var output = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids.Count, output.Length);
        Assert.Equal(8, output.Length);
        for (var i = 0; i < output.Length; i++)
        {
            using var doc = JsonDocument.Parse(output[i]);
            var root = doc.RootElement;
            Assert.Equal("perfeval/result@1", root.GetProperty("format").GetString());
            Assert.Equal(i + 1, root.GetProperty("line").GetInt64());
            if (i + 1 == brokenLine)
            {
                var error = root.GetProperty("error");
                Assert.Equal(path, error.GetProperty("file").GetString());
                var problem = Assert.Single(error.GetProperty("problems").EnumerateArray());
                Assert.Equal("InvalidJson", problem.GetProperty("code").GetString());
                Assert.Equal(brokenLine, problem.GetProperty("line").GetInt64());
                Assert.False(root.TryGetProperty("total", out _));
            }
            else
            {
                Assert.Equal(ids[i], root.GetProperty("project").GetProperty("id").GetString());
                Assert.Equal(JsonValueKind.Number, root.GetProperty("total").ValueKind);
                Assert.False(root.TryGetProperty("error", out _));
            }
        }

        Assert.Contains("7 graded, 1 errors", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_result_lines_match_grade_json()
    {
        using var dir = new TempDir();
        var (path, ids, _) = WriteBatch(dir);
        var hunanLine = ids.IndexOf("seed-hunan-zhijiang-2020");

        var batch = CliRun.Of("batch", path).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var single = CliRun.Of("grade", Repo.Hunan, "--format", "json");

        using var fromBatch = JsonDocument.Parse(batch[hunanLine]);
        using var fromGrade = JsonDocument.Parse(single.Out);
        Assert.Equal(96.6m, fromBatch.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(fromGrade.RootElement.GetProperty("grade").GetString(), fromBatch.RootElement.GetProperty("grade").GetString());
        Assert.Equal(
            fromGrade.RootElement.GetProperty("indicators").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal),
            fromBatch.RootElement.GetProperty("indicators").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Batch_out_writes_the_file_and_nothing_to_stdout()
    {
        using var dir = new TempDir();
        var (path, ids, _) = WriteBatch(dir);
        var outPath = Path.Combine(dir.Path, "results.jsonl");

        var run = CliRun.Of("batch", path, "--out", outPath);

        Assert.Equal(Commands.Graded, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal(ids.Count, File.ReadAllLines(outPath).Length);
        Assert.Equal(CliRun.Of("batch", path).Out.ReplaceLineEndings("\n"), File.ReadAllText(outPath).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Batch_skips_blank_lines_but_keeps_line_numbers()
    {
        using var dir = new TempDir();
        using var hunan = JsonDocument.Parse(File.ReadAllText(Repo.Hunan));
        var one = JsonSerializer.Serialize(hunan.RootElement);
        // Ids are unique within a batch: the second copy goes under another id.
        var two = one.Replace("\"id\":\"seed-hunan-zhijiang-2020\"", "\"id\":\"hunan-2\"", StringComparison.Ordinal);
        var path = dir.File("gaps.jsonl", $"{one}\n\n{two}\n");

        var run = CliRun.Of("batch", path);

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(3, second.RootElement.GetProperty("line").GetInt64());
        Assert.Equal(96.6m, second.RootElement.GetProperty("total").GetDecimal());
    }

    [Fact]
    public void Batch_crash_repro_writes_three_records_for_three_lines_in_the_real_process()
    {
        // Issue 11 item 1, repro batch-crash-3-lines.jsonl: the middle line made the grader throw a non-PerfEval
        // exception; the process died (exit 134) and wrote nothing. One record in, one record out — always.
        using var dir = new TempDir();
        var path = dir.File("batch-crash-3-lines.jsonl", File.ReadAllText(Repo.Repro("batch-crash-3-lines.jsonl")));

        var run = CliProcess.Of("batch", path);

        Assert.True(run.ExitCode == Commands.Graded, $"exit {run.ExitCode}; stderr: {run.Err}");
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        string[] ids = ["ok-1", "negw", "ok-3"];
        for (var i = 0; i < 3; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(i + 1, doc.RootElement.GetProperty("line").GetInt64());
            var project = doc.RootElement.GetProperty("project");
            Assert.Equal(ids[i], project.ValueKind == JsonValueKind.String ? project.GetString() : project.GetProperty("id").GetString());
        }

        using (var first = JsonDocument.Parse(lines[0])) Assert.Equal(100m, first.RootElement.GetProperty("total").GetDecimal());
        using (var last = JsonDocument.Parse(lines[2])) Assert.Equal(100m, last.RootElement.GetProperty("total").GetDecimal());
    }

    [Fact]
    public void A_repeated_project_id_is_an_error_record_and_the_summary_counts_it_in_the_real_process()
    {
        // Issue 11 item 11: a duplicate id passed silently. Hunan twice: line 1 graded (96.6), line 2 DuplicateProjectId.
        using var dir = new TempDir();
        using var hunan = JsonDocument.Parse(File.ReadAllText(Repo.Hunan));
        var one = JsonSerializer.Serialize(hunan.RootElement);
        var path = dir.File("dup.jsonl", $"{one}\n{one}\n");

        var run = CliProcess.Of("batch", path);

        Assert.Equal(Commands.Graded, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        var problem = Assert.Single(second.RootElement.GetProperty("error").GetProperty("problems").EnumerateArray());
        Assert.Equal("DuplicateProjectId", problem.GetProperty("code").GetString());
        Assert.Equal("$.project.id", problem.GetProperty("jsonPath").GetString());
        Assert.Contains("1 graded, 1 errors", run.Err, StringComparison.Ordinal);
    }
}
