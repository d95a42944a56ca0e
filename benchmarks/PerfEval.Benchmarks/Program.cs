using BenchmarkDotNet.Running;

namespace PerfEval.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkSwitcher); <c>--smoke</c> runs each once; <c>--profile</c> prints a Stopwatch breakdown; <c>--batch-probe N</c> grades N generated lines and prints peak memory; <c>--e2e N…</c> runs <c>perfeval batch</c> end to end.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--smoke")
        {
            Smoke.Run();
            return;
        }

        if (args.Length > 1 && args[0] == "--batch-probe")
        {
            Grading.BatchProbe.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args.Length > 1 && args[0] == "--e2e")
        {
            Grading.EndToEnd.Run([.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]);
            return;
        }

        if (args.Length > 0 && args[0] == "--profile")
        {
            Profile.Run(args.Length > 1 ? args[1] : null);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
