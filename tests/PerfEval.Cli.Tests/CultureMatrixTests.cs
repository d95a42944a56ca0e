using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace PerfEval.Cli.Tests;

/// <summary>
/// Issue 11, "make each promise a test", point 5: the culture matrix. The real <c>perfeval</c> process runs under
/// 9 locales set the way a user's shell sets them (<c>LC_ALL</c> and <c>LANG</c>; <c>C</c> is .NET's invariant
/// culture) and its JSON and text output must be byte-identical to the invariant run: a batch of all seed examples
/// (the result lines), <c>grade --format json</c>, <c>grade</c> as text for three regions, and <c>schemes</c>.
/// The test prints its count of comparisons.
/// </summary>
public sealed class CultureMatrixTests(ITestOutputHelper output)
{
    private static readonly string[] Locales =
        ["C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "sv_SE.UTF-8", "tr_TR.UTF-8", "ar_SA.UTF-8", "zh_CN.UTF-8", "ja_JP.UTF-8"];

    [Fact]
    public void Json_and_text_output_are_byte_identical_under_nine_locales()
    {
        // The matrix means something only if these cultures format differently here (ICU is present).
        Assert.Equal(
            ["1,234.5", "1.234,5", "1 234,5"],
            new[] { "en-US", "de-DE", "sv-SE" }.Select(c => 1234.5m.ToString("N1", CultureInfo.GetCultureInfo(c)).Replace('\u00a0', ' ')).ToArray());

        var dir = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var examples = Directory.EnumerateFiles(Repo.Examples, "*.json").Order(StringComparer.Ordinal).ToList();
        var batch = Path.Combine(dir, "all.jsonl");
        File.WriteAllLines(batch, examples.Select(f => string.Join(' ', File.ReadAllLines(f).Select(l => l.Trim()))));

        (string Name, string[] Args, string? OutFile)[] runs =
        [
            ("batch", ["batch", batch, "--out", "{out}"], "{out}"),
            ("grade json", ["grade", Repo.Hunan, "--format", "json"], null),
            ("grade text hunan", ["grade", Repo.Hunan], null),
            ("grade text hebei", ["grade", Repo.Hebei], null),
            ("grade text sichuan", ["grade", Repo.Example("seed-sichuan-yanbian-2021-subsidy.json")], null),
            ("schemes", ["schemes"], null),
        ];

        var outputs = Locales.AsParallel().WithDegreeOfParallelism(2).Select(locale => (locale, runs.Select(r =>
        {
            var outFile = Path.Combine(dir, $"{locale}-{r.Name}.jsonl");
            var (code, stdout, stderr) = Run(locale, [.. r.Args.Select(a => a.Replace("{out}", outFile, StringComparison.Ordinal))]);
            var file = r.OutFile is null ? [] : File.ReadAllBytes(outFile);
            return (r.Name, code, stdout, stderr, file);
        }).ToList())).ToDictionary(x => x.locale, x => x.Item2, StringComparer.Ordinal);

        var baseline = outputs["C"];
        Assert.All(baseline, b => Assert.True(b.code == 0 && b.stdout.Length + b.file.Length > 0, $"{b.Name}: exit {b.code}"));
        Assert.Equal(examples.Count, Encoding.UTF8.GetString(baseline[0].file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var comparisons = 0;
        foreach (var locale in Locales.Skip(1))
        {
            for (var i = 0; i < runs.Length; i++)
            {
                var (name, code, stdout, stderr, file) = outputs[locale][i];
                Assert.True(baseline[i].code == code, $"{locale} {name}: exit {code}");
                Assert.True(baseline[i].stdout.AsSpan().SequenceEqual(stdout), $"{locale} {name}: stdout differs");
                Assert.True(baseline[i].stderr.AsSpan().SequenceEqual(stderr), $"{locale} {name}: stderr differs");
                Assert.True(baseline[i].file.AsSpan().SequenceEqual(file), $"{locale} {name}: --out file differs");
                comparisons += 3;
            }
        }

        output.WriteLine($"culture matrix: {Locales.Length} locales × {runs.Length} runs = {Locales.Length * runs.Length} processes; {comparisons} byte comparisons (stdout, stderr, --out) against the invariant run, 0 differing");
        Directory.Delete(dir, recursive: true);
    }

    private static (int Code, byte[] Stdout, byte[] Stderr) Run(string locale, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PerfEval.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["LC_ALL"] = locale;
        start.Environment["LANG"] = locale;
        start.Environment.Remove("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var err = process.StandardError.BaseStream.CopyToAsync(stderr);
        process.StandardOutput.BaseStream.CopyTo(stdout);
        err.Wait();
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
