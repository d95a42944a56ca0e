using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PerfEval.Benchmarks;

/// <summary>
/// A short job for a shared 2-core machine: in-process (no per-case build or child process), 2 warm-up
/// and 5 measured iterations of about 250 ms. Error margins are wide; compare ratios within one run.
/// </summary>
public sealed class ShortInProcessAttribute : Attribute, IConfigSource
{
    public ShortInProcessAttribute()
    {
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("ShortInProcess"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            // The machine is shared: Min and Median are less disturbed by other processes than Mean.
            .AddColumn(StatisticColumn.Min, StatisticColumn.Median);
    }

    public IConfig Config { get; }
}
