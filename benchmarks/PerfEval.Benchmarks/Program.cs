using BenchmarkDotNet.Running;

namespace PerfEval.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkSwitcher); <c>--smoke</c> runs each once; <c>--profile</c> prints a Stopwatch breakdown.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--smoke")
        {
            Smoke.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "--profile")
        {
            Profile.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
