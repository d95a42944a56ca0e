using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using PerfEval.Grading;
using PerfEval.Model;
using NRules;
using BatchOptions = PerfEval.Grading.BatchOptions;
using PerfEval.Scoring;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// Grading one project (docs/examples/seed-hebei-changan-2019.json) through the engine against the
/// hand-written grader (baseline), with the parts apart: planning alone, the engine alone
/// (session + insert + fire of pre-planned facts), and re-grading a kept session after one changed actual.
/// </summary>
[ShortInProcess]
public class GradingBenchmark
{
    private Grader _grader = null!;
    private ProjectEvaluation _evaluation = null!;
    private Scheme _scheme = null!;
    private ISessionFactory _factory = null!;
    private List<object> _facts = null!;
    private List<PerfEval.Grading.Finding> _notes = null!;
    private ISession _kept = null!;
    private LeafPlan _changing = null!;
    private decimal _original;
    private bool _flip;

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "<Actual>k__BackingField")]
    internal static extern ref decimal? ActualOf(LeafPlan plan);

    [GlobalSetup]
    public void Setup()
    {
        _grader = new Grader();
        _evaluation = Seed.Load();
        _scheme = _grader.Catalog.Get(_evaluation.SchemeId);
        _factory = _grader.FactoryFor(_scheme);
        (_facts, _notes) = Planner.Plan(_scheme, _evaluation);

        var engine = _grader.Grade(_evaluation, _scheme);
        var hand = HandWrittenGrader.Grade(_evaluation, _scheme);
        if (engine.Total != hand.Total || engine.Grade != hand.Grade)
        {
            throw new InvalidOperationException($"hand-written grader disagrees: {hand.Total} vs {engine.Total}");
        }

        var (keptFacts, _) = Planner.Plan(_scheme, _evaluation);
        _kept = _factory.CreateSession();
        _kept.InsertAll(keptFacts);
        _kept.Fire();
        _changing = keptFacts.OfType<LeafPlan>().First(l => l.Actual is > 0 && l.Target is > 0 && l.Kind == MethodKind.Proportional);
        _original = _changing.Actual!.Value;
    }

    [Benchmark(Baseline = true)]
    public GradingResult HandWritten() => HandWrittenGrader.Grade(_evaluation, _scheme);

    /// <summary>Grader.Grade: plan, new session, insert, fire, read.</summary>
    [Benchmark]
    public GradingResult Engine() => _grader.Grade(_evaluation, _scheme);

    [Benchmark]
    public int PlannerOnly() => Planner.Plan(_scheme, _evaluation).Facts.Count;

    /// <summary>The engine's share: new session, insert the planned facts, fire (no plan, no read).</summary>
    [Benchmark]
    public int SessionInsertFire()
    {
        var session = _factory.CreateSession();
        session.InsertAll(_facts);
        return session.Fire();
    }

    /// <summary>Re-grade after one changed actual: Update on a kept session, Fire, Read.</summary>
    [Benchmark]
    public GradingResult ReGradeKeptSession()
    {
        _flip = !_flip;
        ActualOf(_changing) = _flip ? _original / 2 : _original;
        _kept.Update(_changing);
        _kept.Fire();
        return Grader.Read(_kept, _evaluation, _scheme, _notes);
    }

    /// <summary>The same re-grade without reading the result: Update and Fire only.</summary>
    [Benchmark]
    public int ReGradeUpdateFire()
    {
        _flip = !_flip;
        ActualOf(_changing) = _flip ? _original / 2 : _original;
        _kept.Update(_changing);
        return _kept.Fire();
    }
}

/// <summary>
/// Grader.GradeAll over an in-memory JSON Lines stream of N copies of the seed (distinct ids). Divide by N
/// for per-project figures. Baseline: reading (parsing) the lines without grading.
/// </summary>
[ShortInProcess]
public class BatchGradingBenchmark
{
    private Grader _grader = null!;
    private byte[] _lines = null!;

    [Params(1000, 10000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _grader = new Grader();
        _lines = Seed.JsonLines(N);
        var count = 0;
        foreach (var r in _grader.GradeAll(new MemoryStream(_lines, writable: false)))
        {
            if (r.IsError) throw new InvalidOperationException(r.Error.Message);
            count++;
        }

        if (count != N) throw new InvalidOperationException($"{count} results for {N} lines");
    }

    [Benchmark(Baseline = true)]
    public int ReadLinesOnly()
    {
        var count = 0;
        foreach (var _ in PerfEval.Serialization.EvaluationFile.ReadLines(new MemoryStream(_lines, writable: false))) count++;
        return count;
    }

    /// <summary>GradeAll with the default options (parallelism = processor count, chunks of 1024).</summary>
    [Benchmark]
    public int GradeAll()
    {
        var count = 0;
        foreach (var _ in _grader.GradeAll(new MemoryStream(_lines, writable: false))) count++;
        return count;
    }

    /// <summary>GradeAll on one thread.</summary>
    [Benchmark]
    public int GradeAllSequential()
    {
        var count = 0;
        foreach (var _ in _grader.GradeAll(new MemoryStream(_lines, writable: false), new BatchOptions { MaxDegreeOfParallelism = 1 })) count++;
        return count;
    }
}
