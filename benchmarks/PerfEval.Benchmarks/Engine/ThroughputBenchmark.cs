using BenchmarkDotNet.Attributes;
using PerfEval.Rules;

namespace PerfEval.Benchmarks.Engine;

/// <summary>
/// Insert and fire throughput, reported per fact / per activation (OperationsPerInvoke = FactCount).
/// Targets: insert ≥ 1 M facts/s (≤ 1000 ns a fact); fire ≥ 3 M trivial activations/s (≤ 333 ns each).
/// </summary>
[ShortInProcess]
public class ThroughputBenchmark
{
    private const int N = 100_000;
    private ISessionFactory _none = null!;
    private ISessionFactory _all = null!;
    private TestFact[] _facts = null!;
    private ISession _ready = null!;

    [GlobalSetup]
    public void Setup()
    {
        _none = Factories.Fluent(typeof(MatchNoneRule));
        _all = Factories.Fluent(typeof(MatchAllRule));
        _facts = Factories.Facts(N);
    }

    /// <summary>InsertAll into a fresh session; the one rule's condition rejects every fact (no activation).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public int InsertAllNoMatch()
    {
        var s = _none.CreateSession();
        s.InsertAll(_facts);
        return 0;
    }

    /// <summary>InsertAll where every fact activates the rule (activation created, not fired).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int InsertAllMatch()
    {
        var s = _all.CreateSession();
        s.InsertAll(_facts);
        return 0;
    }

    /// <summary>Insert one at a time (no batch), every fact activating the rule.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int InsertEachMatch()
    {
        var s = _all.CreateSession();
        foreach (var f in _facts) s.Insert(f);
        return 0;
    }

    [IterationSetup(Target = nameof(FireOnly))]
    public void PrepareFire()
    {
        _ready = _all.CreateSession();
        _ready.InsertAll(_facts);
    }

    /// <summary>Fire N pending trivial activations (the session is filled in IterationSetup, untimed).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int FireOnly() => _ready.Fire();
}
