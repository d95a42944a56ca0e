using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;
using PerfEval.Values;
using Spectre.Console;

namespace PerfEval.Cli;

/// <summary>What <c>perfeval batch</c> was asked to do.</summary>
internal sealed record BatchSettings(
    string Input, string? Out, int Workers, bool Unordered, bool Resume, string? Summary, string? SummaryHtml, string? FailOn, bool NoColor,
    SchemeCatalog Catalog);

/// <summary>
/// <c>perfeval batch</c>: the library's pipeline (one reader, N parse+grade workers that also write each record's
/// JSON line, input order restored) feeding one writer that writes whole records; a summary at the end; progress on
/// stderr. <c>--resume</c> continues after the whole records an earlier run wrote, so a killed run resumed gives the
/// same bytes as one that was never interrupted.
/// </summary>
internal static class BatchCommand
{
    /// <summary>What the writer keeps of a graded record: its line, and the facts the summary counts.</summary>
    private sealed record Written(PooledJson Json, RecordFacts Facts);

    public static async Task<int> RunAsync(BatchSettings s, TextWriter stdout, TextWriter stderr, Terminal terminal, CancellationToken ct)
    {
        if (s.Out is { } outPath && s.Input != "-" && string.Equals(Path.GetFullPath(outPath), Path.GetFullPath(s.Input), StringComparison.Ordinal))
        {
            // Opening --out would empty the input before a record of it is read.
            throw new UsageException($"--out {Echo.Quote(outPath)} 就是输入文件 / --out is the input file");
        }

        var json = JsonFileOptions.Default;
        var summary = new BatchSummary();
        var (inputs, fileName, progressTotal, position) = OpenInput(s, terminal, json, out var skip, out var seen, summary);
        await using var sink = OpenOutput(s, stdout, terminal, skip);

        var grader = new Grader(s.Catalog);
        var options = new BatchOptions { MaxDegreeOfParallelism = s.Workers, PreserveOrder = !s.Unordered, ChunkSize = Math.Max(64, s.Workers * 32), Json = json };
        var clock = Stopwatch.StartNew();
        var cancelled = false;
        var progress = new BatchProgress(s, terminal, stderr, progressTotal, position, summary, clock);
        try
        {
            await progress.RunAsync(async () =>
            {
                var records = BatchPipeline.RunAsync(grader, inputs(ct), fileName, options, static r => new Written(ResultFile.ToJsonLinePooled(r, newline: true), RecordFacts.Of(r)), ct, seen, ReadWorkbook);
                await foreach (var record in records.ConfigureAwait(false))
                {
                    await sink.WriteAsync(record.Value.Json.Memory).ConfigureAwait(false);
                    record.Value.Json.Return();
                    summary.Add(record.Value.Facts);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            // Whole records only: the writer stopped between two of them.
            await sink.FlushAsync().ConfigureAwait(false);
        }

        clock.Stop();
        if (cancelled)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"perfeval: 已取消，已写 {summary.Records} 条完整记录 / cancelled; {summary.Records} whole records written"));
            return Commands.Cancelled;
        }

        summary.Write(stderr, skip);
        if (s.Summary is { } summaryPath)
        {
            WriteFile(summaryPath, "--summary", stream => summary.WriteJson(stream));
        }

        if (s.SummaryHtml is { } htmlPath)
        {
            WriteFile(htmlPath, "--summary-html", stream => summary.WriteHtml(stream));
        }

        return s.FailOn is not null && (summary.Errors > 0 || summary.Fails(s.FailOn)) ? Commands.FailedOn : Commands.Graded;
    }

    private static (Func<CancellationToken, IAsyncEnumerable<BatchInput>> Inputs, string? FileName, long? Total, Func<long> Position) OpenInput(
        BatchSettings s, Terminal terminal, JsonFileOptions json, out long skip, out IdSet? seen, BatchSummary summary)
    {
        (skip, seen) = s.Resume && s.Out is { } existing && File.Exists(existing) ? Resume(existing, summary) : (0L, null);
        var from = skip;
        if (s.Input == "-")
        {
            var stdin = terminal.StandardInput ?? Stream.Null;
            return (ct => BatchPipeline.JsonLines(stdin, "stdin", json, from, ct), "stdin", null, () => summary.Records);
        }

        if (Directory.Exists(s.Input))
        {
            // *.json in ordinal order of their names: the order, and so the resume point, does not depend on the file system.
            var files = Directory.GetFiles(s.Input).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || IsWorkbook(f))
                .Order(StringComparer.Ordinal).ToList();
            return (ct => BatchPipeline.Files(files, json, from, ct), null, files.Count, () => summary.Records);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(s.Input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException($"{Echo.Quote(s.Input)}: 无法读取 / cannot read: {e.Message}");
        }

        return (ct => Owned(stream, BatchPipeline.JsonLines(stream, s.Input, json, from, ct)), s.Input, stream.Length, () => stream.Position);
    }

    /// <summary>A workbook (PerfEval.Excel: by its name, .xlsx/.xlsm/.xls, or by a ZIP or OLE signature); a .json file never is.</summary>
    internal static bool IsWorkbook(string path) =>
        !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && Excel.EvaluationWorkbook.IsWorkbookFile(path);

    /// <summary>A folder's workbook records are 自评表 workbooks (an old .xls is refused by name); its .json records are evaluation files.</summary>
    private static PerfEval.Model.ProjectEvaluation? ReadWorkbook(BatchInput input) =>
        input.File is { } file && !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? Excel.EvaluationWorkbook.Read(new MemoryStream(input.Buffer!, 0, input.Length, writable: false), file)
            : null;

    private static async IAsyncEnumerable<BatchInput> Owned(Stream stream, IAsyncEnumerable<BatchInput> inputs)
    {
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var input in inputs.ConfigureAwait(false))
            {
                yield return input;
            }
        }
    }

    /// <summary>
    /// Reads what an earlier run wrote: its whole records are kept (and counted into the summary, their ids into the
    /// uniqueness check); a torn last line — the run was killed while writing it, so it has no newline — is cut off and
    /// written again. Anything else that is not a record of ours (a blank line, a line that is not a result or error
    /// record, CRLF line ends) means <c>--out</c> is some other file: nothing is cut, and the error names the line.
    /// </summary>
    private static (long Skip, IdSet Seen) Resume(string path, BatchSummary summary)
    {
        var seen = new IdSet();
        long whole = 0;
        long keep = 0;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16))
        {
            using (var lines = new LineSplitter(file, JsonFileOptions.Default.MaxBytes))
            {
                while (lines.Next())
                {
                    if (lines.Current() is not { } line || line.TooLong)
                    {
                        throw NotOurs(path, whole + 1, "空行或过长 / blank or too long");
                    }

                    if (keep + line.Length + 1 > file.Length)
                    {
                        break; // no newline after it: torn
                    }

                    RecordFacts facts;
                    try
                    {
                        facts = RecordFacts.Parse(lines.Bytes(line));
                    }
                    catch (JsonException)
                    {
                        throw NotOurs(path, line.Number, "不是结果或错误记录 / not a result or error record");
                    }

                    summary.Add(facts);
                    if (facts.ProjectId is { } id)
                    {
                        seen.TryAdd(id, facts.Line, out _);
                    }

                    whole++;
                    keep += line.Length + 1;
                }
            }

            // What is kept ends where a record's newline is, or the lines were not counted as written (\r\n ends).
            if (keep > 0)
            {
                file.Position = keep - 1;
                if (file.ReadByte() != '\n')
                {
                    throw NotOurs(path, whole, "行尾不是 \\n / line ends are not \\n");
                }
            }

            file.SetLength(keep);
        }

        return (whole, seen);
    }

    private static FileProblemException NotOurs(string path, long line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"--out {Echo.Quote(path)}: 第 {line} 行不是 perfeval batch 写的记录（{what}），未续跑，文件未改动 / line {line} is not a record perfeval batch wrote ({what}); not resumed, the file is left as it was"));

    private static RecordSink OpenOutput(BatchSettings s, TextWriter stdout, Terminal terminal, long skip)
    {
        if (s.Out is null)
        {
            return terminal.StandardOutput is { } raw ? new RecordSink(raw, null, ownsStream: false) : new RecordSink(null, stdout, ownsStream: false);
        }

        try
        {
            var mode = skip > 0 || (s.Resume && File.Exists(s.Out)) ? FileMode.Append : FileMode.Create;
            return new RecordSink(new FileStream(s.Out, mode, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.Asynchronous), null, ownsStream: true, s.Out);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException($"--out {Echo.Quote(s.Out)}: 无法写入 / cannot write: {e.Message}");
        }
    }

    private static void WriteFile(string path, string option, Action<Stream> write) =>
        Commands.WriteFile(path, option, () =>
        {
            using var file = File.Create(path);
            write(file);
        });

    /// <summary>Where records go: a stream (bytes as they are) or a text writer (tests, redirected stdout).</summary>
    private sealed class RecordSink(Stream? stream, TextWriter? text, bool ownsStream, string? outPath = null) : IAsyncDisposable
    {
        /// <summary>Writes one record: its JSON line, newline included, in one write.</summary>
        public async Task WriteAsync(ReadOnlyMemory<byte> line)
        {
            try
            {
                if (stream is not null)
                {
                    await stream.WriteAsync(line).ConfigureAwait(false);
                }
                else
                {
                    text!.Write(Encoding.UTF8.GetString(line.Span));
                }
            }
            catch (Exception e) when (outPath is not null && e is IOException or UnauthorizedAccessException)
            {
                throw new FileProblemException($"--out {Echo.Quote(outPath)}: 写入失败 / writing failed: {e.Message}");
            }
        }

        public async Task FlushAsync()
        {
            try
            {
                if (stream is not null)
                {
                    await stream.FlushAsync().ConfigureAwait(false);
                }
                else
                {
                    await text!.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (outPath is not null && e is IOException or UnauthorizedAccessException)
            {
                throw new FileProblemException($"--out {Echo.Quote(outPath)}: 写入失败 / writing failed: {e.Message}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (ownsStream && stream is not null)
            {
                try
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The failed write or flush was reported; disposing fails the same way.
                }
            }
        }
    }

    /// <summary>
    /// Progress on stderr: a Spectre.Console bar (records/s, ETA, bad records so far) when stderr is a terminal,
    /// a plain line every few seconds when it is a file or a pipe, nothing when the command runs in-process.
    /// </summary>
    private sealed class BatchProgress(BatchSettings s, Terminal terminal, TextWriter stderr, long? total, Func<long> position, BatchSummary summary, Stopwatch clock)
    {
        public async Task RunAsync(Func<Task> body)
        {
            if (terminal.RawError is not { } raw)
            {
                await body().ConfigureAwait(false);
                return;
            }

            if (!terminal.ErrorIsTerminal)
            {
                using var ticker = new Timer(_ => stderr.WriteLine(Line()), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
                await body().ConfigureAwait(false);
                return;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(raw),
                Ansi = AnsiSupport.Detect,
                ColorSystem = s.NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            });
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Line(), autoStart: true, maxValue: total ?? 1);
                    task.IsIndeterminate = total is null;
                    using var ticker = new Timer(_ =>
                    {
                        task.Value = total is null ? 0 : Math.Min(total.Value, position());
                        task.Description = Markup.Escape(Line());
                    }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
                    await body().ConfigureAwait(false);
                    task.Value = total ?? 1;
                    task.Description = Markup.Escape(Line());
                }).ConfigureAwait(false);
        }

        private string Line()
        {
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            return string.Create(CultureInfo.InvariantCulture,
                $"perfeval: {summary.Records} records, {summary.Errors} bad, {summary.Records / seconds:F0}/s");
        }
    }
}
