using System.Globalization;
using System.Reflection;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;
using PerfEval.Values;

namespace PerfEval.Cli;

/// <summary>Parses the command line and runs one command; returns the process exit code.</summary>
internal static class Commands
{
    public const int Graded = 0;
    public const int Unusable = 2;

    private const string Usage = """
        perfeval — 预算绩效评价评分 / grade public-spending performance evaluations

        usage:
          perfeval grade FILE [--scheme ID] [--scheme-file PATH]... [--format text|json]
          perfeval batch FILE.jsonl [--out PATH] [--scheme-file PATH]...
          perfeval schemes [--scheme-file PATH]...
          perfeval --help | --version

        grade    grades one evaluation file (perfeval/evaluation@1) and prints a scorecard
                 (text, the default) or the result file (json).
        batch    grades a JSON Lines file of evaluations, one result or error record per line.
        schemes  lists the scheme catalog: the built-in schemes plus any --scheme-file.

        exit codes: 0 graded; 2 the input is unusable or --out cannot be written (the message says what and where).
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Input reaches the terminal in names, ids and messages: no raw control character gets through.
        stdout = new TerminalWriter(stdout);
        stderr = new TerminalWriter(stderr);
        try
        {
            var parsed = Arguments.Parse(args);
            if (parsed.Help || parsed.Command is null)
            {
                (parsed.Command is null && !parsed.Help ? stderr : stdout).WriteLine(Usage);
                return parsed.Help ? Graded : Unusable;
            }

            if (parsed.Version)
            {
                stdout.WriteLine(typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
                return Graded;
            }

            var catalog = parsed.SchemeFiles.Count == 0 ? SchemeCatalog.Default : SchemeCatalog.Default.WithFiles(parsed.SchemeFiles);
            return parsed.Command switch
            {
                "grade" => Grade(parsed, catalog, stdout),
                "batch" => Batch(parsed, catalog, stdout, stderr),
                "schemes" => Schemes(parsed, catalog, stdout),
                _ => throw new UsageException($"未知命令“{Echo.Quote(parsed.Command)}” / unknown command \"{Echo.Quote(parsed.Command)}\""),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"perfeval: {e.Message}");
            stderr.WriteLine("perfeval --help 查看用法 / for usage");
            return Unusable;
        }
        catch (PerfEvalException e)
        {
            stderr.WriteLine($"perfeval: {e.Message}");
            return Unusable;
        }
        catch (FileProblemException e)
        {
            stderr.WriteLine($"perfeval: {e.Message}");
            return Unusable;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"perfeval: 无法读取文件 / cannot read the file: {e.Message}");
            return Unusable;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"perfeval: 无权读取文件 / access denied: {e.Message}");
            return Unusable;
        }
    }

    private static int Grade(Arguments a, SchemeCatalog catalog, TextWriter stdout)
    {
        a.Allow("grade", "--scheme", "--scheme-file", "--format");
        var file = a.Single("grade FILE");
        var evaluation = EvaluationFile.Load(file);
        var scheme = Resolve(catalog, a.Scheme, evaluation.SchemeId, file);
        GradingResult result;
        try
        {
            result = new Grader(catalog).Grade(evaluation, scheme);
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
        if (a.Format == "json")
        {
            stdout.WriteLine(ResultFile.ToJson(result));
        }
        else
        {
            Scorecard.Write(result, stdout);
        }

        return Graded;
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

    private static int Batch(Arguments a, SchemeCatalog catalog, TextWriter stdout, TextWriter stderr)
    {
        a.Allow("batch", "--out", "--scheme-file");
        var file = a.Single("batch FILE.jsonl");
        using var input = OpenInput(file);
        var output = a.Out is null ? null : CreateOutput(a.Out);
        var writer = output ?? stdout;
        var grader = new Grader(catalog);
        long graded = 0, failed = 0;
        try
        {
            foreach (var record in grader.GradeAll(input, null, file))
            {
                var line = ResultFile.ToJsonLine(record);
                Written(a.Out, () => writer.WriteLine(line));
                if (record.IsError) failed++; else graded++;
            }

            Written(a.Out, () => output?.Flush());
        }
        finally
        {
            // After a failed write the flush in Dispose fails the same way; that failure has been reported.
            try
            {
                output?.Dispose();
            }
            catch (IOException)
            {
            }
        }

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perfeval: {graded} graded, {failed} errors / 已评分 {graded} 条，错误 {failed} 条"));
        return Graded;
    }

    /// <summary>Opens <c>--out</c> for writing; a failure names the option and the path, not "cannot read".</summary>
    private static StreamWriter CreateOutput(string path)
    {
        try
        {
            return new StreamWriter(File.Create(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException($"--out {Echo.Quote(path)}: 无法写入 / cannot write: {e.Message}");
        }
    }

    /// <summary>A write to <c>--out</c>; its failure (disk full, device gone) names the option, not "cannot read".</summary>
    private static void Written(string? outPath, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (outPath is not null && e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException($"--out {Echo.Quote(outPath)}: 写入失败 / writing failed: {e.Message}");
        }
    }

    /// <summary>The batch file; a directory is named as such rather than "access denied".</summary>
    private static FileStream OpenInput(string file) =>
        Directory.Exists(file)
            ? throw new FileProblemException($"{Echo.Quote(file)}: 这是一个目录，不是文件 / This is a directory, not a file")
            : File.OpenRead(file);

    private static int Schemes(Arguments a, SchemeCatalog catalog, TextWriter stdout)
    {
        a.Allow("schemes", "--scheme-file");
        if (a.Positional.Count > 0)
        {
            throw new UsageException($"schemes 不接受文件参数“{Echo.Quote(a.Positional[0])}” / schemes takes no file: \"{Echo.Quote(a.Positional[0])}\"");
        }

        foreach (var s in catalog.Schemes)
        {
            var grades = string.Join(" ", s.Grades.Select(g => $"{g.Name}≥{g.Min.ToString(CultureInfo.InvariantCulture)}"));
            stdout.WriteLine($"{s.Id,-26} {s.Name}");
            stdout.WriteLine($"{string.Empty,-26} {s.Region}; {(s.Extends is null ? string.Empty : "extends " + s.Extends + "; ")}grades {grades}");
        }

        return Graded;
    }
}

/// <summary>A command-line mistake: the message says which.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A file the command cannot use or write (a directory, a full disk): the message names it and the option; no usage hint.</summary>
internal sealed class FileProblemException(string message) : Exception(message);

/// <summary>The parsed command line.</summary>
internal sealed class Arguments
{
    public string? Command { get; private set; }
    public List<string> Positional { get; } = [];
    public List<string> SchemeFiles { get; } = [];
    public string? Scheme { get; private set; }
    public string Format { get; private set; } = "text";
    public string? Out { get; private set; }
    public bool Help { get; private set; }
    public bool Version { get; private set; }

    /// <summary>The options given, as written (long forms), in order.</summary>
    public List<string> Options { get; } = [];

    public static Arguments Parse(string[] args)
    {
        var a = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{arg} 需要一个值 / needs a value");
            switch (arg)
            {
                case "-h" or "--help": a.Help = true; break;
                case "--version": a.Version = true; a.Command ??= "version"; break;
                case "--scheme": a.Options.Add("--scheme"); a.Scheme = Value(); break;
                case "--scheme-file": a.Options.Add("--scheme-file"); a.SchemeFiles.Add(Value()); break;
                case "--out" or "-o": a.Options.Add("--out"); a.Out = Value(); break;
                case "--format" or "-f":
                    a.Options.Add("--format");
                    a.Format = Value();
                    if (a.Format is not ("text" or "json"))
                    {
                        throw new UsageException($"--format 只能是 text 或 json / must be text or json, not \"{Echo.Quote(a.Format)}\"");
                    }

                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new UsageException($"未知选项“{Echo.Quote(arg)}” / unknown option \"{Echo.Quote(arg)}\"");
                    }

                    if (a.Command is null) a.Command = arg;
                    else a.Positional.Add(arg);
                    break;
            }
        }

        return a;
    }

    /// <summary>Rejects an option the command does not take, rather than ignoring it.</summary>
    public void Allow(string command, params string[] allowed)
    {
        foreach (var option in Options)
        {
            if (!allowed.Contains(option, StringComparer.Ordinal))
            {
                throw new UsageException($"{command} 不接受选项 {option} / {command} does not take {option}");
            }
        }
    }

    public string Single(string what) => Positional.Count == 1
        ? Positional[0]
        : throw new UsageException($"需要且只需要一个文件：{what} / expected exactly one file: {what}");
}
