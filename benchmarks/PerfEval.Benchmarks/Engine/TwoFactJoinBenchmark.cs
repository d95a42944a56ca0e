using BenchmarkDotNet.Attributes;
using PerfEval.Rules;

namespace PerfEval.Benchmarks.Engine;

/// <summary>
/// NRules' BenchmarkTwoFactJoinRule over Fact1Count × Fact2Count, against a hand-written dictionary
/// join of the same data and predicate (the baseline).
/// </summary>
[ShortInProcess]
public class TwoFactJoinBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact1[] _facts1 = null!;
    private TestFact2[] _facts2 = null!;

    [Params(10, 100, 1000)]
    public int Fact1Count { get; set; }

    [Params(10, 100, 1000)]
    public int Fact2Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Fluent(typeof(TwoFactJoinRule));
        _facts1 = new TestFact1[Fact1Count];
        for (var i = 0; i < Fact1Count; i++) _facts1[i] = new TestFact1 { IntProperty = i };
        _facts2 = new TestFact2[Fact2Count];
        for (var i = 0; i < Fact2Count; i++) _facts2[i] = new TestFact2 { IntProperty = i };
    }

    [Benchmark(Baseline = true)]
    public int HandWrittenJoin() => DictionaryJoin.Join(_facts1, _facts2,
        f1 => f1.IntProperty % 2 == 0, f1 => f1.IntProperty % 4,
        f2 => f2.IntProperty % 2 == 0, f2 => f2.IntProperty % 2);

    [Benchmark]
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
}

/// <summary>DESIGN.md's join target: 3000 × 3000 facts joined on a key with 100 groups (90 000 matches).</summary>
[ShortInProcess]
public class LargeJoinBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact1[] _facts1 = null!;
    private TestFact2[] _facts2 = null!;

    [Params(3000)]
    public int FactCount { get; set; }

    [Params(100)]
    public int Groups { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Fluent(typeof(GroupJoinRule));
        _facts1 = new TestFact1[FactCount];
        _facts2 = new TestFact2[FactCount];
        for (var i = 0; i < FactCount; i++)
        {
            _facts1[i] = new TestFact1 { IntProperty = i, Group = i % Groups };
            _facts2[i] = new TestFact2 { IntProperty = i, Group = i % Groups };
        }
    }

    [Benchmark(Baseline = true)]
    public int HandWrittenJoin() => DictionaryJoin.Join(_facts1, _facts2, _ => true, f1 => f1.Group, _ => true, f2 => f2.Group);

    /// <summary>Insert both sides and build every match, without firing.</summary>
    [Benchmark]
    public int InsertJoin()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts1);
        session.InsertAll(_facts2);
        return _facts1.Length;
    }

    /// <summary>Insert, join and fire all 90 000 activations.</summary>
    [Benchmark]
    public int InsertJoinFire()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts1);
        session.InsertAll(_facts2);
        return session.Fire();
    }
}

internal static class DictionaryJoin
{
    /// <summary>Filters both sides, indexes the right by key and counts each matching pair (one "activation" a pair).</summary>
    public static int Join<T1, T2>(T1[] left, T2[] right, Func<T1, bool> leftFilter, Func<T1, int> leftKey, Func<T2, bool> rightFilter, Func<T2, int> rightKey)
    {
        var index = new Dictionary<int, List<T2>>();
        foreach (var r in right)
        {
            if (!rightFilter(r)) continue;
            var k = rightKey(r);
            if (!index.TryGetValue(k, out var list)) index[k] = list = new List<T2>();
            list.Add(r);
        }

        var pairs = 0;
        foreach (var l in left)
        {
            if (!leftFilter(l) || !index.TryGetValue(leftKey(l), out var list)) continue;
            foreach (var r in list)
            {
                Nop.Nothing();
                pairs++;
            }
        }

        return pairs;
    }
}
