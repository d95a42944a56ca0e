using System.Diagnostics;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;
using PerfEval.Tests.Serialization;
using Xunit.Abstractions;

namespace PerfEval.Tests.Reliability;

/// <summary>
/// Issue 11, "make each promise a test", point 6: 16 threads share one <see cref="IGrader"/>; every result they get,
/// written by <see cref="ResultFile"/>, must equal the single-threaded one for the same input, for fresh gradings and
/// for live gradings (<see cref="IGrader.Open(ProjectEvaluation)"/>, <see cref="LiveGrading.SetActual"/>) opened
/// concurrently. The test prints its counts.
/// <para>
/// N is below the 20 000 per thread (320 000 gradings): on this 2-core CI machine a grading with its result
/// written takes ≈ 1–2 ms of CPU, so 320 000 would take minutes of the suite's 10; 16 × 400 fresh and 16 × 40 live
/// sessions (each up to 4 changes of one actual, a result read after each) keep the test near 20 s while 16 threads still contend
/// for the shared grader, its compiled session factories and its caches on every call. The nightly size
/// (<c>PERFEVAL_NIGHTLY=1</c>, see <see cref="RunSize"/>) runs the 16 × 20 000.
/// </para>
/// </summary>
public sealed class ThreadsTests(ITestOutputHelper output)
{
    private const int Threads = 16;
    private static readonly int FreshPerThread = RunSize.Nightly ? 20_000 : 400;
    private static readonly int LivePerThread = RunSize.Nightly ? 2_000 : 40;

    [Fact]
    public void Sixteen_threads_on_one_grader_give_the_single_threaded_results_fresh_and_live()
    {
        var evaluations = TestFiles.ExampleFiles().Select(f => EvaluationFile.Load(f)).ToArray();
        var reference = new Grader();
        var expected = evaluations.Select(e => ResultFile.ToJson(reference.Grade(e))).ToArray();
        var edits = evaluations.Select(Edits).ToArray();
        var expectedLive = evaluations.Select((e, i) => LiveSequence(reference, e, edits[i])).ToArray();

        IGrader shared = new Grader();
        var differing = 0;
        var fresh = 0;
        var live = 0;
        var changes = 0;
        var clock = Stopwatch.StartNew();
        using var go = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < FreshPerThread; i++)
            {
                var k = (t + i) % evaluations.Length;
                if (ResultFile.ToJson(shared.Grade(evaluations[k])) != expected[k]) Interlocked.Increment(ref differing);
                Interlocked.Increment(ref fresh);
                if (i % (FreshPerThread / LivePerThread) == 0)
                {
                    var j = (t * 3 + i) % evaluations.Length;
                    var got = LiveSequence(shared, evaluations[j], edits[j]);
                    if (!got.SequenceEqual(expectedLive[j], StringComparer.Ordinal)) Interlocked.Increment(ref differing);
                    Interlocked.Increment(ref live);
                    Interlocked.Add(ref changes, edits[j].Actuals.Length);
                }
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());

        output.WriteLine($"threads: {Threads} threads on one IGrader, {fresh} fresh gradings and {live} live gradings ({changes} changes, {changes + live} results), {differing} differing from single-threaded, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Threads * FreshPerThread, fresh);
        Assert.Equal(Threads * LivePerThread, live);
        Assert.Equal(0, differing);
    }

    /// <summary>Four changes of the first leaf with a positive actual: to half, to double, to 0, and back as written.</summary>
    private static (string Path, string?[] Actuals) Edits(ProjectEvaluation e)
    {
        // A seed without one changes a text actual and back; a seed without actuals (all self-assessed) is only opened and read.
        var leaf = e.Walk().FirstOrDefault(n => n.IsLeaf && n.Actual is { Number: > 0 });
        if (leaf is null)
        {
            var text = e.Walk().FirstOrDefault(n => n.IsLeaf && n.ActualText is not null);
            return text is null ? (e.Walk().First(n => n.IsLeaf).Path, []) : (text.Path, ["达到", "未达到", "不适用", text.ActualText]);
        }

        var (n, unit) = (leaf.Actual!.Number, leaf.Actual.Unit);
        string Text(decimal? x) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{x}{unit}");
        return (leaf.Path, [Text(n / 2), Text(n * 2), Text(0m), leaf.ActualText]);
    }

    /// <summary>The result JSON after opening and after each change.</summary>
    private static List<string> LiveSequence(IGrader grader, ProjectEvaluation e, (string Path, string?[] Actuals) edits)
    {
        using var live = grader.Open(e);
        var results = new List<string> { ResultFile.ToJson(live.Result) };
        foreach (var a in edits.Actuals)
        {
            live.SetActual(edits.Path, a);
            results.Add(ResultFile.ToJson(live.Result));
        }

        return results;
    }
}
