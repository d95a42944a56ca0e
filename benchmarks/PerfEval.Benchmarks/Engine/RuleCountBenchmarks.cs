using BenchmarkDotNet.Attributes;
using PerfEval.Rules;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Benchmarks.Engine;

/// <summary>10/100/1000 distinct one-pattern rules over 100 facts: insert and fire in a fresh session.</summary>
[ShortInProcess]
public class RuleCountBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact[] _facts = null!;

    [Params(10, 100, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Modulus 100: with 1000 rules, every fact matches 10 rules; with 10 rules, a tenth of the facts match one.
        _factory = new RuleCompiler().Compile(Factories.ManyRules(RuleCount, 100));
        _facts = Factories.Facts(100);
    }

    [Benchmark(Baseline = true)]
    public int InsertOnly()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        return 0;
    }

    [Benchmark]
    public int InsertFire()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        return session.Fire();
    }
}

/// <summary>CreateSession against the factory's rule count (target ≤ 2 µs, flat).</summary>
[ShortInProcess]
public class CreateSessionBenchmark
{
    private ISessionFactory _factory = null!;
    private TestFact _fact = null!;

    [Params(10, 100, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factory = new RuleCompiler().Compile(Factories.ManyRules(RuleCount, 100));
        _fact = new TestFact { IntProperty = 7 };
    }

    [Benchmark(Baseline = true)]
    public ISession CreateSession() => _factory.CreateSession();

    /// <summary>A session that is used: one fact in (node memories touched on first use).</summary>
    [Benchmark]
    public ISession CreateSessionInsertOne()
    {
        var s = _factory.CreateSession();
        s.Insert(_fact);
        return s;
    }
}

/// <summary>Compiling N distinct rules (target: 1000 rules ≤ 0.3 s). Baseline: building the definitions only.</summary>
[ShortInProcess]
public class CompileBenchmark
{
    private List<IRuleDefinition> _rules = null!;

    [Params(10, 100, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup() => _rules = Factories.ManyRules(RuleCount, RuleCount);

    [Benchmark(Baseline = true)]
    public int BuildDefinitions() => Factories.ManyRules(RuleCount, RuleCount).Count;

    [Benchmark]
    public ISessionFactory Compile() => new RuleCompiler().Compile(_rules);

    [Benchmark]
    public ISessionFactory BuildAndCompile() => new RuleCompiler().Compile(Factories.ManyRules(RuleCount, RuleCount));
}
