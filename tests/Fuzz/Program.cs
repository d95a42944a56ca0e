using PerfEval;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;
using SharpFuzz;

// One fuzz target per reader: PERFEVAL_FUZZ_TARGET = scheme | evaluation (default) | batch.
// A typed PerfEvalException is the documented answer to bad input; anything else escapes and is a finding.
var target = Environment.GetEnvironmentVariable("PERFEVAL_FUZZ_TARGET") ?? "evaluation";
var grader = new Grader();
Action<byte[]> run = target switch
{
    "scheme" => bytes =>
    {
        var definition = SchemeFile.Parse(bytes, "fuzz.json");
        _ = SchemeCatalog.Default.WithDefinitions([definition]).Get(definition.Id);
    },
    "batch" => bytes =>
    {
        foreach (var _ in grader.GradeAll(new MemoryStream(bytes), new BatchOptions { MaxDegreeOfParallelism = 1 }, "fuzz.jsonl"))
        {
        }
    },
    "evaluation" => bytes => grader.Grade(EvaluationFile.Parse(bytes, "fuzz.json")),
    _ => throw new ArgumentException($"PERFEVAL_FUZZ_TARGET must be scheme, evaluation or batch, not {target}"),
};

void One(ReadOnlySpan<byte> input)
{
    try
    {
        run(input.ToArray());
    }
    catch (PerfEvalException e) when (e.Problems.All(p => p.JsonPath is not null || p.IndicatorPath is not null || p.Line is not null))
    {
    }
}

if (args.Length > 0 && args[0] == "--afl")
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        One(copy.ToArray());
    });
}
else if (args.Length > 0 && args[0] == "--replay")
{
    // Replays files (a crash, a corpus) without any fuzzing tool: prints each file's outcome.
    foreach (var file in args.Skip(1))
    {
        One(File.ReadAllBytes(file));
        Console.WriteLine($"ok {file}");
    }
}
else
{
    Fuzzer.LibFuzzer.Run(span => One(span));
}
