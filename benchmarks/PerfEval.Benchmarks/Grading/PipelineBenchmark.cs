using System.Text;
using BenchmarkDotNet.Attributes;
using PerfEval.Benchmarks.Serialization;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// Issue 9 §3: the batch pipeline against the same grading without I/O, in one run. <c>GradeOnly</c> (the baseline)
/// grades 1 000 already-parsed 40-leaf projects with <see cref="Workers"/> threads; <c>Pipeline</c> takes the same
/// projects as JSON Lines bytes through <see cref="BatchPipeline"/> — reader, parse + grade + serialise workers,
/// ordered consumer — as <c>perfeval batch</c> does, writing to <see cref="Stream.Null"/>. Targets: Pipeline ≥ 85 % of
/// GradeOnly's rate (ratio ≤ 1.18), and 2 workers ≥ 1.7× one.
/// </summary>
[ShortInProcess]
public class PipelineBenchmark
{
    private const int Records = 1000;

    private readonly Grader _grader = new();
    private ProjectEvaluation[] _evaluations = [];
    private byte[] _jsonLines = [];

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            text.Append(ShapeJson.Line(40, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i)).Append('\n');
        }

        _jsonLines = Encoding.UTF8.GetBytes(text.ToString());
        _evaluations = [.. EvaluationFile.ReadLines(new MemoryStream(_jsonLines)).Select(r => r.Evaluation!)];
        _grader.Grade(_evaluations[0]);
    }

    [Benchmark(Baseline = true)]
    public int GradeOnly()
    {
        Parallel.For(0, Records, new ParallelOptions { MaxDegreeOfParallelism = Workers }, i => _grader.Grade(_evaluations[i]));
        return Records;
    }

    [Benchmark]
    public async Task<long> Pipeline()
    {
        var options = new BatchOptions { MaxDegreeOfParallelism = Workers, ChunkSize = Math.Max(64, Workers * 32) };
        var inputs = BatchPipeline.JsonLines(new MemoryStream(_jsonLines), null, JsonFileOptions.Default, 0, CancellationToken.None);
        long n = 0;
        await foreach (var o in BatchPipeline.RunAsync(_grader, inputs, null, options, static r => ResultFile.ToJsonLinePooled(r, newline: true), CancellationToken.None))
        {
            Stream.Null.Write(o.Value.Span);
            o.Value.Return();
            n++;
        }

        return n;
    }
}
