using FsCheck;
using FsCheck.Fluent;
using PerfEval.Grading;

namespace PerfEval.Tests.Grading;

public sealed class IdSetTests
{
    [Fact]
    public void Gives_the_first_line_of_an_id_used_again()
    {
        var set = new IdSet();
        Assert.True(set.TryAdd("p1", 1, out var first));
        Assert.Equal(1, first);
        Assert.True(set.TryAdd("p2", 2, out _));
        Assert.False(set.TryAdd("p1", 7, out first));
        Assert.Equal(1, first);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Tells_apart_ids_of_one_length_and_keeps_empty_chinese_and_long_ones()
    {
        var set = new IdSet();
        var longer = new string('长', 30_000); // 90 000 UTF-8 bytes: more than a chunk
        string[] ids = ["", "ab", "ba", "项目-001", "项目-002", longer, longer + "x", new string('a', 300)];
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(set.TryAdd(ids[i], i + 1, out _), ids[i].Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.False(set.TryAdd(ids[i], 100, out var first));
            Assert.Equal(i + 1, first);
        }
    }

    // Made once: a generator that made them per element would allocate 40 KB a draw, and the collections that
    // caused would slow the tests running beside this one.
    private static readonly string[] LongIds = [.. Enumerable.Range(0, 4).Select(i => new string((char)('x' + i), 20_000))];

    /// <summary>
    /// Property: the same answers as a <c>Dictionary&lt;string, long&gt;</c> for sequences of up to 3 000 ids drawn
    /// from a small pool (so repeats are common; the pool mixes ASCII, Chinese and ids past the chunk and stack
    /// sizes), crossing bucket and chunk growth. 200 sequences, seeded by FsCheck.
    /// </summary>
    [Fact]
    public void Answers_as_a_dictionary_does()
    {
        var cases = 0;
        var pool = Gen.OneOf(
            Gen.Choose(0, 5000).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Choose(0, 200).Select(i => "海南-保亭-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Elements(LongIds));
        var gen = Gen.Choose(1, 3000).SelectMany(n => Gen.ArrayOf(pool, n));
        Prop.ForAll(Arb.From(gen), ids =>
        {
            Interlocked.Increment(ref cases);
            var set = new IdSet();
            var reference = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var line = 1; line <= ids.Length; line++)
            {
                var id = ids[line - 1];
                var added = set.TryAdd(id, line, out var first);
                Assert.Equal(reference.TryAdd(id, line), added);
                Assert.Equal(reference[id], first);
            }

            Assert.Equal(reference.Count, set.Count);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        Assert.Equal(200, cases);
    }
}
