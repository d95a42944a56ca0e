using System.Text;
using System.Text.Json;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;
using PerfEval.Tests.Reliability;

namespace PerfEval.Tests.Serialization;

/// <summary>
/// The single-pass reader (<see cref="EvaluationReader"/>) must accept exactly a subset of what the strict path
/// accepts, read it to the same document, and leave everything else to the strict path, so that
/// <see cref="EvaluationFile.Parse(ReadOnlySpan{byte}, string?, JsonFileOptions?)"/> behaves as the strict path always did.
/// </summary>
public sealed class EvaluationReaderTests
{
    private static readonly JsonFileOptions Options = JsonFileOptions.Default;

    public static TheoryData<string> Examples() => [.. TestFiles.ExampleFiles().Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_takes_the_single_pass_and_reads_as_the_serializer_does(string name)
    {
        var json = File.ReadAllBytes(Path.Combine(TestFiles.RepoRoot, "docs", "examples", name));
        var oneLine = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement));
        foreach (var bytes in new[] { json, oneLine })
        {
            var fast = EvaluationReader.TryRead(bytes, Options, EvaluationBuilder.MaxIndicators, 0);
            Assert.NotNull(fast);
            AssertSameAsStrict(bytes, fast.Value);
        }
    }

    /// <summary>
    /// Targets, actuals and units come from a small per-thread table of the texts read before (keyed by their raw
    /// bytes): 600 distinct targets, escaped and not, some repeated, more than the table's 256 slots, must each read
    /// as written — a slot taken over by another text never hands out the old one.
    /// </summary>
    [Fact]
    public void Repeated_short_texts_read_as_written_however_many_there_are()
    {
        var expected = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? "≥" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%" : i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "户").ToList();
        expected.AddRange(expected.Take(100));
        var leaves = expected.Select((t, i) => new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "指标" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["weight"] = 1,
            ["method"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = "proportional" },
            ["target"] = t,
            ["actual"] = t,
        });
        var doc = new System.Text.Json.Nodes.JsonObject
        {
            ["format"] = EvaluationFile.Format,
            ["scheme"] = "national-2020",
            ["project"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "p" },
            ["indicators"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "一级", ["weight"] = 700, ["children"] = new System.Text.Json.Nodes.JsonArray([.. leaves]) }),
        };
        // Escaped (JsonNode's default encoder writes \u2265) and as is: different raw bytes, the same texts.
        var escaped = Encoding.UTF8.GetBytes(doc.ToJsonString());
        var plain = Encoding.UTF8.GetBytes(doc.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        foreach (var bytes in new[] { escaped, plain, escaped })
        {
            var fast = EvaluationReader.TryRead(bytes, Options, EvaluationBuilder.MaxIndicators, 0);
            Assert.NotNull(fast);
            var rows = fast.Value.Dto.Indicators[0]!.Children!;
            Assert.Equal(expected, rows.Select(r => r!.Target));
            Assert.Equal(expected, rows.Select(r => r!.Actual));
            Assert.All(rows, r => Assert.Equal("proportional", r!.Method!.Kind));
        }
    }

    [Theory]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[],"extra":1}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"}}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":null},"indicators":[]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p","year":2021.5},"indicators":[]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","weight":"10"}]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","weight":-0}]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","weight":1e29}]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","checklist":[true,null]}]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"n\u0061me":"a"}]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[]} []""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[],}""")]
    [InlineData("""{"format":"perfeval/scheme@1","scheme":"s","project":{"id":"p"},"indicators":[]}""")]
    [InlineData("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"flags":{"a":true,"a":false},"indicators":[]}""")]
    [InlineData("""[{"format":"perfeval/evaluation@1"}]""")]
    public void What_the_strict_path_refuses_the_single_pass_leaves_to_it(string json)
    {
        Assert.Null(EvaluationReader.TryRead(Encoding.UTF8.GetBytes(json), Options, EvaluationBuilder.MaxIndicators, 0));
    }

    [Theory]
    [InlineData("25")]
    [InlineData("8.33")]
    [InlineData("0.50")]
    [InlineData("100.000")]
    [InlineData("-1.5")]
    [InlineData("999999999999.999999")]
    [InlineData("123456.7890123456789")]
    [InlineData("0.0000000001")]
    [InlineData("1E+2")]
    [InlineData("2.5e-3")]
    public void A_number_reads_to_the_same_value_and_scale_as_the_serializer_reads_it(string number)
    {
        var json = Encoding.UTF8.GetBytes("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","weight":""" + number + "}]}");
        var fast = EvaluationReader.TryRead(json, Options, EvaluationBuilder.MaxIndicators, 0);
        Assert.NotNull(fast);
        var weight = fast.Value.Dto.Indicators[0]!.Weight!.Value;
        var strict = JsonSerializer.Deserialize(json, PerfEvalJsonContext.Default.EvaluationDto)!.Indicators[0]!.Weight!.Value;
        Assert.Equal(strict, weight);
        Assert.Equal(strict.ToString(System.Globalization.CultureInfo.InvariantCulture), weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Depth_and_indicator_limits_are_the_strict_paths()
    {
        var json = Encoding.UTF8.GetBytes("""{"format":"perfeval/evaluation@1","scheme":"s","project":{"id":"p"},"indicators":[{"name":"a","children":[{"name":"b"}]}]}""");
        // root, indicators, node, children, node: five levels.
        Assert.NotNull(EvaluationReader.TryRead(json, Options with { MaxDepth = 5 }, EvaluationBuilder.MaxIndicators, 0));
        Assert.Null(EvaluationReader.TryRead(json, Options with { MaxDepth = 4 }, EvaluationBuilder.MaxIndicators, 0));
        Assert.NotNull(EvaluationReader.TryRead(json, Options, 2, 0));
        Assert.Null(EvaluationReader.TryRead(json, Options, 1, 0));
        Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(json, options: Options with { MaxDepth = 4 }));
    }

    [Fact]
    public void Fourteen_thousand_mutants_read_the_same_by_both_paths()
    {
        var seeds = FuzzTests.Seeds(new Grader()).Where(s => s.Format != "scheme").ToList();
        var random = new Random(20261204);
        int fast = 0, refused = 0;
        foreach (var seed in seeds)
        {
            for (var i = 0; i < 1000; i++)
            {
                var (kind, mutant) = FuzzTests.Mutate(seed, seeds, random);
                var json = StrictJson.SkipBom(mutant);
                if (EvaluationReader.TryRead(json, Options, EvaluationBuilder.MaxIndicators, 0) is { } read)
                {
                    fast++;
                    AssertSameAsStrict(json.ToArray(), read, $"{seed.Name} #{i} ({kind})");
                }

                var (parsed, error) = Outcome(() => EvaluationFile.Parse(mutant));
                var (strict, strictError) = Outcome(() => EvaluationFile.ParseStrict(mutant, null, Options, 0));
                Assert.True((parsed is null) == (strict is null), $"{seed.Name} #{i} ({kind}): one path read it, the other refused it: {error?.Message}{strictError?.Message}");
                if (error is not null)
                {
                    refused++;
                    Assert.Equal(strictError!.Problems, error.Problems);
                }
            }
        }

        // Both outcomes must be common, or the test shows nothing.
        Assert.True(fast > 500 && refused > 500, $"{fast} read by the single pass, {refused} refused");
    }

    private static (ProjectEvaluation?, EvaluationException?) Outcome(Func<ProjectEvaluation> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (EvaluationException e)
        {
            return (null, e);
        }
    }

    private static void AssertSameAsStrict(byte[] json, (EvaluationDto Dto, ScanResult Scan) fast, string? what = null)
    {
        // Whatever the single pass accepts, the pre-pass and the serializer accept too, and read the same.
        var scan = StrictJson.Scan(json, Options, trackIndicators: true, EvaluationBuilder.MaxIndicators, 0);
        Assert.Null(scan.OutOfRange);
        var dto = JsonSerializer.Deserialize(json, PerfEvalJsonContext.Default.EvaluationDto);
        Assert.True(dto is not null, what);
        Assert.Equal(Json(dto), Json(fast.Dto));
        Assert.Equal(scan.NodeLines, fast.Scan.NodeLines);
        Assert.Equal(scan.Format, fast.Scan.Format);
    }

    private static string Json(EvaluationDto dto) => JsonSerializer.Serialize(dto, PerfEvalJsonContext.Default.EvaluationDto);
}
