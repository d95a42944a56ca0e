using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PerfEval.Benchmarks.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Serialization;

/// <summary>
/// Reading one evaluation record (issue 9 §3: ≥ 4× faster than before). The baseline is <c>JsonDocument</c> (no model,
/// no checks): the floor for reading the bytes at all, and the yardstick that lets a run of this benchmark on the
/// code before the change (<c>results/…ParseBenchmark-before-report-github.md</c>) be compared with one after.
/// <c>Parse</c> is the public entry (the single pass for a valid record); <c>SerializerPath</c> is the strict path
/// — pre-pass, source-generated serializer, mapping — which stays as the path that words errors.
/// </summary>
[ShortInProcess]
public class ParseBenchmark
{
    private byte[] _json = [];

    /// <summary>seed: the Hebei example (11 leaves, pretty-printed); shape40: the 40-leaf generated project on one line (a batch record).</summary>
    [Params("seed", "shape40")]
    public string Input { get; set; } = "seed";

    [GlobalSetup]
    public void Setup() =>
        _json = Input == "seed" ? File.ReadAllBytes(Seed.Path()) : Encoding.UTF8.GetBytes(ShapeJson.Line(40));

    [Benchmark]
    public ProjectEvaluation SerializerPath() => EvaluationFile.ParseStrict(_json, null, JsonFileOptions.Default, 0);

    [Benchmark]
    public ProjectEvaluation Parse() => EvaluationFile.Parse(_json);

    /// <summary>The single pass alone: the document and its indicator lines, before mapping and building the model.</summary>
    [Benchmark]
    public object? SinglePass() => EvaluationReader.TryRead(_json, JsonFileOptions.Default, EvaluationBuilder.MaxIndicators, 0);

    [Benchmark(Baseline = true)]
    public int JsonDocumentOnly()
    {
        using var d = JsonDocument.Parse(_json);
        return d.RootElement.GetProperty("indicators"u8).GetArrayLength();
    }
}
