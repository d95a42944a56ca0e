using System.Diagnostics;

namespace PerfEval.Html.Tests;

/// <summary>
/// Debian's headless chromium, run as a child process with a time limit: killed, with its whole process tree, when
/// it hangs. <c>.ci/run</c> installs it (<c>apt-get install chromium fonts-noto-cjk</c>); when it is missing the
/// tests that need it fail and say so — they are never skipped.
/// </summary>
internal static class Chromium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly Lazy<string?> Found = new(() => Which("chromium"));

    /// <summary>The chromium executable on PATH; fails the test with how to install it when there is none.</summary>
    public static string Executable => Found.Value ?? throw new Xunit.Sdk.XunitException(
        "chromium is not installed (no 'chromium' on PATH). The browser tests need Debian's chromium and a CJK font: "
        + "run .ci/run as root, or: apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk");

    /// <summary>Takes a screenshot of <paramref name="page"/> at 1024 × 2000 into <paramref name="png"/>.</summary>
    public static void Screenshot(string page, string png, string profile) =>
        Check(Run(profile, "--screenshot=" + png, "--window-size=1024,2000", new Uri(page).AbsoluteUri), png);

    /// <summary>Prints <paramref name="page"/> to <paramref name="pdf"/> as chromium prints it (the page's own @page size; no header or footer).</summary>
    public static void PrintToPdf(string page, string pdf, string profile) =>
        Check(Run(profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri), pdf);

    /// <summary>The DOM of <paramref name="page"/> after chromium has loaded and laid it out.</summary>
    public static string DumpDom(string page, string profile, string windowSize = "1024,2000")
    {
        var run = Run(profile, "--dump-dom", "--window-size=" + windowSize, new Uri(page).AbsoluteUri);
        Check(run, null);
        return run.Out;
    }

    /// <summary>Runs a program with arguments and a time limit; its output, error text and exit code.</summary>
    public static (int Code, string Out, string Err) RunProgram(string file, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{file} could not be started ({e.Message}): is it installed? .ci/run installs chromium and fonts-noto-cjk (fontconfig's fc-list comes with them)");
        }

        using var p = started ?? throw new Xunit.Sdk.XunitException("could not start " + file);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new Xunit.Sdk.XunitException($"{file} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s and was killed");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static (int Code, string Out, string Err) Run(string profile, params string[] args) =>
        RunProgram(Executable, Timeout,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, .. args,
        ]);

    private static void Check((int Code, string Out, string Err) run, string? png)
    {
        if (run.Code != 0 || (png is not null && !File.Exists(png)))
        {
            var err = run.Err.Length > 3000 ? run.Err[^3000..] : run.Err;
            throw new Xunit.Sdk.XunitException($"chromium exited with {run.Code}{(png is null ? string.Empty : " and wrote no " + png)}:\n{err}");
        }
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
