using BenchmarkDotNet.Attributes;
using PerfEval.Rules;

namespace PerfEval.Benchmarks.Engine;

/// <summary>
/// NRules' TwoFactAggregateRule (GroupBy) and a keyed Collect: insert, insert+update, insert+retract in a
/// fresh session, and an incremental update (one TestFact2 changes, then Fire) on a kept session.
/// </summary>
[ShortInProcess]
public class AggregateBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact1[] _facts1 = null!;
    private TestFact2[] _facts2 = null!;
    private ISession _kept = null!;
    private int _tick;

    [Params("GroupBy", "Collect")]
    public string Kind { get; set; } = "GroupBy";

    [Params(10)]
    public int Fact1Count { get; set; }

    [Params(100, 1000)]
    public int Fact2Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Fluent(Kind == "GroupBy" ? typeof(GroupByAggregateRule) : typeof(CollectAggregateRule));
        _facts1 = new TestFact1[Fact1Count];
        for (var i = 0; i < Fact1Count; i++) _facts1[i] = new TestFact1 { IntProperty = i, Group = i };
        _facts2 = new TestFact2[Fact2Count];
        for (var i = 0; i < Fact2Count; i++) _facts2[i] = new TestFact2 { IntProperty = i, Group = i % Fact1Count };
        _kept = _factory.CreateSession();
        _kept.InsertAll(_facts1);
        _kept.InsertAll(_facts2);
        _kept.Fire();
    }

    [Benchmark(Baseline = true)]
    public int Insert()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts1);
        session.InsertAll(_facts2);
        return session.Fire();
    }

    [Benchmark]
    public int InsertUpdate()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts1);
        session.InsertAll(_facts2);
        session.UpdateAll(_facts1);
        session.UpdateAll(_facts2);
        return session.Fire();
    }

    [Benchmark]
    public int InsertRetract()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts1);
        session.InsertAll(_facts2);
        session.RetractAll(_facts1);
        session.RetractAll(_facts2);
        return session.Fire();
    }

    /// <summary>One aggregated fact changes its value (its GroupBy key flips; its Collect group stays); then Fire.</summary>
    [Benchmark]
    public int IncrementalUpdateOne()
    {
        var f = _facts2[_tick++ % _facts2.Length];
        f.IntProperty += 2;
        _kept.Update(f);
        return _kept.Fire();
    }
}
