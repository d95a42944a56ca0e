using System.Buffers;
using System.Text;

namespace PerfEval.Grading;

/// <summary>
/// The project ids a batch has used, each with the line it was first used on — the one part of a batch that grows with
/// its input, so it is kept compact: the ids as UTF-8 in 64 KB chunks and one 24-byte entry each, no object per id
/// (a <c>Dictionary&lt;string, long&gt;</c> holds each id's string alive besides its entry: about twice the bytes, and
/// objects a full collection has to visit). Exact: ids are compared byte for byte, never by hash alone.
/// </summary>
/// <remarks>Not thread-safe: the batch's one consumer adds to it.</remarks>
internal sealed class IdSet
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<byte[]> _chunks = [];
    private int _used;
    private int[] _buckets = new int[16]; // 1-based index into _entries; 0 ends a chain
    private Entry[] _entries = new Entry[16];

    /// <summary>How many ids the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="id"/> first used on <paramref name="line"/>, unless it is there already.</summary>
    /// <param name="id">The project id.</param>
    /// <param name="line">The line (or record number) it is used on.</param>
    /// <param name="first">The line it was first used on: <paramref name="line"/> when it is new.</param>
    /// <returns>Whether it was new.</returns>
    public bool TryAdd(string id, long line, out long first)
    {
        var length = Encoding.UTF8.GetByteCount(id);
        byte[]? rented = null;
        var bytes = length <= 256 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        Encoding.UTF8.GetBytes(id, bytes);
        try
        {
            var hash = Hash(bytes);
            for (var i = _buckets[hash & (_buckets.Length - 1)]; i != 0; i = _entries[i - 1].Next)
            {
                ref var e = ref _entries[i - 1];
                if (e.Hash == hash && e.Length == length && Text(e).SequenceEqual(bytes))
                {
                    first = e.Line;
                    return false;
                }
            }

            Add(bytes, hash, line);
            first = line;
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    private ReadOnlySpan<byte> Text(in Entry e) => _chunks[e.Where >>> ChunkBits].AsSpan(e.Where & (ChunkSize - 1), e.Length);

    private void Add(ReadOnlySpan<byte> bytes, int hash, long line)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (Count >= _buckets.Length - (_buckets.Length >> 2))
        {
            // Three quarters full: twice the buckets, the chains rebuilt from the stored hashes.
            _buckets = new int[_buckets.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                ref var e = ref _entries[i];
                ref var bucket = ref _buckets[e.Hash & (_buckets.Length - 1)];
                e.Next = bucket;
                bucket = i + 1;
            }
        }

        if (_chunks.Count == 0 || bytes.Length > ChunkSize - _used)
        {
            // An id never spans two chunks; one longer than a chunk has a chunk of its own.
            if (_chunks.Count == 1 << (32 - ChunkBits))
            {
                // An entry addresses 65 536 chunks (4 GB of ids); past that it would point at the wrong one.
                throw new EvaluationException(null, [new Problem("BatchTooLarge", null,
                    "本批次的项目 id 合计超过 4 GB，请拆分批次", "The project ids of this batch fill more than 4 GB: split the batch",
                    null, "$.project.id", line)]);
            }

            _chunks.Add(new byte[Math.Max(ChunkSize, bytes.Length)]);
            _used = 0;
        }

        var where = ((_chunks.Count - 1) << ChunkBits) | _used;
        bytes.CopyTo(_chunks[^1].AsSpan(_used));
        _used = bytes.Length >= ChunkSize ? ChunkSize : _used + bytes.Length;
        ref var slot = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[Count] = new Entry { Hash = hash, Next = slot, Where = where, Length = bytes.Length, Line = line };
        slot = ++Count;
    }

    private struct Entry
    {
        public int Hash;
        public int Next;
        public int Where; // chunk << 16 | offset
        public int Length;
        public long Line;
    }
}
