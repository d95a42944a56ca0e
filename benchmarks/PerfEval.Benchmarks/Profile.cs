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
            // For a sampling profiler (perf, dotnet-trace): grade the 40-leaf project for 20 s.
            var grader = new Grader();
            var evaluation = Shapes.Project(40);
            var sw = Stopwatch.StartNew();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 20) { grader.Grade(evaluation); n++; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n} gradings, {sw.Elapsed.TotalMilliseconds * 1000 / n:F1} µs each"));
            return;
        }

        if (only == "liveloop")
        {
            // For a sampling profiler: flip one actual of the 40-leaf project and read the result, for 20 s.
            var grader = new Grader();
            var evaluation = Shapes.Project(40);
            using var live = grader.Open(evaluation);
            var path = Shapes.ChangingLeaf(evaluation);
            var sw = Stopwatch.StartNew();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 20) { live.SetActual(path, (n++ & 1) == 0 ? "80%" : "97%"); _ = live.Result; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n} live changes, {sw.Elapsed.TotalMilliseconds * 1000 / n:F1} µs each"));
            return;
        }

        if (only == "write")
        {
            var g = new Grader();
            var r = g.Grade(PerfEval.Serialization.EvaluationFile.Parse(PerfEval.Benchmarks.Serialization.ShapeJson.Line(40)));
            var record = PerfEval.Serialization.ResultFile.ToJsonLine(new BatchResult(1, r.Evaluation.Id, r, null));
            var br = new BatchResult(1, r.Evaluation.Id, r, null);
            for (var i = 0; i < 3000; i++) PerfEval.Serialization.ResultFile.ToJsonLinePooled(br).Return();
            Best(string.Create(CultureInfo.InvariantCulture, $"write one 40-leaf result line ({record.Length} chars)"), 3000, null, () => PerfEval.Serialization.ResultFile.ToJsonLinePooled(br).Return());
            Best("  of which ToDto", 3000, null, () => PerfEval.Serialization.ResultFile.ToDto(r, 1));
            var dto = PerfEval.Serialization.ResultFile.ToDto(r, 1);
            Best("  of which serialising the DTO", 3000, null, () => PerfEval.Serialization.JsonOut.ToPooled(dto, PerfEval.Serialization.PerfEvalJsonContext.Default.ResultDto, true).Return());
            for (var i = 0; i < 300; i++) g.Grade(r.Evaluation);
            Best("grade it", 3000, null, () => g.Grade(r.Evaluation));
            return;
        }

        if (only == "parseloop")
        {
            // For a sampling profiler: read the 40-leaf record for 20 s.
            var json = System.Text.Encoding.UTF8.GetBytes(PerfEval.Benchmarks.Serialization.ShapeJson.Line(40));
            var sw = Stopwatch.StartNew();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 20) { PerfEval.Serialization.EvaluationFile.Parse(json); n++; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n} parses, {sw.Elapsed.TotalMilliseconds * 1000 / n:F1} µs each"));
            return;
        }

        if (only == "parse")
        {
            Parse();
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
        var evaluation = Shapes.Project(40);
        var scheme = grader.Catalog.Get(evaluation.SchemeId);
        var factory = grader.FactoryFor(scheme);
        var (facts, notes) = Planner.Plan(scheme, evaluation);
        ISession s = null!;
        Best("grade 40 leaves: Planner.Plan", 200, null, () => Planner.Plan(scheme, evaluation));
        Best("grade 40 leaves: CreateSession", 200, null, () => s = factory.CreateSession());
        // Planned facts include the tallies a session fills, so each session gets its own plan.
        Best("grade 40 leaves: InsertAll planned facts", 200, () => (s, facts) = (factory.CreateSession(), Planner.Plan(scheme, evaluation).Facts), () => s.InsertAll(facts));
        Best("grade 40 leaves: Fire", 200, () => { (s, facts) = (factory.CreateSession(), Planner.Plan(scheme, evaluation).Facts); s.InsertAll(facts); }, () => s.Fire());
        Best("grade 40 leaves: Grader.Read", 200, () => { (s, facts) = (factory.CreateSession(), Planner.Plan(scheme, evaluation).Facts); s.InsertAll(facts); s.Fire(); }, () => Grader.Read(s, evaluation, scheme, notes));
        Best("grade 40 leaves: Grader.Grade (all of it)", 200, null, () => grader.Grade(evaluation, scheme));
        Best("grade 40 leaves: hand-written", 200, null, () => HandWrittenGrader.Grade(evaluation, scheme));
        (s, facts) = (factory.CreateSession(), Planner.Plan(scheme, evaluation).Facts);
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        s.Events.RuleFiredEvent += (_, e) => byRule[e.Rule.Name] = byRule.GetValueOrDefault(e.Rule.Name) + 1;
        s.InsertAll(facts);
        var fired = s.Fire();
        Console.WriteLine("  fired by rule: " + string.Join(", ", byRule.OrderByDescending(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rules fired in one grading: {fired}; facts planned: {facts.Count}; rules in the factory: {GradingRules.Base.Length + GradingRules.PolicyRules(scheme).Count()}"));

        var line = System.Text.Encoding.UTF8.GetBytes(Seed.Line(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Seed.Path()))!, "p1"));
        Best("batch: parse one JSON line (EvaluationFile.Parse)", 200, null, () => PerfEval.Serialization.EvaluationFile.Parse(line));
        Best("batch: System.Text.Json JsonDocument.Parse of the same line", 200, null, () => System.Text.Json.JsonDocument.Parse(line).Dispose());

        using var live = grader.Open(evaluation);
        var path = Shapes.ChangingLeaf(evaluation);
        var flip = false;
        Best("live: SetActual one leaf (update + fire)", 200, null, () => live.SetActual(path, (flip = !flip) ? "80%" : "97%"));
        Best("live: Result after it", 200, () => live.SetActual(path, (flip = !flip) ? "80%" : "97%"), () => _ = live.Result);
    }

    /// <summary>Where reading one 40-leaf record goes: the whole read, the single pass, and each stage of the strict path.</summary>
    private static void Parse()
    {
        var line = System.Text.Encoding.UTF8.GetBytes(PerfEval.Benchmarks.Serialization.ShapeJson.Line(40));
        var options = PerfEval.Serialization.JsonFileOptions.Default;
        var max = PerfEval.Model.EvaluationBuilder.MaxIndicators;
        // Warm every stage to tier-1 first: without it the first stages run on unoptimised code.
        for (var i = 0; i < 20_000; i++)
        {
            PerfEval.Serialization.EvaluationFile.Parse(line);
            PerfEval.Serialization.EvaluationReader.TryRead(line, options, max, 0);
        }

        Best("parse 40 leaves: EvaluationFile.Parse (all of it)", 2000, null, () => PerfEval.Serialization.EvaluationFile.Parse(line));
        Best("parse 40 leaves: EvaluationReader.TryRead (the single pass)", 2000, null, () => PerfEval.Serialization.EvaluationReader.TryRead(line, options, max, 0));
        Best("parse 40 leaves: strict path (all of it)", 2000, null, () => PerfEval.Serialization.EvaluationFile.ParseStrict(line, null, options, 0));
        Best("parse 40 leaves: StrictJson.Scan pre-pass", 2000, null, () => PerfEval.Serialization.StrictJson.Scan(line, options, true, max, 0));
        Best("parse 40 leaves: source-generated deserialize", 2000, null, () => System.Text.Json.JsonSerializer.Deserialize(line, PerfEval.Serialization.PerfEvalJsonContext.Default.EvaluationDto));
        Best("parse 40 leaves: JsonDocument.Parse", 2000, null, () => System.Text.Json.JsonDocument.Parse(line).Dispose());
        long Bytes(Action a) { a(); var before = GC.GetAllocatedBytesForCurrentThread(); a(); return GC.GetAllocatedBytesForCurrentThread() - before; }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  allocated: Parse {Bytes(() => PerfEval.Serialization.EvaluationFile.Parse(line))} B, of which the single pass {Bytes(() => PerfEval.Serialization.EvaluationReader.TryRead(line, options, max, 0))} B"));
        var e = PerfEval.Serialization.EvaluationFile.Parse(line);
        var texts = e.Walk().Where(n => n.IsLeaf).SelectMany(n => new[] { (n.TargetText, n.Unit), (n.ActualText, n.Unit) }).Where(t => t.Item1 is not null).ToArray();
        Best(string.Create(CultureInfo.InvariantCulture, $"parse 40 leaves: ValueReader.TryRead of its {texts.Length} values"), 2000, null, () =>
        {
            foreach (var (t, u) in texts) PerfEval.Values.ValueReader.TryRead(t!, u, out _, out _);
        });
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
