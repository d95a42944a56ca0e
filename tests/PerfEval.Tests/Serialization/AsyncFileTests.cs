using System.Text;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

/// <summary>
/// Issue 12 §2: a host whose streams disallow synchronous I/O (an ASP.NET Core request and response body) can load
/// an evaluation and write a result: <see cref="EvaluationFile.LoadAsync(Stream, string?, JsonFileOptions?, CancellationToken)"/>
/// and <see cref="ResultFile.WriteAsync"/> make no synchronous call, and the size limit holds before allocation.
/// </summary>
public sealed class AsyncFileTests
{
    /// <summary>Like Kestrel's bodies: every synchronous read, write or flush throws.</summary>
    private sealed class AsyncOnlyStream(byte[] content, bool seekable = false, int chunk = 4096) : Stream
    {
        private readonly MemoryStream _inner = new(content.Length == 0 ? [] : content, 0, content.Length, writable: false, publiclyVisible: true);
        private readonly MemoryStream _written = new();

        public int Reads { get; private set; }

        public byte[] Written => _written.ToArray();

        public bool Flushed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => true;

        public override long Length => seekable ? _inner.Length : throw new NotSupportedException();

        public override long Position { get => seekable ? _inner.Position : throw new NotSupportedException(); set => throw new NotSupportedException(); }

        private static InvalidOperationException Sync() => new("Synchronous operations are disallowed.");

        public override int Read(byte[] buffer, int offset, int count) => throw Sync();

        public override int Read(Span<byte> buffer) => throw Sync();

        public override int ReadByte() => throw Sync();

        public override void Write(byte[] buffer, int offset, int count) => throw Sync();

        public override void Write(ReadOnlySpan<byte> buffer) => throw Sync();

        public override void WriteByte(byte value) => throw Sync();

        public override void Flush() => throw Sync();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            Reads++;
            var n = Math.Min(chunk, buffer.Length);
            return _inner.Read(buffer.Span[..n]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            _written.Write(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushed = true;
            return Task.CompletedTask;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(false, 4096)]
    [InlineData(true, 4096)]
    [InlineData(false, 7)]
    public async Task LoadAsync_reads_a_stream_that_disallows_synchronous_reads_and_grades_as_Load_does(bool seekable, int chunk)
    {
        var bytes = File.ReadAllBytes(Repo.Hunan);
        var stream = new AsyncOnlyStream(bytes, seekable, chunk);

        var evaluation = await EvaluationFile.LoadAsync(stream, "upload.json");

        Assert.Equal(EvaluationFile.Load(Repo.Hunan).Id, evaluation.Id);
        Assert.Equal("upload.json", evaluation.File);
        Assert.Equal(96.6m, new Grader().Grade(evaluation).Total);
        Assert.True(stream.Reads >= bytes.Length / chunk);
    }

    [Fact]
    public async Task LoadAsync_by_path_grades_as_Load_does()
    {
        var evaluation = await EvaluationFile.LoadAsync(Repo.Hunan);
        Assert.Equal(Repo.Hunan, evaluation.File);
        Assert.Equal(new Grader().Grade(EvaluationFile.Load(Repo.Hunan)).Total, new Grader().Grade(evaluation).Total);
    }

    [Fact]
    public async Task LoadAsync_by_path_names_a_missing_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "perfeval-no-such-file.json");
        var e = await Assert.ThrowsAsync<EvaluationException>(() => EvaluationFile.LoadAsync(missing));
        Assert.Equal(("FileUnreadable", missing), (e.Problems[0].Code, e.File));
    }

    [Fact]
    public async Task A_seekable_stream_over_the_limit_is_refused_before_anything_is_read()
    {
        var stream = new AsyncOnlyStream(new byte[101], seekable: true);
        var e = await Assert.ThrowsAsync<EvaluationException>(() => EvaluationFile.LoadAsync(stream, "big.json", new JsonFileOptions { MaxBytes = 100 }));
        Assert.Equal("TooLarge", Assert.Single(e.Problems).Code);
        Assert.Contains("101", e.Problems[0].MessageEn, StringComparison.Ordinal);
        Assert.Equal(0, stream.Reads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task An_unseekable_stream_over_the_limit_is_TooLarge_and_reading_stops_at_the_limit(int chunk)
    {
        var stream = new AsyncOnlyStream(new byte[100_000], seekable: false, chunk);
        var e = await Assert.ThrowsAsync<EvaluationException>(() => EvaluationFile.LoadAsync(stream, "big.json", new JsonFileOptions { MaxBytes = 100 }));
        Assert.Equal(("TooLarge", "big.json"), (Assert.Single(e.Problems).Code, e.File));
        // Reading stopped once the limit was passed: at most 101 bytes, so at most 101 reads of one byte.
        Assert.True(stream.Reads <= 101, $"{stream.Reads} reads");
    }

    [Fact]
    public async Task A_stream_exactly_at_the_limit_loads()
    {
        var bytes = File.ReadAllBytes(Repo.Hunan);
        var evaluation = await EvaluationFile.LoadAsync(new AsyncOnlyStream(bytes), null, new JsonFileOptions { MaxBytes = bytes.Length });
        Assert.Equal("seed-hunan-zhijiang-2020", evaluation.Id);
    }

    [Fact]
    public async Task Bad_json_from_a_stream_names_the_file_and_json_path()
    {
        var json = Encoding.UTF8.GetBytes(File.ReadAllText(Repo.Hunan).Replace("\"format\"", "\"formt\"", StringComparison.Ordinal));
        var e = await Assert.ThrowsAsync<EvaluationException>(() => EvaluationFile.LoadAsync(new AsyncOnlyStream(json), "upload.json"));
        Assert.Equal("upload.json", e.File);
        Assert.Contains(e.Problems, p => p.JsonPath is not null && p.JsonPath.StartsWith('$'));
    }

    [Fact]
    public async Task LoadAsync_observes_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EvaluationFile.LoadAsync(new AsyncOnlyStream(File.ReadAllBytes(Repo.Hunan)), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_writes_to_a_stream_that_disallows_synchronous_writes_what_Write_writes(bool indented)
    {
        var result = new Grader().Grade(EvaluationFile.Load(Repo.Hunan));
        var stream = new AsyncOnlyStream([]);

        await ResultFile.WriteAsync(stream, result, indented);

        using var expected = new MemoryStream();
        ResultFile.Write(expected, result, indented);
        Assert.Equal(expected.ToArray(), stream.Written);
        Assert.True(stream.Flushed);
        Assert.Contains("\"total\": 96.6", Encoding.UTF8.GetString(stream.Written).Replace("\"total\":96.6", "\"total\": 96.6", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
