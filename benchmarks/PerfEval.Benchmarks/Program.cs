using BenchmarkDotNet.Running;

namespace PerfEval.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkSwitcher).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
