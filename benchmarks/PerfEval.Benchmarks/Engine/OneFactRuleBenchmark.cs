using BenchmarkDotNet.Attributes;
using PerfEval.Rules;

namespace PerfEval.Benchmarks.Engine;

/// <summary>NRules' BenchmarkOneFactRule: one rule, one fact type, half the facts match.</summary>
[ShortInProcess]
public class OneFactRuleBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact[] _facts = null!;

    [Params(10, 100, 1000)]
    public int FactCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Fluent(typeof(OneFactRule));
        _facts = Factories.Facts(FactCount);
    }

    [Benchmark(Baseline = true)]
    public int Insert()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        return session.Fire();
    }

    [Benchmark]
    public int InsertUpdate()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        session.UpdateAll(_facts);
        return session.Fire();
    }

    [Benchmark]
    public int InsertRetract()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        session.RetractAll(_facts);
        return session.Fire();
    }
}
