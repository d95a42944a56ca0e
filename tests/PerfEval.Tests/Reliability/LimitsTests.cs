using System.Text;
using PerfEval.Serialization;
using PerfEval.Tests.Serialization;
using Xunit.Abstractions;

namespace PerfEval.Tests.Reliability;

/// <summary>
/// Issue 11, "make each promise a test", point 2: limits before allocation. Each input here is far beyond a limit
/// and is produced lazily (a generating stream, a file written in pieces), so the test itself never holds it; the
/// reader must refuse it with the limit's code before materializing it.
/// <para>
/// Memory is measured as the bytes allocated on the test's own thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>,
/// precise) while reading: the readers here run synchronously on this thread, and the peak of live memory they cause
/// can never exceed what they allocated, so the figure is an upper bound on the peak over the baseline that tests
/// running in parallel on other threads cannot inflate and a collection cannot hide.
/// </para>
/// </summary>
public sealed class LimitsTests(ITestOutputHelper output)
{
    private const long Budget = 100L * 1024 * 1024;
    private const long LineBytes = 200L * 1024 * 1024;
    private const int Leaves = 1_000_000;

    [Fact]
    public void A_200_MB_batch_line_is_TooLarge_and_the_next_line_is_still_read_within_100_MB()
    {
        var prefix = "{\"format\": \"perfeval/evaluation@1\", \"scheme\": \"national-2020\", \"project\": { \"id\": \""u8.ToArray();
        var good = Encoding.UTF8.GetBytes("\"}}\n" + string.Join(' ', TestFiles.Minimal.Split('\n').Select(l => l.Trim())) + "\n");
        using var stream = new GeneratedStream(prefix, (byte)'a', LineBytes, good);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var records = EvaluationFile.ReadLines(stream, "big.jsonl").Select(r => (r.Line, r.IsError, Code: r.Error?.Problems[0].Code, Path: r.Error?.Problems[0].JsonPath)).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(LineBytes + prefix.Length + good.Length, stream.Position);
        Assert.Equal([(1L, true, "TooLarge", "$"), (2L, false, null, null)], records);
        output.WriteLine($"200 MB batch line: TooLarge at line 1, line 2 read; {allocated / 1024.0 / 1024.0:F1} MB allocated reading {stream.Position / 1024 / 1024} MB (budget 100 MB)");
        Assert.True(allocated < Budget, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_tree_of_a_million_leaves_is_refused_before_it_is_built_evaluation_and_scheme()
    {
        // ≈ 25 MB each: past the 16 MiB default (TooLarge, nothing read), and with the byte limit raised to 64 MiB
        // the 10 000-indicator limit refuses it during the scan, before one indicator is materialized.
        var evaluation = Tree("{\"format\": \"perfeval/evaluation@1\", \"scheme\": \"national-2020\", \"project\": { \"id\": \"p\" }, \"indicators\": [ { \"name\": \"root\", \"weight\": 100, \"children\": [");
        var scheme = Tree("{\"format\": \"perfeval/scheme@1\", \"id\": \"big\", \"name\": \"big\", \"frame\": [ { \"name\": \"root\", \"weight\": 100, \"children\": [");
        var raised = new JsonFileOptions { MaxBytes = 64L * 1024 * 1024 };
        try
        {
            var cases = new (string Name, Func<PerfEvalException> Read, string Code)[]
            {
                ("evaluation, default limits", () => Assert.Throws<EvaluationException>(() => EvaluationFile.Load(evaluation)), "TooLarge"),
                ("evaluation, 64 MiB", () => Assert.Throws<EvaluationException>(() => EvaluationFile.Load(evaluation, raised)), "TooManyIndicators"),
                ("scheme, default limits", () => Assert.Throws<SchemeException>(() => SchemeFile.Load(scheme)), "TooLarge"),
                ("scheme, 64 MiB", () => Assert.Throws<SchemeException>(() => SchemeFile.Load(scheme, raised)), "TooManyIndicators"),
            };
            foreach (var (name, read, code) in cases)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var e = read();
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                var p = e.Problems[0];
                output.WriteLine($"10⁶-leaf {name}: {p.Code} at {p.JsonPath}; {allocated / 1024.0 / 1024.0:F1} MB allocated (budget 100 MB)");
                Assert.Equal(code, p.Code);
                Assert.NotNull(p.JsonPath);
                Assert.True(allocated < Budget, $"{name}: {allocated} bytes allocated");
            }
        }
        finally
        {
            File.Delete(evaluation);
            File.Delete(scheme);
        }
    }

    [Fact]
    public void A_tree_12_levels_deep_is_read_and_13_levels_is_TooDeep()
    {
        // scheme-format.md: an evaluation's tree is at most EvaluationBuilder.MaxDepth = 12 levels deep. The JSON of
        // 13 levels nests 2 × 13 + 2 = 28 containers (root, then an array and an object a level, the leaf's method),
        // well inside the nesting limit of 64 that bounds what is materialized before the tree limit is checked.
        static string Chain(int levels)
        {
            var node = "{ \"name\": \"n\", \"weight\": 100, \"method\": { \"kind\": \"assessed\" }, \"selfScore\": 1 }";
            for (var i = 1; i < levels; i++) node = "{ \"name\": \"n\", \"weight\": 100, \"children\": [ " + node + " ] }";
            return "{ \"format\": \"perfeval/evaluation@1\", \"scheme\": \"national-2020\", \"project\": { \"id\": \"p\" }, \"indicators\": [ " + node + " ] }";
        }

        static string? Code(string json)
        {
            try
            {
                _ = EvaluationFile.Parse(json, "deep.json");
                return null;
            }
            catch (EvaluationException e)
            {
                return e.Problems[0].Code;
            }
        }

        var at12 = Code(Chain(12));
        var at13 = Code(Chain(13));
        output.WriteLine($"tree depth: 12 levels → {at12 ?? "read"}, 13 levels → {at13}");
        Assert.Null(at12);
        Assert.Equal("TooDeep", at13);
    }

    /// <summary>A file with one root indicator of a million leaves, written in pieces.</summary>
    private static string Tree(string head)
    {
        var path = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        file.Write(head);
        for (var i = 0; i < Leaves; i++)
        {
            file.Write(i == 0 ? "{\"name\":\"l\",\"weight\":1}" : ",{\"name\":\"l\",\"weight\":1}");
        }

        file.Write("] } ] }");
        return path;
    }

    /// <summary>A read-only stream of a prefix, <c>count</c> copies of one byte, and a suffix, made as it is read.</summary>
    private sealed class GeneratedStream(byte[] prefix, byte fill, long count, byte[] suffix) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int length) => Read(buffer.AsSpan(offset, length));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var at = _position;
                if (at < prefix.Length)
                {
                    buffer[written++] = prefix[at];
                }
                else if (at < prefix.Length + count)
                {
                    var n = (int)Math.Min(buffer.Length - written, prefix.Length + count - at);
                    buffer.Slice(written, n).Fill(fill);
                    written += n;
                    _position += n;
                    continue;
                }
                else if (at < prefix.Length + count + suffix.Length)
                {
                    buffer[written++] = suffix[at - prefix.Length - count];
                }
                else
                {
                    break;
                }

                _position++;
            }

            return written;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
