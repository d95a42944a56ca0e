using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfEval.Benchmarks.Serialization;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// <c>--e2e N [N…]</c>: the end-to-end run of issue 9 §3. For each N it writes N generated 40-leaf national-scheme
/// projects as JSON Lines (not timed), then for 1 and 2 workers runs the real <c>perfeval batch FILE --out OUT
/// --workers W</c> process, timing it and reading its peak working set (VmHWM) from /proc while it runs; and, in this
/// process, grades 2 000 already-parsed projects with the same number of threads as the no-I/O baseline.
/// Prints a Markdown table (committed as benchmarks/results/batch-e2e.md).
/// </summary>
internal static class EndToEnd
{
    public static void Run(IReadOnlyList<int> sizes)
    {
        var cli = CliDll();
        var c = CultureInfo.InvariantCulture;
        var pure = new Dictionary<int, double>();
        foreach (var w in new[] { 1, 2 }) pure[w] = PureRate(w);

        Console.WriteLine(string.Create(c, $"processors {Environment.ProcessorCount}; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine();
        Console.WriteLine("| records | workers | elapsed | records/s | grading without I/O, records/s | pipeline / grading | peak working set |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var rates = new Dictionary<(int, int), double>();
        foreach (var n in sizes)
        {
            var input = Input(n);
            foreach (var w in new[] { 1, 2 })
            {
                var (seconds, peak) = Batch(cli, input, w);
                rates[(n, w)] = n / seconds;
                Console.WriteLine(string.Create(c, $"| {n} | {w} | {seconds:F1} s | {n / seconds:F0} | {pure[w]:F0} | {n / seconds / pure[w]:P0} | {peak / (1024.0 * 1024):F0} MB |"));
            }
        }

        Console.WriteLine();
        foreach (var n in sizes)
            Console.WriteLine(string.Create(c, $"- {n} records: 2 workers / 1 worker = {rates[(n, 2)] / rates[(n, 1)]:F2}×"));
        Console.WriteLine(string.Create(c, $"- grading without I/O: 2 threads / 1 = {pure[2] / pure[1]:F2}×"));
    }

    private static string CliDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "PerfEval.Cli", "bin", "Release", "net10.0", "PerfEval.Cli.dll");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("Build the solution in Release first: src/PerfEval.Cli/bin/Release/net10.0/PerfEval.Cli.dll");
    }

    private static string Input(int n)
    {
        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"perfeval-e2e-{n}.jsonl"));
        if (File.Exists(path)) return path;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < n; i++)
        {
            w.Write(ShapeJson.Line(40, "p" + i.ToString(CultureInfo.InvariantCulture), i));
            w.Write('\n');
        }

        return path;
    }

    /// <summary>Grades 2 000 parsed projects again and again with <paramref name="workers"/> threads for 10 s: records/s.</summary>
    private static double PureRate(int workers)
    {
        var grader = new Grader();
        var evaluations = Enumerable.Range(0, 2000).Select(i => EvaluationFile.Parse(ShapeJson.Line(40, "p" + i.ToString(CultureInfo.InvariantCulture), i))).ToArray();
        Parallel.For(0, 200, i => grader.Grade(evaluations[i])); // warm
        var clock = Stopwatch.StartNew();
        long graded = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Parallel.For(0, evaluations.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => grader.Grade(evaluations[i]));
            graded += evaluations.Length;
        }

        return graded / clock.Elapsed.TotalSeconds;
    }

    private static (double Seconds, long PeakBytes) Batch(string cli, string input, int workers)
    {
        var output = Path.Combine(Path.GetTempPath(), "perfeval-e2e-out.jsonl");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { cli, "batch", input, "--out", output, "--workers", workers.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(50)) peak = Math.Max(peak, PeakOf(p.Id));
        clock.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"perfeval batch exited {p.ExitCode}: {err.Result}");
        File.Delete(output);
        return (clock.Elapsed.TotalSeconds, peak);
    }

    /// <summary>VmHWM (the resident-set high-water mark) from /proc; 0 once the process is gone.</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
