using PerfEval.Testing;

namespace PerfEval.Cli.Tests;

/// <summary>What one run of <see cref="Commands.Run"/> gave.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Commands.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>
/// The real <c>perfeval</c> process, as a user meets it: <c>dotnet PerfEval.Cli.dll</c> from the test's output folder,
/// stdout and stderr read as raw UTF-8 so escaped control characters and lengths are checked as the terminal gets them.
/// </summary>
internal static class CliProcess
{
    public static CliRun Of(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PerfEval.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, err.Result);
    }
}
