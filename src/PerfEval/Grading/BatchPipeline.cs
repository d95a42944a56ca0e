using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Grading;

/// <summary>One input record of a batch as the reader hands it on: its bytes (pooled), or why they could not be had.</summary>
/// <param name="Number">The record's 1-based line in a JSON Lines file, or its position in a folder.</param>
/// <param name="File">The file the record names in errors (the batch file, or the record's own file).</param>
/// <param name="Buffer">The bytes, rented from <see cref="ArrayPool{T}.Shared"/>; the worker returns it.</param>
/// <param name="Length">How many bytes of <paramref name="Buffer"/> are the record.</param>
/// <param name="LineOffset">Added to line numbers inside the record (a JSON Lines record is on its own line).</param>
/// <param name="Error">Why the record could not be read (too long, unreadable file); then there are no bytes.</param>
internal readonly record struct BatchInput(long Number, string? File, byte[]? Buffer, int Length, long LineOffset, EvaluationException? Error);

/// <summary>
/// The batch pipeline: one reader, <see cref="BatchOptions.MaxDegreeOfParallelism"/> workers that parse and grade
/// (and turn each result into what the caller keeps, e.g. its JSON line, so that is parallel too), and the caller's
/// enumeration as the one consumer, which puts results back in input order unless told not to. Bounded channels and
/// an in-flight window of <see cref="BatchOptions.ChunkSize"/> records keep memory independent of the input's size.
/// Every input record gives exactly one output; a bad one gives an error record and the batch goes on.
/// </summary>
internal static class BatchPipeline
{
    /// <summary>One output: the record's number, its id (for the uniqueness check), whether it is an error, and the caller's value.</summary>
    internal readonly record struct Output<T>(long Number, string? ProjectId, bool IsError, T Value);

    public static async IAsyncEnumerable<Output<T>> RunAsync<T>(
        IGrader grader,
        IAsyncEnumerable<BatchInput> inputs,
        string? fileName,
        BatchOptions options,
        Func<BatchResult, T> project,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        IdSet? seenBefore = null,
        Func<BatchInput, ProjectEvaluation?>? read = null)
    {
        options.Validate();
        var json = options.Json ?? JsonFileOptions.Default;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = stop.Token;
        var window = new SemaphoreSlim(options.ChunkSize, options.ChunkSize);
        var work = Channel.CreateBounded<(long Seq, BatchInput Input)>(new BoundedChannelOptions(Math.Max(1, options.MaxDegreeOfParallelism * 4))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Unbounded: the window already bounds how many outputs can exist at once.
        var done = Channel.CreateUnbounded<(long Seq, Output<T> Output)>(new UnboundedChannelOptions { SingleReader = true });

        var reader = Task.Run(async () =>
        {
            long seq = 0;
            try
            {
                await foreach (var input in inputs.WithCancellation(ct).ConfigureAwait(false))
                {
                    try
                    {
                        await window.WaitAsync(ct).ConfigureAwait(false);
                        await work.Writer.WriteAsync((seq++, input), ct).ConfigureAwait(false);
                    }
                    catch
                    {
                        Return(input);
                        throw;
                    }
                }

                work.Writer.Complete();
            }
            catch (Exception e)
            {
                work.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var workers = new Task[options.MaxDegreeOfParallelism];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                await foreach (var (seq, input) in work.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    // ReadAllAsync checks the token only when it waits; a record already queued is not graded after it.
                    if (ct.IsCancellationRequested)
                    {
                        Return(input);
                        ct.ThrowIfCancellationRequested();
                    }

                    var result = Grade(grader, input, fileName, json, read);
                    await done.Writer.WriteAsync((seq, new Output<T>(input.Number, result.ProjectId, result.IsError, project(result))), ct).ConfigureAwait(false);
                }
            }, CancellationToken.None);
        }

        var finished = Task.WhenAll(workers).ContinueWith(
            t => done.Writer.TryComplete(t.Exception?.InnerException), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // A resumed batch: the ids its first part already used stay used.
        var seen = seenBefore ?? new IdSet();
        var pending = new Dictionary<long, Output<T>>();
        long next = 0;
        try
        {
            // The caller's token, not the linked one: a cancellation says whose it was.
            await foreach (var (seq, output) in done.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!options.PreserveOrder)
                {
                    yield return Unique(output, seen, fileName, project);
                    window.Release();
                    continue;
                }

                pending.Add(seq, output);
                while (pending.Remove(next, out var ready))
                {
                    next++;
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return Unique(ready, seen, fileName, project);
                    window.Release();
                }
            }

            // The reader's failure (the stream itself broke) is the batch's.
            await reader.ConfigureAwait(false);
            await work.Reader.Completion.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // Stopped early (cancelled, an exception, or the caller broke off): stop the others and give buffers back.
            stop.Cancel();
            await Task.WhenAll(workers.Append(reader)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            while (work.Reader.TryRead(out var left))
            {
                Return(left.Input);
            }

            await finished.ConfigureAwait(false);
            window.Dispose();
        }
    }

    /// <summary>
    /// A project id already used on an earlier record is an error (ids join results to projects). Checked as
    /// outputs leave, in order, so "first" means the first line.
    /// </summary>
    private static Output<T> Unique<T>(Output<T> output, IdSet seen, string? fileName, Func<BatchResult, T> project)
    {
        // Any record that was read has an id, graded or not; one that could not be read has none.
        if (output.ProjectId is not { } id || seen.TryAdd(id, output.Number, out var first))
        {
            return output;
        }

        var duplicate = new BatchResult(output.Number, id, null, BatchGrading.DuplicateId(id, first, fileName, output.Number));
        return output with { IsError = true, Value = project(duplicate) };
    }

    /// <summary>
    /// Reads and grades one record. <paramref name="read"/> may read records of another kind (a host's workbook reader:
    /// the core does not know Excel) and returns null for what it leaves to the JSON reader.
    /// </summary>
    private static BatchResult Grade(IGrader grader, BatchInput input, string? fileName, JsonFileOptions json, Func<BatchInput, ProjectEvaluation?>? read)
    {
        if (input.Error is { } unreadable)
        {
            return new BatchResult(input.Number, null, null, unreadable);
        }

        ProjectEvaluation evaluation;
        try
        {
            evaluation = read?.Invoke(input) ?? EvaluationFile.ParseCore(input.Buffer.AsSpan(0, input.Length), input.File ?? fileName, json, input.LineOffset);
        }
        catch (PerfEvalException e)
        {
            return new BatchResult(input.Number, null, null, e);
        }
        finally
        {
            Return(input);
        }

        return BatchGrading.GradeOne(grader, evaluation, input.File ?? fileName, input.Number);
    }

    private static void Return(BatchInput input)
    {
        if (input.Buffer is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The files of a folder as records, in ordinal order of their names; the first <paramref name="skip"/> are passed over unread.</summary>
    public static async IAsyncEnumerable<BatchInput> Files(IReadOnlyList<string> files, JsonFileOptions options, long skip,
        [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = (int)Math.Min(skip, files.Count); i < files.Count; i++)
        {
            var path = files[i];
            byte[]? buffer = null;
            var length = 0;
            EvaluationException? error = null;
            try
            {
                var stream = FileBytes.OpenForRead(path);
                await using (stream.ConfigureAwait(false))
                {
                    (buffer, length) = await FileBytes.ReadAsync(stream, options, path, (file, problem, inner) => new EvaluationException(file, [problem], inner), ct).ConfigureAwait(false);
                }
            }
            catch (EvaluationException e)
            {
                // One unreadable file is that record's error; the batch goes on.
                error = e;
            }

            yield return new BatchInput(i + 1, path, buffer, length, 0, error);
        }
    }

    /// <summary>The records of a JSON Lines stream, each non-blank line one record; the first <paramref name="skip"/> are passed over unparsed.</summary>
    public static async IAsyncEnumerable<BatchInput> JsonLines(Stream stream, string? fileName, JsonFileOptions options, long skip,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var lines = new LineSplitter(stream, options.MaxBytes);
        long index = 0;
        while (await lines.NextAsync(ct).ConfigureAwait(false))
        {
            if (lines.Current() is { } line && index++ >= skip)
            {
                yield return Input(lines, line, fileName, options);
            }
        }
    }

    /// <summary><see cref="JsonLines"/> read with the stream's synchronous calls, for a batch graded on the caller's thread.</summary>
    public static IEnumerable<BatchInput> JsonLinesInline(Stream stream, string? fileName, JsonFileOptions options, long skip)
    {
        using var lines = new LineSplitter(stream, options.MaxBytes);
        long index = 0;
        while (lines.Next())
        {
            if (lines.Current() is { } line && index++ >= skip)
            {
                yield return Input(lines, line, fileName, options);
            }
        }
    }

    private static BatchInput Input(LineSplitter lines, LineSplitter.Line line, string? fileName, JsonFileOptions options)
    {
        if (line.TooLong)
        {
            return new BatchInput(line.Number, null, null, 0, line.Number - 1, new EvaluationException(fileName,
                [FileBytes.TooLarge(line.Length, options, line.Number) with { JsonPath = "$" }]));
        }

        var bytes = lines.Bytes(line);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
        bytes.CopyTo(buffer);
        return new BatchInput(line.Number, null, buffer, bytes.Length, line.Number - 1, null);
    }

    /// <summary>
    /// One worker's batch on the caller's thread: each record read, graded and handed out in turn, in input order,
    /// with the same records (errors and duplicate ids included) as <see cref="RunAsync"/> gives — but no pool thread
    /// is needed, so a synchronous caller cannot be held up by a busy thread pool.
    /// </summary>
    public static IEnumerable<T> RunInline<T>(IGrader grader, IEnumerable<BatchInput> inputs, string? fileName, BatchOptions options, Func<BatchResult, T> project)
    {
        options.Validate();
        var json = options.Json ?? JsonFileOptions.Default;
        var seen = new IdSet();
        foreach (var input in inputs)
        {
            var result = Grade(grader, input, fileName, json, read: null);
            yield return Unique(new Output<T>(input.Number, result.ProjectId, result.IsError, project(result)), seen, fileName, project).Value;
        }
    }
}
