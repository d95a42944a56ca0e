using System.Diagnostics;
using System.Globalization;
using PerfEval.Benchmarks.Grading;
using PerfEval.Grading;
using NRules;
using PerfEval.Scoring;

namespace PerfEval.Benchmarks;

/// <summary>
/// <c>--profile</c>: a Stopwatch breakdown of the workloads that miss their targets, best of several
/// runs (the minimum is the figure least disturbed by other processes on a shared machine), with
/// GC counts. Not a benchmark: a pointer to where the time goes.
/// </summary>
internal static class Profile
{
    public static void Run(string? only = null)
    {
        if (only == "loop")
        {
            // For a sampling profiler (dotnet-trace): grade the seed for 20 s.
            var grader = new Grader();
            var evaluation = Seed.Load();
            var sw = Stopwatch.StartNew();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 20) { grader.Grade(evaluation); n++; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n} gradings, {sw.Elapsed.TotalMilliseconds * 1000 / n:F1} µs each"));
            return;
        }

        if (only == "grading")
        {
            Grading();
            return;
        }

        Grading();
    }

    private static void Grading()
    {
        var grader = new Grader();
        var evaluation = Seed.Load();
        var scheme = grader.Catalog.Get(evaluation.SchemeId);
        var factory = grader.FactoryFor(scheme);
        var (facts, notes) = Planner.Plan(scheme, evaluation);
        ISession s = null!;
        Best("grade: Planner.Plan", 200, null, () => Planner.Plan(scheme, evaluation));
        Best("grade: CreateSession", 200, null, () => s = factory.CreateSession());
        Best("grade: InsertAll planned facts", 200, () => s = factory.CreateSession(), () => s.InsertAll(facts));
        Best("grade: Fire", 200, () => { s = factory.CreateSession(); s.InsertAll(facts); }, () => s.Fire());
        Best("grade: Grader.Read", 200, () => { s = factory.CreateSession(); s.InsertAll(facts); s.Fire(); }, () => Grader.Read(s, evaluation, scheme, notes));
        Best("grade: Grader.Grade (all of it)", 200, null, () => grader.Grade(evaluation, scheme));
        Best("grade: hand-written", 200, null, () => HandWrittenGrader.Grade(evaluation, scheme));
        var line = System.Text.Encoding.UTF8.GetBytes(Seed.Line(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Seed.Path()))!, "p1"));
        Best("batch: parse one JSON line (EvaluationFile.Parse)", 200, null, () => PerfEval.Serialization.EvaluationFile.Parse(line));
        Best("batch: System.Text.Json JsonDocument.Parse of the same line", 200, null, () => System.Text.Json.JsonDocument.Parse(line).Dispose());
        var hundred = Seed.JsonLines(100);
        Best("batch: ReadLines over 100 lines (per line)", 10, null, () => { foreach (var _ in PerfEval.Serialization.EvaluationFile.ReadLines(new MemoryStream(hundred))) { } });
        var (keptFacts, _) = Planner.Plan(scheme, evaluation);
        var kept = factory.CreateSession();
        kept.InsertAll(keptFacts);
        kept.Fire();
        var leaf = keptFacts.OfType<LeafPlan>().First(l => l.Actual is > 0 && l.Target is > 0 && l.Kind == PerfEval.Model.MethodKind.Proportional);
        var original = leaf.Actual!.Value;
        var flip = false;
        var refired = 0;
        Best("re-grade: Update one leaf + Fire (kept session)", 200, () =>
        {
            flip = !flip;
            GradingBenchmark.ActualOf(leaf) = flip ? original / 2 : original;
        }, () =>
        {
            kept.Update(leaf);
            refired = kept.Fire();
        });
        Best("re-grade: Grader.Read after it", 200, null, () => Grader.Read(kept, evaluation, scheme, notes));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rules re-fired by one changed actual: {refired}"));
        s = factory.CreateSession();
        s.InsertAll(facts);
        var fired = s.Fire();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rules fired in one grading: {fired}; facts planned: {facts.Count}; rules in the factory: {GradingRules.Base.Length + GradingRules.PolicyRules(scheme).Count()}"));
    }

    private static void Best(string name, int runs, Action? setup, Action body)
    {
        var best = double.MaxValue;
        var total = 0.0;
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        for (var i = 0; i < runs; i++)
        {
            setup?.Invoke();
            var sw = Stopwatch.StartNew();
            body();
            var ms = sw.Elapsed.TotalMilliseconds;
            total += ms;
            best = Math.Min(best, ms);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: best {Show(best)}, mean {Show(total / runs)} over {runs}; GC pause {Show((GC.GetTotalPauseDuration() - pause).TotalMilliseconds / runs)} a run (setup included), gen2 GCs {GC.CollectionCount(2) - gen2}"));
    }

    private static string Show(double ms) => ms >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{ms:F2} ms") : string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:F1} µs");
}
