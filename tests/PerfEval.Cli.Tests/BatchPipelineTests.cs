using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfEval.Cli.Tests;

/// <summary>
/// Issue 9: <c>perfeval batch</c> on the pipeline — folders and stdin as input, order kept or not, the summary, exit
/// codes, cancellation, and <c>--resume</c> after a real <c>perfeval</c> process was killed with SIGKILL.
/// </summary>
public sealed class BatchPipelineTests
{
    /// <summary><paramref name="count"/> copies of every example, each with its own id; every 50th line broken.</summary>
    private static string Lines(int count, bool withBroken = true)
    {
        var examples = Repo.ExampleFiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (withBroken && i % 50 == 49)
            {
                sb.Append("{\"format\": \"perfeval/evaluation@1\", broken\n");
                continue;
            }

            var copy = examples[i % examples.Count].DeepClone();
            copy["project"]!["id"] = "p" + i.ToString(CultureInfo.InvariantCulture);
            sb.Append(copy.ToJsonString()).Append('\n');
        }

        return sb.ToString();
    }

    private static CliRun Run(Stream? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Commands.Run(args, stdout, stderr, new Terminal(stdin, null, null, false, false));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_folder_is_a_batch_of_files_in_name_order_each_error_naming_its_file()
    {
        using var dir = new TempDir();
        foreach (var f in Repo.ExampleFiles) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        var bad = dir.File("zz-bad.json", "{\"format\": \"perfeval/evaluation@1\"");
        dir.File("not-an-evaluation.txt", "ignored: not *.json");

        var run = CliRun.Of("batch", dir.Path);

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expectedIds = Repo.ExampleFiles.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("project").GetProperty("id").GetString()).ToList();
        Assert.Equal(expectedIds.Count + 1, lines.Count);
        Assert.Equal(expectedIds, lines.Take(expectedIds.Count).Select(l => l.GetProperty("project").GetProperty("id").GetString()));
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal(bad, lines[^1].GetProperty("error").GetProperty("file").GetString());
    }

    [Fact]
    public void Stdin_is_read_with_a_dash_and_gives_what_the_file_gives()
    {
        using var dir = new TempDir();
        var text = Lines(60);
        var file = dir.File("in.jsonl", text);

        var fromFile = CliRun.Of("batch", file);
        var fromStdin = Run(new MemoryStream(Encoding.UTF8.GetBytes(text)), "batch", "-");

        Assert.Equal(Commands.Graded, fromStdin.ExitCode);
        // The error records name their file; otherwise the records are the same bytes.
        Assert.Equal(fromFile.Out.Replace(JsonEncodedText.Encode(file).ToString(), "stdin", StringComparison.Ordinal), fromStdin.Out);
    }

    [Fact]
    public void Unordered_writes_every_record_exactly_once()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(120));

        var ordered = CliRun.Of("batch", file, "--workers", "2").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var unordered = CliRun.Of("batch", file, "--workers", "2", "--unordered").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(120, ordered.Length);
        Assert.Equal(ordered.Order(StringComparer.Ordinal), unordered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_summary_counts_what_the_records_say()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(100));
        var summaryPath = Path.Combine(dir.Path, "summary.json");
        var htmlPath = Path.Combine(dir.Path, "summary.html");

        var run = CliRun.Of("batch", file, "--summary", summaryPath, "--summary-html", htmlPath);

        // The expected figures are counted here from the records themselves, independently of the summary code.
        var records = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var graded = records.Where(r => !r.TryGetProperty("error", out _)).ToList();
        var totals = graded.Select(r => r.GetProperty("total").GetDecimal()).ToList();
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var s = summary.RootElement;
        Assert.Equal(100, s.GetProperty("records").GetInt64());
        Assert.Equal(98, s.GetProperty("graded").GetInt64());
        Assert.Equal(2, s.GetProperty("errors").GetInt64());
        Assert.Equal(2, s.GetProperty("errorsByCode").GetProperty("InvalidJson").GetInt64());
        Assert.Equal(Math.Round(totals.Sum() / totals.Count, 2, MidpointRounding.AwayFromZero), s.GetProperty("total").GetProperty("mean").GetDecimal());
        Assert.Equal(totals.Min(), s.GetProperty("total").GetProperty("min").GetDecimal());
        Assert.Equal(totals.Max(), s.GetProperty("total").GetProperty("max").GetDecimal());
        foreach (var g in graded.GroupBy(r => r.GetProperty("grade").GetString()!))
            Assert.Equal(g.Count(), s.GetProperty("grades").GetProperty(g.Key).GetInt32());
        foreach (var f in graded.SelectMany(r => r.GetProperty("findings").EnumerateArray()).GroupBy(f => f.GetProperty("code").GetString()!))
            Assert.Equal(f.Count(), s.GetProperty("findingsByCode").GetProperty(f.Key).GetInt32());
        var worst = s.GetProperty("worst").EnumerateArray().Select(w => w.GetProperty("total").GetDecimal()).ToList();
        Assert.Equal(totals.Order().Take(10), worst);
        Assert.Equal(98, s.GetProperty("histogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));

        var html = File.ReadAllText(htmlPath);
        Assert.Contains("<svg id=\"histogram\"", html, StringComparison.Ordinal);
        Assert.Equal(10, html.Split("class=\"bar\"").Length - 1);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("98 graded, 2 errors", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_error_exits_1_when_a_record_has_an_error_finding_or_is_an_error()
    {
        using var dir = new TempDir();
        var clean = dir.File("clean.jsonl", string.Join('\n', Lines(7, withBroken: false).Split('\n').Where(l => l.Contains("seed-hebei", StringComparison.Ordinal))) + "\n");
        var all = dir.File("all.jsonl", Lines(7, withBroken: false));

        Assert.Equal(Commands.Graded, CliRun.Of("batch", all).ExitCode);
        // Hunan states 96 where its scores add up to 96.6: an error finding (DOMAIN.md).
        Assert.Equal(Commands.FailedOn, CliRun.Of("batch", all, "--fail-on", "error").ExitCode);
        Assert.Equal(Commands.Graded, CliRun.Of("batch", clean, "--fail-on", "error").ExitCode);
        Assert.Equal(Commands.FailedOn, CliRun.Of("grade", Repo.Hunan, "--fail-on", "error").ExitCode);
        Assert.Equal(Commands.Unusable, CliRun.Of("grade", Repo.Hunan, "--fail-on", "sometimes").ExitCode);
    }

    [Fact]
    public void Resume_needs_an_output_file_and_order()
    {
        var noOut = CliRun.Of("batch", Repo.Hunan, "--resume");
        var unordered = CliRun.Of("batch", Repo.Hunan, "--resume", "--out", "x.jsonl", "--unordered");

        Assert.Equal(Commands.Unusable, noOut.ExitCode);
        Assert.Contains("--resume needs --out", noOut.Err, StringComparison.Ordinal);
        Assert.Equal(Commands.Unusable, unordered.ExitCode);
        Assert.Contains("--unordered", unordered.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_after_a_torn_last_line_redoes_it_and_gives_the_uninterrupted_bytes()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(80));
        var full = Path.Combine(dir.Path, "full.jsonl");
        var partial = Path.Combine(dir.Path, "partial.jsonl");
        Assert.Equal(Commands.Graded, CliRun.Of("batch", file, "--out", full).ExitCode);
        var bytes = File.ReadAllBytes(full);
        // Cut in the middle of record 31 (the run was killed while writing it).
        var cut = IndexOfNth(bytes, (byte)'\n', 30) + 1 + 17;
        File.WriteAllBytes(partial, bytes[..cut]);

        var resumed = CliRun.Of("batch", file, "--out", partial, "--resume");

        Assert.True(resumed.ExitCode == Commands.Graded, resumed.Err);
        Assert.Equal(bytes, File.ReadAllBytes(partial));
        Assert.Contains("30 kept from the earlier run", resumed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_onto_a_file_that_is_not_batch_output_refuses_and_leaves_it_as_it_was()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl", Lines(10));
        var other = dir.File("other.jsonl", Lines(10));   // evaluations, not results: a mistaken --out
        var before = File.ReadAllBytes(other);

        var run = CliRun.Of("batch", input, "--out", other, "--resume");

        Assert.Equal(Commands.Unusable, run.ExitCode);
        Assert.Contains("line 1 is not a record perfeval batch wrote", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(other));
    }

    [Fact]
    public void Out_naming_the_input_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl", Lines(10));
        var before = File.ReadAllBytes(input);

        var run = CliRun.Of("batch", input, "--out", input);

        Assert.Equal(Commands.Unusable, run.ExitCode);
        Assert.Contains("--out is the input file", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void A_repeated_id_across_the_resume_point_is_still_an_error_record()
    {
        using var dir = new TempDir();
        var lines = Lines(20, withBroken: false).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Add(lines[2]); // p2 again, after the resume point
        var file = dir.File("in.jsonl", string.Join('\n', lines) + "\n");
        var full = Path.Combine(dir.Path, "full.jsonl");
        var partial = Path.Combine(dir.Path, "partial.jsonl");
        CliRun.Of("batch", file, "--out", full);
        var bytes = File.ReadAllBytes(full);
        File.WriteAllBytes(partial, bytes[..(IndexOfNth(bytes, (byte)'\n', 10) + 1)]);

        CliRun.Of("batch", file, "--out", partial, "--resume");

        Assert.Equal(bytes, File.ReadAllBytes(partial));
        Assert.Contains("DuplicateProjectId", File.ReadLines(partial).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_stops_with_whole_records_that_are_a_prefix_of_the_full_output()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(3000));
        var full = Path.Combine(dir.Path, "full.jsonl");
        var cut = Path.Combine(dir.Path, "cut.jsonl");
        CliRun.Of("batch", file, "--out", full);
        using var cts = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var running = Commands.RunAsync(["batch", file, "--out", cut], stdout, stderr, null, cts.Token);
        while (!File.Exists(cut) || new FileInfo(cut).Length < 50_000) await Task.Delay(20);
        await cts.CancelAsync();
        var code = await running;

        Assert.Equal(Commands.Cancelled, code);
        var written = File.ReadAllBytes(cut);
        var expected = File.ReadAllBytes(full);
        Assert.True(written.Length < expected.Length, "cancelled before the end");
        Assert.Equal((byte)'\n', written[^1]);
        Assert.Equal(expected[..written.Length], written);
    }

    [Fact]
    public void A_perfeval_process_killed_with_SIGKILL_resumes_to_the_same_bytes_as_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(6000));
        var full = Path.Combine(dir.Path, "full.jsonl");
        var killed = Path.Combine(dir.Path, "killed.jsonl");
        var uninterrupted = CliProcess.Of("batch", file, "--out", full, "--workers", "2");
        Assert.True(uninterrupted.ExitCode == Commands.Graded, uninterrupted.Err);

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PerfEval.Cli.dll"), "batch", file, "--out", killed, "--workers", "2" }) start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while ((!File.Exists(killed) || new FileInfo(killed).Length < 200_000) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
            Assert.False(process.HasExited, "the run ended before it could be killed: make the input longer");
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no handler runs, no buffer is flushed
            process.WaitForExit();
        }

        var before = new FileInfo(killed).Length;
        var resumed = CliProcess.Of("batch", file, "--out", killed, "--workers", "2", "--resume");

        Assert.True(resumed.ExitCode == Commands.Graded, resumed.Err);
        Assert.True(before < new FileInfo(full).Length, "killed mid-run");
        Assert.Equal(File.ReadAllBytes(full), File.ReadAllBytes(killed));
    }

    [Fact]
    public async Task Ctrl_C_stops_a_real_perfeval_batch_with_exit_130_and_whole_records()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(6000));
        var output = Path.Combine(dir.Path, "out.jsonl");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PerfEval.Cli.dll"), "batch", file, "--out", output, "--workers", "2" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while ((!File.Exists(output) || new FileInfo(output).Length < 200_000) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
        Assert.False(process.HasExited, "the run ended before it could be interrupted: make the input longer");

        // What Ctrl-C sends; through libc, so no kill(1) need be installed.
        Assert.Equal(0, Kill(process.Id, 2 /* SIGINT */));

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(wait.Token);
        Assert.Equal(Commands.Cancelled, process.ExitCode);
        Assert.Contains("cancelled", await err, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(output);
        Assert.Equal((byte)'\n', bytes[^1]);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 5999);
        Assert.Equal(Enumerable.Range(1, lines.Length).Select(i => (long)i), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt64()));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int IndexOfNth(byte[] bytes, byte value, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++) at = Array.IndexOf(bytes, value, at + 1);
        return at;
    }

    [Fact]
    public void On_a_terminal_the_progress_goes_to_stderr_and_the_records_stay_whole_on_stdout()
    {
        using var dir = new TempDir();
        var file = dir.File("in.jsonl", Lines(200));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var raw = new StringWriter();

        var code = Commands.Run(["batch", file, "--no-color"], stdout, stderr, new Terminal(null, null, raw, ErrorIsTerminal: true, HandleTermination: false));

        Assert.Equal(Commands.Graded, code);
        // The bar's last state names the records and the bad ones; nothing of it reaches the records.
        Assert.Contains("200 records, 4 bad", raw.ToString(), StringComparison.Ordinal);
        var records = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, records.Length);
        Assert.All(records, r => JsonDocument.Parse(r).Dispose());
        Assert.Contains("196 graded, 4 errors", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_writes_the_page_of_a_result_file_the_same_as_grade_html()
    {
        using var dir = new TempDir();
        var result = Path.Combine(dir.Path, "result.json");
        var fromGrade = Path.Combine(dir.Path, "grade.html");
        var fromReport = Path.Combine(dir.Path, "report.html");
        File.WriteAllText(result, CliRun.Of("grade", Repo.Hunan, "--format", "json", "--html", fromGrade).Out);

        var run = CliRun.Of("report", result, "-o", fromReport);

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        Assert.Equal(File.ReadAllText(fromGrade), File.ReadAllText(fromReport));
        Assert.Equal(Commands.Unusable, CliRun.Of("report", Repo.Hunan, "-o", fromReport).ExitCode);
    }

    [Fact]
    public void Grade_html_writes_the_scorecard_page_beside_the_text()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "card.html");

        var run = CliRun.Of("grade", Repo.Hunan, "--html", page);

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        Assert.Contains("总分 Total : 96.60", run.Out, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        // DOMAIN.md: Hunan grades to 96.60 优秀, and states 96 — a ReportedTotalMismatch.
        Assert.Contains("96.60", html, StringComparison.Ordinal);
        Assert.Contains("优秀", html, StringComparison.Ordinal);
        Assert.Contains("ReportedTotalMismatch", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Issue 8 on the command line: a 自评表 workbook graded directly, its graded copy, the blank template, and workbooks in a batch folder.</summary>
public sealed class WorkbookCommandTests
{
    private static string Fixture(string name) => Path.Combine(Repo.Root, "tests", "PerfEval.Excel.Tests", "Fixtures", name);

    [Fact]
    public void Grade_reads_a_workbook_and_writes_its_graded_copy()
    {
        using var dir = new TempDir();
        var copy = Path.Combine(dir.Path, "graded.xlsx");

        var run = CliRun.Of("grade", Fixture("hebei-saved-by-libreoffice.xlsx"), "--xlsx", copy);

        // DOMAIN.md: the Hebei (长安区) table grades to 98, 优秀 — the same as its JSON transcription.
        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        Assert.Contains("总分 Total : 98.00", run.Out, StringComparison.Ordinal);
        Assert.Contains("等级 Grade : 优秀", run.Out, StringComparison.Ordinal);
        Assert.True(new FileInfo(copy).Length > 0);
        // The graded copy is still the report: it reads back to the same evaluation and grade.
        var again = CliRun.Of("grade", copy);
        Assert.True(again.ExitCode == Commands.Graded, again.Err);
        Assert.Contains("总分 Total : 98.00", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_xls_and_xlsx_on_a_json_file_are_refused_by_name()
    {
        var xls = CliRun.Of("grade", Fixture("hebei-saved-by-libreoffice.xls"));
        var notWorkbook = CliRun.Of("grade", Repo.Hunan, "--xlsx", "out.xlsx");

        Assert.Equal(Commands.Unusable, xls.ExitCode);
        Assert.Contains(".xls", xls.Err, StringComparison.Ordinal);
        Assert.Contains("save it as .xlsx", xls.Err, StringComparison.Ordinal);
        Assert.Equal(Commands.Unusable, notWorkbook.ExitCode);
        Assert.Contains("--xlsx is for a .xlsx workbook", notWorkbook.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("national-2020")]
    [InlineData("hunan-2020")]
    public void Template_writes_a_workbook_for_the_scheme(string scheme)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "自评表.xlsx");

        var run = CliRun.Of("template", "--scheme", scheme, "-o", path);

        Assert.True(run.ExitCode == Commands.Graded, run.Err);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");
        Assert.Equal(Commands.Unusable, CliRun.Of("template", "--scheme", "mars-2099", "-o", path).ExitCode);
    }

    [Fact]
    public void A_batch_folder_grades_workbooks_beside_json_files()
    {
        using var dir = new TempDir();
        File.Copy(Fixture("hebei-saved-by-libreoffice.xlsx"), Path.Combine(dir.Path, "a-hebei.xlsx"));
        File.Copy(Repo.Hunan, Path.Combine(dir.Path, "b-hunan.json"));
        File.Copy(Fixture("hebei-saved-by-libreoffice.xls"), Path.Combine(dir.Path, "c-old.xls"));

        var run = CliRun.Of("batch", dir.Path);

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(98m, lines[0].GetProperty("total").GetDecimal());
        Assert.Equal(96.6m, lines[1].GetProperty("total").GetDecimal());
        Assert.EndsWith("c-old.xls", lines[2].GetProperty("error").GetProperty("file").GetString(), StringComparison.Ordinal);
    }
}
