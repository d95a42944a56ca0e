using BenchmarkDotNet.Attributes;
using PerfEval.Grading;
using PerfEval.Model;
using BatchOptions = PerfEval.Grading.BatchOptions;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// Grading one generated project (<see cref="Shapes"/>: 10, 40 or 160 leaves) with <see cref="Grader.Grade(ProjectEvaluation)"/>
/// on NRules — plan, fresh session, insert, fire, read — against the hand-written grader (baseline) that
/// produces the same scores and explanations in plain C#. Targets (issue 7): at 40 leaves ≤ 5× the
/// baseline; 160 leaves ≤ 4.5× the time of 40.
/// </summary>
[ShortInProcess]
public class GradingBenchmark
{
    private Grader _grader = null!;
    private ProjectEvaluation _evaluation = null!;
    private Scheme _scheme = null!;

    [Params(10, 40, 160)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _grader = new Grader();
        _evaluation = Shapes.Project(Leaves);
        _scheme = _grader.Catalog.Get(_evaluation.SchemeId);
        var engine = _grader.Grade(_evaluation, _scheme);
        var hand = HandWrittenGrader.Grade(_evaluation, _scheme);
        if (engine.Total != hand.Total || engine.Grade != hand.Grade || !engine.Indicators.Select(i => i.Explanation.Arithmetic).SequenceEqual(hand.Indicators.Select(i => i.Explanation.Arithmetic)))
        {
            throw new InvalidOperationException($"hand-written grader disagrees: {hand.Total} vs {engine.Total}");
        }
    }

    [Benchmark(Baseline = true)]
    public GradingResult HandWritten() => HandWrittenGrader.Grade(_evaluation, _scheme);

    /// <summary>Grader.Grade: plan, new NRules session, insert, fire, read.</summary>
    [Benchmark]
    public GradingResult NRulesGrade() => _grader.Grade(_evaluation, _scheme);
}

/// <summary>
/// One changed actual on the 40-leaf project: a live grading (<see cref="LiveGrading.SetActual"/>, then the
/// result read) against a fresh <see cref="Grader.Grade(ProjectEvaluation)"/> of the changed evaluation
/// (baseline). Target (issue 7): live ≥ 10× faster. Each call flips the actual between 97% and 80%.
/// </summary>
[ShortInProcess]
public class LiveRegradeBenchmark
{
    private Grader _grader = null!;
    private ProjectEvaluation[] _changed = null!;
    private LiveGrading _live = null!;
    private string _path = null!;
    private int _flip;

    [GlobalSetup]
    public void Setup()
    {
        _grader = new Grader();
        var evaluation = Shapes.Project(40);
        _path = Shapes.ChangingLeaf(evaluation);
        _live = _grader.Open(evaluation);
        _live.SetActual(_path, "80%");
        var low = _live.Evaluation;
        _live.SetActual(_path, "97%");
        _changed = [low, _live.Evaluation];
        if (_live.Result.Total == _grader.Grade(low).Total) throw new InvalidOperationException("the change changes nothing");
    }

    [GlobalCleanup]
    public void Cleanup() => _live.Dispose();

    [Benchmark(Baseline = true)]
    public GradingResult FreshGrade() => _grader.Grade(_changed[_flip++ & 1]);

    [Benchmark]
    public GradingResult LiveSetActual()
    {
        _live.SetActual(_path, (_flip++ & 1) == 0 ? "80%" : "97%");
        return _live.Result;
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
