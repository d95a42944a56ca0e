using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Serialization;

/// <summary>
/// Writing one batch record's result line (the other half of what the pipeline adds to grading). The baseline writes
/// the same line's <c>JsonDocument</c> with a <c>Utf8JsonWriter</c> — the floor for producing those 39 KB at all.
/// <c>Line</c> is what a batch worker does (build the DTOs, serialise, copy into a pooled buffer); <c>ToDto</c> and
/// <c>SerializeDto</c> are its two stages, the second on one DTO graph written again and again.
/// </summary>
[ShortInProcess]
public class WriteBenchmark
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private BatchResult _record = null!;
    private ResultDto _dto = null!;
    private JsonDocument _document = null!;
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var result = new Grader().Grade(EvaluationFile.Parse(ShapeJson.Line(40)));
        _record = new BatchResult(1, result.Evaluation.Id, result, null);
        _dto = ResultFile.ToDto(result, 1);
        _document = JsonDocument.Parse(ResultFile.ToJsonLine(_record));
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    [Benchmark]
    public int Line()
    {
        var line = ResultFile.ToJsonLinePooled(_record, newline: true);
        line.Return();
        return line.Length;
    }

    [Benchmark]
    public object ToDto() => ResultFile.ToDto(_record.Result!, 1);

    [Benchmark]
    public int SerializeDto()
    {
        var line = JsonOut.ToPooled(_dto, PerfEvalJsonContext.Default.ResultDto, newline: true);
        line.Return();
        return line.Length;
    }

    [Benchmark(Baseline = true)]
    public long JsonDocumentWrite()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _document.WriteTo(_writer);
        _writer.Flush();
        return _writer.BytesCommitted;
    }
}
