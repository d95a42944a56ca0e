using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;
using Xunit.Abstractions;

namespace PerfEval.Cli.Tests;

/// <summary>
/// Issue 11, "make each promise a test", point 4: injection. Type names, assembly-qualified names, <c>$type</c>/<c>$ref</c>
/// metadata, LINQ-expression strings and path traversal in <c>extends</c> and <c>--scheme-file</c> are refused with a
/// typed error; HTML, spreadsheet-formula and terminal-escape text in values that reach outputs is carried as data
/// (a JSON string equal to the input, escaped control characters in text). No assembly is loaded on the test's thread
/// while the payloads are read and graded (<see cref="AppDomain.AssemblyLoad"/>), and the CLI, traced with
/// <c>strace -e openat</c>, opens no file of the test folder but the ones given. PerfEval has no xlsx, CSV or HTML
/// output yet; when one exists its payload rows belong here. The test prints its counts.
/// </summary>
public sealed class InjectionTests(ITestOutputHelper output)
{
    private const string Evaluation = Samples.MinimalEvaluation;

    private const string Scheme = """
        { "format": "perfeval/scheme@1", "id": "evil", "name": "evil", "extends": "national-2020",
          "defaults": { "executionRate": { "kind": "executionRate" } } }
        """;

    /// <summary>Names of CLR types and members, assembly-qualified names, and expression strings, as a method kind.</summary>
    private static readonly string[] Kinds =
    [
        "System.IO.File", "System.Diagnostics.Process, System.Diagnostics.Process",
        "System.Object, System.Private.CoreLib, Version=10.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e",
        "PerfEval.Grading.Grader, PerfEval", "PerfEval.Scoring.LeafScorer::Proportional", "NRules.Fluent.Dsl.Rule, NRules.Fluent",
        "x => x.Score > 0", "np(Score) > 0", "\"\".GetType().Assembly.GetType(\"System.IO.File\")", "Score * 2 + @0",
        "it.GetType().Assembly", "Proportional", "assessed; System.IO.File.Delete(\"x\")",
    ];

    /// <summary>JSON.NET / System.Text.Json metadata, where PerfEval's closed vocabulary has none.</summary>
    private static readonly (string Find, string Replace)[] Metadata =
    [
        ("\"format\":", "\"$type\": \"System.IO.FileInfo, System.IO.FileSystem\", \"format\":"),
        ("\"kind\": \"assessed\"", "\"$type\": \"PerfEval.Model.ScoringMethod, PerfEval\", \"kind\": \"assessed\""),
        ("\"project\":", "\"$ref\": \"#/indicators/0\", \"project\":"),
        ("\"project\":", "\"$id\": \"1\", \"project\":"),
        ("\"indicators\": [", "\"indicators\": { \"$values\": [] }, \"x\": ["),
        ("{ \"id\": \"p1\"", "{ \"$ref\": \"$\", \"id\": \"p1\""),
    ];

    /// <summary><c>extends</c> names a scheme id, never a file: each of these is an unknown parent.</summary>
    private static readonly string[] Extends =
    [
        "../secret", "../secret.json", "/etc/passwd", "file:///etc/passwd", "..\\..\\secret.json", "secret.json",
        "national-2020/../secret", "~/secret.json", "%2e%2e%2fsecret.json",
    ];

    /// <summary>Text that would be active in an HTML page, a spreadsheet cell or a terminal.</summary>
    private static readonly string[] Values =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0", "+SUM(A1:A2)", "@HYPERLINK(\"http://x\")",
        "-2+3", "\u001b]0;pwned\u0007", "\"}, \"total\": 100, \"x\": {\"",
    ];

    [Fact]
    public void Payloads_are_refused_or_carried_as_data_loading_no_assembly()
    {
        var grader = new Grader();
        // Warm up: the readers, the grader and the result writer on valid input, so what loads later is the payloads' doing.
        // The test's own JsonDocument checks are warmed up too (JsonDocument loads System.IO.Pipelines).
        using (var warm = JsonDocument.Parse(ResultFile.ToJson(grader.Grade(EvaluationFile.Parse(Evaluation, "e.json")))))
        {
            Assert.NotEmpty(Strings(warm.RootElement));
        }

        _ = SchemeCatalog.Default.WithDefinitions([SchemeFile.Parse(Scheme, "s.json")]).Get("evil");
        foreach (var refusedKind in new[] { "x", "$ref" })
        {
            Assert.ThrowsAny<PerfEvalException>(() => EvaluationFile.Parse(Evaluation.Replace("\"assessed\"", $"\"{refusedKind}\"", StringComparison.Ordinal), "e.json"));
        }

        var thread = Environment.CurrentManagedThreadId;
        var loaded = new List<string>();
        void OnLoad(object? sender, AssemblyLoadEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (loaded) loaded.Add(e.LoadedAssembly.FullName ?? "?");
        }

        var refused = 0;
        var neutralized = 0;
        var failures = new List<string>();
        AppDomain.CurrentDomain.AssemblyLoad += OnLoad;
        try
        {
            foreach (var kind in Kinds)
            {
                var k = JsonEncodedText.Encode(kind).ToString();
                Refused($"evaluation kind {kind}", () => EvaluationFile.Parse(Evaluation.Replace("\"kind\": \"assessed\"", $"\"kind\": \"{k}\"", StringComparison.Ordinal), "e.json"));
                Refused($"scheme kind {kind}", () => SchemeFile.Parse(Scheme.Replace("\"executionRate\"", $"\"{k}\"", StringComparison.Ordinal), "s.json"));
            }

            foreach (var (find, replace) in Metadata)
            {
                Assert.Contains(find, Evaluation, StringComparison.Ordinal);
                Refused($"metadata {replace}", () => EvaluationFile.Parse(Evaluation.Replace(find, replace, StringComparison.Ordinal), "e.json"));
                Refused($"scheme metadata {replace}", () => SchemeFile.Parse(Scheme.Replace("\"format\":", replace.StartsWith("\"$", StringComparison.Ordinal) ? replace.Split(", ")[0] + ", \"format\":" : replace, StringComparison.Ordinal), "s.json"));
            }

            foreach (var parent in Extends)
            {
                var p = JsonEncodedText.Encode(parent).ToString();
                Refused($"extends {parent}", () => SchemeCatalog.Default.WithDefinitions([SchemeFile.Parse(Scheme.Replace("\"national-2020\"", $"\"{p}\"", StringComparison.Ordinal), "s.json")]));
            }

            foreach (var value in Values)
            {
                var v = JsonEncodedText.Encode(value).ToString();
                // In the project's name the text is always accepted; in an indicator's name it is carried or, with a '/', refused.
                foreach (var find in new[] { "\"测试项目\"", "\"数量指标\"" })
                {
                    var json = Evaluation.Replace(find, $"\"{v}\"", StringComparison.Ordinal);
                    string result;
                    try
                    {
                        result = ResultFile.ToJson(grader.Grade(EvaluationFile.Parse(json, "e.json")));
                    }
                    catch (PerfEvalException e) when (find != "\"测试项目\"" && value.Contains('/', StringComparison.Ordinal) && e.Problems.All(p => p.JsonPath is not null))
                    {
                        refused++;
                        continue;
                    }

                    using var doc = JsonDocument.Parse(result);
                    // Carried as data: the output is still one well-formed document whose strings hold the text exactly as given.
                    if (!Strings(doc.RootElement).Contains(value) || result.Contains("\"total\": 100, \"x\"", StringComparison.Ordinal)) failures.Add($"value {value} at {find}: not carried as a JSON string");
                    if (result.Any(c => c is '\u001b' or '\u0007')) failures.Add($"value {value} at {find}: a raw control character reached the JSON");
                    neutralized++;
                }
            }
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnLoad;
        }

        output.WriteLine($"injection (in process): {refused} payloads refused with a typed error, {neutralized} carried as data; {loaded.Count} assemblies loaded during the payloads; {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(loaded.Count == 0, "loaded: " + string.Join(", ", loaded));
        Assert.True(refused + neutralized >= 30, $"{refused + neutralized} payloads");

        void Refused(string name, Action read)
        {
            try
            {
                read();
                failures.Add($"{name}: accepted");
            }
            catch (PerfEvalException e)
            {
                if (e.Problems.Any(p => p.JsonPath is null && p.IndicatorPath is null)) failures.Add($"{name}: no place in {e.Message}");
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Fact]
    public void The_cli_refuses_traversal_and_opens_no_file_of_the_folder_but_the_given_ones()
    {
        var root = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));
        var dir = Path.Combine(root, "schemes");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(root, "secret.json"), Scheme.Replace("\"evil\"", "\"secret\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "secret.json"), Scheme.Replace("\"evil\"", "\"secret2\"", StringComparison.Ordinal));
        var evil = Path.Combine(dir, "evil.json");
        File.WriteAllText(evil, Scheme.Replace("\"national-2020\"", "\"../secret.json\"", StringComparison.Ordinal));
        var evaluation = Path.Combine(root, "e.json");
        File.WriteAllText(evaluation, Evaluation.Replace("\"测试项目\"", "\"<script>alert(1)</script>\\u001b[31m=cmd|' /C calc'!A0\"", StringComparison.Ordinal));

        (string Name, string[] Args, string[] Given, Func<int, string, string, bool> Ok)[] runs =
        [
            ("extends ../secret.json via --scheme-file", ["grade", evaluation, "--scheme-file", Path.Combine(dir, "..", "schemes", "evil.json")], [evaluation, evil],
                (code, _, err) => code != 0 && err.Contains("../secret.json", StringComparison.Ordinal)),
            ("--scheme-file /etc/passwd", ["grade", evaluation, "--scheme-file", "/etc/passwd"], [evaluation], (code, _, err) => code != 0 && err.Contains("/etc/passwd", StringComparison.Ordinal)),
            ("--scheme-file a directory", ["grade", evaluation, "--scheme-file", dir], [evaluation], (code, _, err) => code != 0 && err.Contains("directory", StringComparison.Ordinal)),
            ("--scheme-file ../ traversal to a folder", ["grade", evaluation, "--scheme-file", Path.Combine(dir, "..", "..")], [evaluation], (code, _, _) => code != 0),
            ("HTML, formula and ESC in a value, text", ["grade", evaluation], [evaluation], (code, o, _) => code == 0 && o.Contains("<script>", StringComparison.Ordinal) && !o.Contains('\u001b', StringComparison.Ordinal)),
            ("HTML, formula and ESC in a value, json", ["grade", evaluation, "--format", "json"], [evaluation],
                (code, o, _) => code == 0 && Strings(JsonDocument.Parse(o).RootElement).Contains("<script>alert(1)</script>\u001b[31m=cmd|' /C calc'!A0") && !o.Contains('\u001b', StringComparison.Ordinal)),
        ];

        var opened = 0;
        foreach (var (name, args, given, ok) in runs)
        {
            var trace = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N") + ".strace");
            var (code, stdout, stderr) = Traced(trace, args);
            Assert.True(ok(code, stdout, stderr), $"{name}: exit {code}\n{stdout}\n{stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            // Every file of the test's folder the process opened, resolved; only the given files may be among them.
            var files = File.ReadAllLines(trace)
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, "open(?:at)?\\([^\"]*\"([^\"]+)\""))
                .Where(m => m.Success).Select(m => Path.GetFullPath(m.Groups[1].Value))
                .Where(f => f.StartsWith(root, StringComparison.Ordinal) && !Directory.Exists(f)).Distinct().ToList();
            opened += files.Count;
            var outside = files.Except(given.Select(Path.GetFullPath)).ToList();
            Assert.True(outside.Count == 0, $"{name}: opened {string.Join(", ", outside)}");
            File.Delete(trace);
        }

        output.WriteLine($"injection (CLI under strace): {runs.Length} runs, {opened} opens of the given files, 0 of any other file in the folder");
        Directory.Delete(root, recursive: true);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static (int Code, string Stdout, string Stderr) Traced(string trace, string[] args)
    {
        var start = new ProcessStartInfo("strace")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-f", "-qq", "-e", "trace=open,openat", "-o", trace, "dotnet", Path.Combine(AppContext.BaseDirectory, "PerfEval.Cli.dll") }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, err.Result);
    }
}
