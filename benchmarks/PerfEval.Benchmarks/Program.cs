using BenchmarkDotNet.Running;

namespace PerfEval.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkSwitcher); <c>--smoke</c> runs each once.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--smoke")
        {
            Smoke.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
