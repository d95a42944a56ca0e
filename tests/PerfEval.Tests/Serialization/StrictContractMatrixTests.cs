using System.Text;
using PerfEval.Serialization;
using Xunit.Abstractions;

namespace PerfEval.Tests.Serialization;

/// <summary>
/// The strict contract matrix (issue 11, "make each promise a test", point 3): every strictness rule of
/// docs/scheme-format.md against every reader a user feeds — a scheme file, an evaluation file, a line of a JSON
/// Lines batch. (The result format is written, never read, so it has no reader to hold to the contract.) Each cell
/// is refused with its code and the JSON path, or, for a BOM, accepted as documented; the test prints the count.
/// </summary>
public sealed class StrictContractMatrixTests(ITestOutputHelper output)
{
    /// <summary>A reader: the valid base document, the places a cell edits, and how it reads bytes.</summary>
    private sealed record Reader(string Name, string Base, string NumberSite, string NumberPath, string StringSite, string StringPath,
        string Required, string ObjectEnd, string ObjectPath, Func<byte[], IReadOnlyList<Problem>?> Read);

    /// <summary>One rule: how it edits a document (text, or bytes for BOM and invalid UTF-8), the code, and the path.</summary>
    private sealed record Cell(string Rule, Func<Reader, byte[]> Edit, string? Code, Func<Reader, string> Path);

    private static readonly string Evaluation = TestFiles.Minimal;

    private static readonly Reader[] Readers =
    [
        new("scheme file", SchemeFileTests.National,
            "{ \"name\": \"预算执行率\", \"weight\": 10 }", "$.frame[0].weight", "\"id\": \"national-2020\"", "$.id", "\"name\": \"全国项目支出绩效自评（财预〔2020〕10号）\",",
            "\"weight\": 10 }", "$.frame[0]",
            bytes => Problems<SchemeException>(() => SchemeFile.Parse(bytes, "m.json"))),
        new("evaluation file", Evaluation,
            "\"weight\": 40", "$.indicators[1].weight", "\"scheme\": \"national-2020\"", "$.scheme", "\"scheme\": \"national-2020\",",
            "\"selfScore\": 38 }", "$.indicators[1]",
            bytes => Problems<EvaluationException>(() => EvaluationFile.Parse(bytes, "m.json"))),
        new("batch line", OneLine(Evaluation),
            "\"weight\": 40", "$.indicators[1].weight", "\"scheme\": \"national-2020\"", "$.scheme", "\"scheme\": \"national-2020\",",
            "\"selfScore\": 38 }", "$.indicators[1]",
            bytes =>
            {
                var record = Assert.Single(EvaluationFile.ReadLines(new MemoryStream(bytes), "m.jsonl"));
                return record.IsError ? record.Error.Problems : null;
            }),
    ];

    private static readonly Cell[] Cells =
    [
        new("duplicate key", r => Edit(r, r.StringSite, r.StringSite + ", " + r.StringSite), "DuplicateProperty", r => r.StringPath),
        new("unknown key", r => Edit(r, r.StringSite, r.StringSite + ", \"colour\": \"red\""), "UnknownProperty", _ => "$.colour"),
        new("null", r => Edit(r, r.StringSite, r.StringSite.Split(':')[0] + ": null"), "NullNotAllowed", r => r.StringPath),
        new("missing required", r => Edit(r, r.Required, string.Empty), "MissingField", _ => "$"),
        new("quoted number", r => Edit(r, r.NumberSite, Number(r, "\"10\"")), "NumberInQuotes", r => r.NumberPath),
        new("NaN", r => Edit(r, r.NumberSite, Number(r, "NaN")), "NotANumber", r => r.NumberPath),
        new("Infinity", r => Edit(r, r.NumberSite, Number(r, "Infinity")), "NotANumber", r => r.NumberPath),
        new("-Infinity", r => Edit(r, r.NumberSite, Number(r, "-Infinity")), "NotANumber", r => r.NumberPath),
        new("1e400", r => Edit(r, r.NumberSite, Number(r, "1e400")), "NumberOutOfRange", r => r.NumberPath),
        new("-0", r => Edit(r, r.NumberSite, Number(r, "-0")), "NegativeZero", r => r.NumberPath),
        // A comment where the value belongs: the path is the property's.
        new("comment", r => Edit(r, r.StringSite, r.StringSite.Replace(": ", ": /* c */ ", StringComparison.Ordinal)), "CommentNotAllowed", r => r.StringPath),
        // A comma before an object's closing brace: the path is the object's.
        new("trailing comma", r => Edit(r, r.ObjectEnd, r.ObjectEnd[..^2] + ", }"), "TrailingComma", r => r.ObjectPath),
        new("invalid UTF-8", r => Bytes(r, r.StringSite, r.StringSite[..^1], [0xFF], "\""), "InvalidUtf8", r => r.StringPath),
        new("wrong format", r => Encoding.UTF8.GetBytes(r.Base.Replace(r.Name == "scheme file" ? "perfeval/scheme@1" : "perfeval/evaluation@1", "perfeval/result@1", StringComparison.Ordinal)),
            "UnsupportedFormat", _ => "$.format"),
        new("BOM (accepted)", r => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(r.Base)], null, _ => string.Empty),
    ];

    [Fact]
    public void Every_cell_is_refused_with_its_code_and_json_path_or_for_a_bom_accepted()
    {
        var refused = 0;
        var accepted = 0;
        foreach (var reader in Readers)
        {
            // The base documents themselves are accepted: every refusal below is the edit's doing.
            Assert.Null(reader.Read(Encoding.UTF8.GetBytes(reader.Base)));
            foreach (var cell in Cells)
            {
                var problems = reader.Read(cell.Edit(reader));
                if (cell.Code is null)
                {
                    Assert.True(problems is null, $"{reader.Name} × {cell.Rule}: refused: {problems?[0]}");
                    accepted++;
                    continue;
                }

                Assert.True(problems is not null, $"{reader.Name} × {cell.Rule}: accepted");
                var p = problems[0];
                Assert.True(cell.Code == p.Code && cell.Path(reader) == p.JsonPath,
                    $"{reader.Name} × {cell.Rule}: expected {cell.Code} at {cell.Path(reader)}, got {p.Code} at {p.JsonPath}: {p}");
                Assert.Contains(p.JsonPath!, p.ToString(), StringComparison.Ordinal);
                Assert.NotNull(p.Line);
                refused++;
            }
        }

        // 3 readers × 15 rules = 45 cells: 42 refused, 3 BOMs accepted.
        Assert.Equal((42, 3), (refused, accepted));
        output.WriteLine($"strict contract matrix: {Readers.Length} readers × {Cells.Length} rules = {refused + accepted} cells; {refused} refused with code and JSON path, {accepted} BOM accepted");
    }

    private static IReadOnlyList<Problem>? Problems<T>(Action read)
        where T : PerfEvalException
    {
        try
        {
            read();
            return null;
        }
        catch (T e)
        {
            return e.Problems;
        }
    }

    private static string OneLine(string json) => string.Join(' ', json.Split('\n').Select(l => l.Trim()));

    private static string Number(Reader r, string value) =>
        r.NumberSite.EndsWith('}') ? r.NumberSite.Replace(" 10 }", " " + value + " }", StringComparison.Ordinal) : r.NumberSite.Replace("40", value, StringComparison.Ordinal);

    private static byte[] Edit(Reader r, string find, string replace)
    {
        Assert.Contains(find, r.Base, StringComparison.Ordinal);
        var at = r.Base.IndexOf(find, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Concat(r.Base.AsSpan(0, at), replace, r.Base.AsSpan(at + find.Length)));
    }

    /// <summary>The base with <paramref name="find"/> replaced by <paramref name="head"/>, raw bytes, then <paramref name="tail"/>.</summary>
    private static byte[] Bytes(Reader r, string find, string head, byte[] raw, string tail)
    {
        var at = r.Base.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0);
        return [.. Encoding.UTF8.GetBytes(r.Base[..at] + head), .. raw, .. Encoding.UTF8.GetBytes(tail + r.Base[(at + find.Length)..])];
    }
}
