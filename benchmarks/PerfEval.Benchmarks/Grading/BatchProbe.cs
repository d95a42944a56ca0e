using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PerfEval.Grading;

namespace PerfEval.Benchmarks.Grading;

/// <summary>
/// <c>--batch-probe N</c>: grades N copies of the seed from a stream that writes its JSON Lines as it is
/// read (nothing held in memory up front), and prints elapsed time, results and the process's peak
/// working set. The figure the BenchmarkDotNet batch benchmark cannot give: peak memory.
/// </summary>
internal static class BatchProbe
{
    public static void Run(int count)
    {
        var seed = JsonNode.Parse(File.ReadAllText(Seed.Path()))!;
        var grader = new Grader();
        using var stream = new LineStream(seed, count);
        var sw = Stopwatch.StartNew();
        long results = 0, errors = 0;
        foreach (var r in grader.GradeAll(stream))
        {
            results++;
            if (r.IsError) errors++;
        }

        sw.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch-probe: {count} lines of {stream.LineLength} bytes, {results} results ({errors} errors) in {sw.Elapsed.TotalSeconds:F2} s = {sw.Elapsed.TotalMilliseconds * 1000 / count:F1} µs a project; peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MB; GC heap now {GC.GetTotalMemory(false) / (1024 * 1024)} MB; processors {Environment.ProcessorCount}"));
    }

    /// <summary>A read-only stream of <c>count</c> JSON lines, generated as it is read.</summary>
    private sealed class LineStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly byte[] _suffix;
        private readonly int _count;
        private int _line;
        private byte[] _current = [];
        private int _offset;

        public LineStream(JsonNode seed, int count)
        {
            const string Marker = "@@ID@@";
            var text = Seed.Line(seed, Marker);
            var at = text.IndexOf(Marker, StringComparison.Ordinal);
            _prefix = Encoding.UTF8.GetBytes(text[..at]);
            _suffix = Encoding.UTF8.GetBytes(text[(at + Marker.Length)..] + "\n");
            _count = count;
        }

        public int LineLength => _prefix.Length + _suffix.Length + 7;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _current.Length)
            {
                if (_line == _count) return 0;
                var id = Encoding.UTF8.GetBytes("p" + _line.ToString("D7", CultureInfo.InvariantCulture));
                _current = [.. _prefix, .. id, .. _suffix];
                _offset = 0;
                _line++;
            }

            var n = Math.Min(count, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
