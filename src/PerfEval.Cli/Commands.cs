using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;
using PerfEval.Values;

namespace PerfEval.Cli;

/// <summary>What the process gives the command beyond stdout and stderr; tests run without it.</summary>
/// <param name="StandardInput">Read by <c>batch -</c>.</param>
/// <param name="StandardOutput">Where <c>batch</c> writes records as bytes (faster than through the text writer).</param>
/// <param name="RawError">stderr without escaping, for the progress display.</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal (a progress bar), or a file or pipe (plain lines).</param>
/// <param name="HandleTermination">Whether Ctrl-C and SIGTERM cancel the command (the real process only).</param>
internal sealed record Terminal(Stream? StandardInput, Stream? StandardOutput, TextWriter? RawError, bool ErrorIsTerminal, bool HandleTermination)
{
    public static Terminal None { get; } = new(null, null, null, false, false);
}

/// <summary>The command line, on System.CommandLine: parses, runs one command, returns the process exit code.</summary>
internal static class Commands
{
    /// <summary>Exit code: graded (for a batch: every record written).</summary>
    public const int Graded = 0;

    /// <summary>Exit code: graded, but with findings at or above <c>--fail-on</c> (or, for a batch, error records).</summary>
    public const int FailedOn = 1;

    /// <summary>Exit code: the input or the command line is unusable; the message says what and where.</summary>
    public const int Unusable = 2;

    /// <summary>Exit code: cancelled (Ctrl-C); what was written is whole.</summary>
    public const int Cancelled = 130;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Terminal? terminal = null) =>
        RunAsync(args, stdout, stderr, terminal, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Terminal? terminal, CancellationToken cancellationToken)
    {
        // Input reaches the terminal in names, ids and messages: no raw control character gets through.
        stdout = new TerminalWriter(stdout);
        stderr = new TerminalWriter(stderr);
        terminal ??= Terminal.None;
        var root = Root(stdout, stderr, terminal);
        var parsed = root.Parse(args);
        // System.CommandLine names the program after the assembly (PerfEval.Cli); users type "perfeval".
        var helpOut = new CommandNameWriter(stdout, RootCommand.ExecutableName);
        var helpErr = new CommandNameWriter(stderr, RootCommand.ExecutableName);
        var config = new InvocationConfiguration
        {
            Output = helpOut,
            Error = helpErr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = terminal.HandleTermination ? TimeSpan.FromSeconds(10) : null,
        };

        if (parsed.Errors.Count > 0)
        {
            if (args.Length == 0)
            {
                // Nothing asked for: the usage, on stderr.
                root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = helpErr, Error = helpErr });
            }

            // The library's words for what is wrong and its nearest spellings, each line said as ours.
            if (parsed.Action is ParseErrorAction error)
            {
                error.ShowHelp = false;
                error.ShowTypoCorrections = true;
            }

            using var said = new StringWriter();
            parsed.Invoke(new InvocationConfiguration { Output = said, Error = said, EnableDefaultExceptionHandler = false });
            foreach (var line in said.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                helpErr.WriteLine("perfeval: " + line);
            }

            helpErr.WriteLine("perfeval --help 查看用法 / for usage");
            helpErr.Flush();
            return Unusable;
        }

        var code = await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        helpOut.Flush();
        helpErr.Flush();
        return code;
    }

    private static RootCommand Root(TextWriter stdout, TextWriter stderr, Terminal terminal)
    {
        var schemeFiles = new Option<string[]>("--scheme-file")
        {
            Description = "加入方案文件（perfeval/scheme@1），可重复 / add a scheme file; repeatable",
            HelpName = "PATH",
            Arity = ArgumentArity.ZeroOrMore,
            Recursive = true,
        };
        var noColor = new Option<bool>("--no-color")
        {
            Description = "不用颜色（也可设 NO_COLOR）/ no colour (NO_COLOR is honoured too)",
            Recursive = true,
        };

        var root = new RootCommand("perfeval — 预算绩效评价评分 / grade public-spending performance evaluations");
        root.Options.Add(schemeFiles);
        root.Options.Add(noColor);
        root.Subcommands.Add(GradeCommand(schemeFiles, stdout, stderr));
        root.Subcommands.Add(BatchCommand(schemeFiles, noColor, stdout, stderr, terminal));
        root.Subcommands.Add(SchemesCommand(schemeFiles, stdout, stderr));
        root.Subcommands.Add(TemplateCommand(schemeFiles, stdout, stderr));
        root.Subcommands.Add(ReportCommand(schemeFiles, stdout, stderr));
        return root;
    }

    private static Option<string?> FailOnOption()
    {
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "有此级别及以上的审核发现时退出码为 1 / exit 1 when a finding is at least this severe: error | warning",
            HelpName = "error|warning",
        };
        failOn.CompletionSources.Add("error", "warning");
        failOn.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } v && v is not ("error" or "warning"))
            {
                r.AddError($"--fail-on 只能是 error 或 warning / must be error or warning, not \"{Echo.Quote(v)}\"");
            }
        });
        return failOn;
    }

    private static Command GradeCommand(Option<string[]> schemeFiles, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "评价文件（perfeval/evaluation@1 JSON，或 .xlsx 自评表）/ the evaluation: a JSON file or a .xlsx 自评表 workbook" };
        var scheme = new Option<string?>("--scheme") { Description = "按此方案评分，不用文件所写的 / grade by this scheme, not the file's", HelpName = "ID" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "输出评分卡（text）或结果文件（json）/ print the scorecard (text) or the result file (json)",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.CompletionSources.Add("text", "json");
        format.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is var v && v is not ("text" or "json"))
            {
                r.AddError($"--format 只能是 text 或 json / must be text or json, not \"{Echo.Quote(v)}\"");
            }
        });
        var failOn = FailOnOption();
        var html = new Option<string?>("--html") { Description = "另写一页自包含的网页评分卡 / also write the scorecard as one self-contained HTML page", HelpName = "PATH" };
        var xlsx = new Option<string?>("--xlsx") { Description = "自评表（.xlsx）另存一份评分副本：计算得分列、批注、审核表 / for a workbook: write a graded copy (计算得分 column, comments, 审核 sheet)", HelpName = "OUT" };

        var command = new Command("grade", "评一个项目并打印评分卡 / grade one evaluation file and print a scorecard or the result file");
        command.Arguments.Add(file);
        command.Options.Add(scheme);
        command.Options.Add(format);
        command.Options.Add(failOn);
        command.Options.Add(html);
        command.Options.Add(xlsx);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var path = parse.GetValue(file)!;
            if (parse.GetValue(xlsx) is not null && !Cli.BatchCommand.IsWorkbook(path))
            {
                throw new UsageException("--xlsx 只用于 .xlsx 自评表 / --xlsx is for a .xlsx workbook: the graded copy is that workbook with its scores");
            }

            var catalog = Catalog(parse.GetValue(schemeFiles));
            var result = GradeFile(path, parse.GetValue(scheme), catalog);
            if (parse.GetValue(xlsx) is { } copy)
            {
                WriteFile(copy, "--xlsx", () => Excel.GradedWorkbook.Write(path, result, copy));
            }

            if (parse.GetValue(html) is { } page)
            {
                WriteText(page, "--html", w => Html.ScorecardPage.Write(result, w));
            }

            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(ResultFile.ToJson(result));
            }
            else
            {
                Scorecard.Write(result, stdout);
            }

            return FailsOn(parse.GetValue(failOn), result.Findings) ? FailedOn : Graded;
        }));
        return command;
    }

    private static Command BatchCommand(Option<string[]> schemeFiles, Option<bool> noColor, TextWriter stdout, TextWriter stderr, Terminal terminal)
    {
        var input = new Argument<string>("INPUT") { Description = "JSON Lines 文件、评价文件所在文件夹，或 - （标准输入）/ a JSON Lines file, a folder of evaluation files, or - for stdin" };
        var output = new Option<string?>("--out", "-o") { Description = "结果写入此文件（默认标准输出）/ write the records here (default stdout)", HelpName = "PATH" };
        var workers = new Option<int>("--workers", "-j")
        {
            Description = "并行评分的线程数（默认处理器数）/ projects graded at once (default: processor count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        workers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--workers 至少为 1 / must be at least 1");
            }
        });
        var unordered = new Option<bool>("--unordered") { Description = "评完即写，不按输入顺序 / write each record when graded, not in input order" };
        var resume = new Option<bool>("--resume") { Description = "从 --out 已写完的记录之后继续 / continue after the records --out already holds" };
        var summary = new Option<string?>("--summary") { Description = "批次汇总写入此 JSON 文件 / write the batch summary here as JSON", HelpName = "PATH" };
        var summaryHtml = new Option<string?>("--summary-html") { Description = "批次汇总写成网页（含总分直方图）/ write the summary as a self-contained HTML page", HelpName = "PATH" };
        var failOn = FailOnOption();

        var command = new Command("batch", "批量评分，每条输入一条结果或错误记录 / grade many evaluations: one result or error record per input record");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(workers);
        command.Options.Add(unordered);
        command.Options.Add(resume);
        command.Options.Add(summary);
        command.Options.Add(summaryHtml);
        command.Options.Add(failOn);
        command.Validators.Add(r =>
        {
            if (r.GetValue(resume) && r.GetValue(output) is null)
            {
                r.AddError("--resume 需要 --out：从该文件已有的记录之后继续 / --resume needs --out: it continues after the records that file holds");
            }

            if (r.GetValue(resume) && r.GetValue(unordered))
            {
                r.AddError("--resume 与 --unordered 不能同用：续跑依赖输入顺序 / --resume cannot be used with --unordered: resuming relies on input order");
            }
        });
        command.SetAction((parse, ct) => GuardAsync(stderr, () =>
        {
            var settings = new BatchSettings(
                parse.GetValue(input)!,
                parse.GetValue(output),
                parse.GetValue(workers),
                parse.GetValue(unordered),
                parse.GetValue(resume),
                parse.GetValue(summary),
                parse.GetValue(summaryHtml),
                parse.GetValue(failOn),
                parse.GetValue(noColor) || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 },
                Catalog(parse.GetValue(schemeFiles)));
            return Cli.BatchCommand.RunAsync(settings, stdout, stderr, terminal, ct);
        }));
        return command;
    }

    private static Command TemplateCommand(Option<string[]> schemeFiles, TextWriter stdout, TextWriter stderr)
    {
        var scheme = new Option<string>("--scheme") { Description = "方案 id（见 perfeval schemes）/ the scheme's id (see perfeval schemes)", HelpName = "ID", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "写入此 .xlsx 文件 / the workbook to write", HelpName = "PATH", Required = true };
        var command = new Command("template", "写一份空白自评表（全国格式），填好方案的一级/二级指标和分值 / write a blank 自评表 workbook in the national layout with the scheme's frame");
        command.Options.Add(scheme);
        command.Options.Add(output);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var catalog = Catalog(parse.GetValue(schemeFiles));
            var id = parse.GetValue(scheme)!;
            Scheme chosen;
            try
            {
                chosen = catalog.Get(id);
            }
            catch (SchemeException e)
            {
                throw new UsageException($"--scheme {id}: {e.Message}");
            }

            var path = parse.GetValue(output)!;
            WriteFile(path, "--out", () => Excel.EvaluationTemplate.Write(chosen, path));
            stdout.WriteLine($"perfeval: {path} — {chosen.Id} {chosen.Name}");
            return Graded;
        }));
        return command;
    }

    private static Command ReportCommand(Option<string[]> schemeFiles, TextWriter stdout, TextWriter stderr)
    {
        var result = new Argument<string>("RESULT") { Description = "结果文件（perfeval/result@1，grade --format json 所写）/ a result file, as grade --format json writes it" };
        var output = new Option<string>("--out", "-o") { Description = "网页评分卡写入此文件 / the HTML page to write", HelpName = "PATH", Required = true };
        var command = new Command("report", "把结果文件写成自包含的网页评分卡，不重新评分 / write a result file as the self-contained HTML scorecard page, without grading again");
        command.Arguments.Add(result);
        command.Options.Add(output);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var path = parse.GetValue(result)!;
            var read = ResultFile.Read(path, Catalog(parse.GetValue(schemeFiles)));
            var page = parse.GetValue(output)!;
            WriteText(page, "--out", w => Html.ScorecardPage.Write(read, w));
            stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"perfeval: {page} — {read.Evaluation.Id} {read.Total} {read.Grade.Name}"));
            return Graded;
        }));
        return command;
    }

    /// <summary>Runs a write to the file an option names; an I/O failure names the option and the path.</summary>
    internal static void WriteFile(string path, string option, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException($"{option} {Echo.Quote(path)}: 无法写入 / cannot write: {e.Message}");
        }
    }

    private static Command SchemesCommand(Option<string[]> schemeFiles, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("schemes", "列出方案：内置方案及 --scheme-file 所加 / list the schemes: the built-in ones plus any --scheme-file");
        command.SetAction(parse => Guard(stderr, () =>
        {
            foreach (var s in Catalog(parse.GetValue(schemeFiles)).Schemes)
            {
                var grades = string.Join(" ", s.Grades.Select(g => $"{g.Name}≥{g.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
                stdout.WriteLine($"{s.Id,-26} {s.Name}");
                stdout.WriteLine($"{string.Empty,-26} {s.Region}; {(s.Extends is null ? string.Empty : "extends " + s.Extends + "; ")}grades {grades}");
            }

            return Graded;
        }));
        return command;
    }

    /// <summary>Writes a UTF-8 file an option names; a failure names the option and the path.</summary>
    internal static void WriteText(string path, string option, Action<TextWriter> write) =>
        WriteFile(path, option, () =>
        {
            using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            write(w);
        });

    private static SchemeCatalog Catalog(string[]? files) =>
        files is null or { Length: 0 } ? SchemeCatalog.Default : SchemeCatalog.Default.WithFiles(files);

    /// <summary>Whether any finding is at least as severe as <c>--fail-on</c>.</summary>
    internal static bool FailsOn(string? failOn, IEnumerable<Finding> findings) => failOn is not null && findings.Any(f => Meets(failOn, f.Severity));

    /// <summary>Whether a finding of <paramref name="severity"/> is at least as severe as <c>--fail-on</c> (<c>error</c> or <c>warning</c>).</summary>
    internal static bool Meets(string failOn, Severity severity) => severity >= (failOn == "error" ? Severity.Error : Severity.Warning);

    /// <summary>Reads and grades one file as <c>grade</c> does; every failure is a typed error naming the file.</summary>
    internal static GradingResult GradeFile(string file, string? schemeOption, SchemeCatalog catalog)
    {
        // A workbook names its scheme in a cell, or --scheme does; a JSON file names it in $.scheme.
        var evaluation = Cli.BatchCommand.IsWorkbook(file)
            ? Excel.EvaluationWorkbook.Read(file, new Excel.ExcelReadOptions { SchemeId = schemeOption })
            : EvaluationFile.Load(file);
        var scheme = Resolve(catalog, schemeOption, evaluation.SchemeId, file);
        try
        {
            return new Grader(catalog).Grade(evaluation, scheme);
        }
        catch (EvaluationException e) when (e.File is null)
        {
            // The grader does not know the file; the message must name it.
            throw new EvaluationException(file, e.Problems, e);
        }
        catch (Exception e) when (e is not (PerfEvalException or OperationCanceledException))
        {
            // A defect met by this file: said as GradingFailed with the file, like a batch record, not a stack trace.
            throw BatchGrading.Failed(e, file, null);
        }
    }

    /// <summary>
    /// The scheme to grade by: <c>--scheme</c> when given, else the file's <c>scheme</c>. An unknown id is reported
    /// at its place — the option, or the file and <c>$.scheme</c> — with the ids the catalog has.
    /// </summary>
    private static Scheme Resolve(SchemeCatalog catalog, string? option, string fromFile, string file)
    {
        try
        {
            return catalog.Get(option ?? fromFile);
        }
        catch (SchemeException e) when (option is not null)
        {
            throw new UsageException($"--scheme {option}: {e.Message}");
        }
        catch (SchemeException e)
        {
            throw new EvaluationException(file, [.. e.Problems.Select(p => p with { JsonPath = p.JsonPath ?? "$.scheme" })], e);
        }
    }

    private static int Guard(TextWriter stderr, Func<int> run) => GuardAsync(stderr, () => Task.FromResult(run())).GetAwaiter().GetResult();

    /// <summary>Every failure a user can cause is a message and exit code 2, never a stack trace.</summary>
    private static async Task<int> GuardAsync(TextWriter stderr, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception e) when (Said(e) is { } message)
        {
            stderr.WriteLine($"perfeval: {message}");
            if (e is UsageException)
            {
                stderr.WriteLine("perfeval --help 查看用法 / for usage");
            }

            return Unusable;
        }
    }

    private static string? Said(Exception e) => e switch
    {
        UsageException or PerfEvalException or FileProblemException => e.Message,
        IOException => $"无法读取文件 / cannot read the file: {e.Message}",
        UnauthorizedAccessException => $"无权读取文件 / access denied: {e.Message}",
        _ => null,
    };
}

/// <summary>A command-line mistake: the message says which.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A file the command cannot use or write (a directory, a full disk): the message names it and the option; no usage hint.</summary>
internal sealed class FileProblemException(string message) : Exception(message);

/// <summary>Passes text on line by line, with the assembly's name in usage lines replaced by the command's.</summary>
internal sealed class CommandNameWriter(TextWriter inner, string assemblyName) : TextWriter
{
    private readonly System.Text.StringBuilder _line = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
        {
            Flush();
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(_line.Replace(assemblyName + " ", "perfeval ").ToString());
            _line.Clear();
        }

        inner.Flush();
    }
}
