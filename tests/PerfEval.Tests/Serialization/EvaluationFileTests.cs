using System.Globalization;
using System.Text;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

public sealed class EvaluationFileTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestFiles.ExampleFiles())
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void There_are_seven_examples() => Assert.Equal(7, TestFiles.ExampleFiles().Count());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_loads(string name)
    {
        var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, name));
        Assert.False(string.IsNullOrEmpty(e.Id));
        Assert.NotEmpty(e.Indicators);
        Assert.All(e.Walk(), i => Assert.True(i.IsLeaf || i.Children.Length > 0));
    }

    [Fact]
    public void Hainan_maps_budget_reported_rate_and_method()
    {
        var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, "seed-hainan-baoting-2021.json"));
        Assert.Equal("hainan-2021", e.SchemeId);
        Assert.Equal(new Budget(122.22m, 118.68m, "万元"), e.Budget);
        Assert.Equal(97.10m, e.Reported.ExecutionRatePercent);
        Assert.Equal(99.32m, e.Reported.Total);
        var rate = e.Walk().Single(i => i.Path == "预算执行率");
        Assert.Equal(MethodKind.ExecutionRate, rate.Method!.Kind);
        Assert.Equal(Direction.Negative, e.Walk().Single(i => i.Path == "产出指标/成本指标").Direction);
    }

    [Fact]
    public void Hunan_checklists_and_per_point_deductions_map()
    {
        var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, "seed-hunan-zhijiang-2020.json"));
        var leaf = e.Walk().Single(i => i.Path == "投入/项目立项/绩效指标明确性");
        Assert.Equal(MethodKind.Checklist, leaf.Method!.Kind);
        Assert.Equal([1m, 1m, 0.5m, 0.5m], leaf.Method.Criteria.Select(c => c.Points));
        Assert.Contains(e.Walk(), i => i.Method is { Kind: MethodKind.PerPointDeduction, PointsPerUnit: 0.1m });
    }

    [Fact]
    public void Guangdong_self_score_parts_map()
    {
        var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, "seed-guangdong-dabu-2021.json"));
        var leaf = e.Walk().Single(i => i.Name == "目标设置");
        Assert.Equal([1.7m, 1.7m, 1.8m], leaf.SelfScoreParts.Select(p => p.SelfScore));
    }

    [Fact]
    public void Sichuan_weights_are_left_for_the_scheme()
    {
        var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, "seed-sichuan-yanbian-2021-equipment.json"));
        Assert.All(e.Walk(), i => Assert.Null(i.Weight));
        Assert.Equal(2, e.Walk().Count(i => i.IsNotApplicable));
    }

    [Fact]
    public void Text_value_and_quote_map_and_are_read()
    {
        var json = TestFiles.Minimal.Replace("\"actual\": \"96%\"", "\"actual\": \"99494.00元\", \"textValue\": \"99490.00元\", \"textQuote\": \"总价99490.00元\"", StringComparison.Ordinal);
        var e = EvaluationFile.Parse(json, "t.json");
        var leaf = e.Walk().Single(i => i.Name == "数量指标");
        Assert.Equal(99490.00m, leaf.TextValue!.Number);
        Assert.Equal("总价99490.00元", leaf.TextQuote);
    }

    [Fact]
    public void Every_method_kind_maps()
    {
        var methods = new (string Json, MethodKind Kind)[]
        {
            ("""{ "kind": "proportional" }""", MethodKind.Proportional),
            ("""{ "kind": "reverseLinear" }""", MethodKind.ReverseLinear),
            ("""{ "kind": "reverseRatio" }""", MethodKind.ReverseRatio),
            ("""{ "kind": "equal", "otherwise": "proportional" }""", MethodKind.Equal),
            ("""{ "kind": "perPointDeduction", "pointsPerPercent": 0.1 }""", MethodKind.PerPointDeduction),
            ("""{ "kind": "banded", "bands": [ { "min": 90, "points": 5 }, { "max": 90, "maxInclusive": false, "points": 2 } ] }""", MethodKind.Banded),
            ("""{ "kind": "perIncident", "pointsPerIncident": 1 }""", MethodKind.PerIncident),
            ("""{ "kind": "checklist", "criteria": [ { "text": "a", "points": 1 } ] }""", MethodKind.Checklist),
            ("""{ "kind": "qualitative", "tiers": { "achievedMin": 0.85 } }""", MethodKind.Qualitative),
            ("""{ "kind": "assessed" }""", MethodKind.Assessed),
            ("""{ "kind": "executionRate", "fullMarksFrom": 90 }""", MethodKind.ExecutionRate),
        };
        foreach (var (method, kind) in methods)
        {
            var json = TestFiles.Minimal.Replace("\"actual\": \"96%\"", "\"actual\": \"96%\", \"selfScore\": 1, \"method\": " + method, StringComparison.Ordinal);
            var m = EvaluationFile.Parse(json).Walk().Single(i => i.Name == "数量指标").Method!;
            Assert.Equal(kind, m.Kind);
        }
    }

    [Fact]
    public void Parses_the_same_under_any_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var c in new[] { "de-DE", "zh-CN", "" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(c);
                var e = EvaluationFile.Load(Path.Combine(TestFiles.Examples, "seed-hainan-baoting-2021.json"));
                Assert.Equal(97.10m, e.Reported.ExecutionRatePercent);
                Assert.Equal(39.32m, e.Walk().Single(i => i.Name == "数量指标").SelfScore);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // ─────────────── bad input: one test per kind; each checks file, path, line and text ───────────────

    private static Problem Fails(string json, string file = "bad.json")
    {
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(json, file));
        Assert.Equal(file, ex.File);
        Assert.StartsWith(file + ": ", ex.Message, StringComparison.Ordinal);
        var p = ex.Problems[0];
        Assert.False(string.IsNullOrWhiteSpace(p.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(p.MessageEn));
        return p;
    }

    private static void AssertAt(Problem p, string code, string jsonPath, long line, string? text)
    {
        Assert.Equal(code, p.Code);
        Assert.Equal(jsonPath, p.JsonPath);
        Assert.Equal(line, p.Line);
        if (text is not null)
        {
            Assert.Equal(text, p.Text);
            Assert.Contains(jsonPath, p.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_property_is_rejected_with_path_line_and_name()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"weight\": 60, \"target\"", "\"wieght\": 60, \"target\"", StringComparison.Ordinal));
        AssertAt(p, "UnknownProperty", "$.indicators[0].children[0].wieght", 7, "wieght");
        Assert.Contains("weight", p.MessageEn, StringComparison.Ordinal);
        Assert.Contains("wieght", p.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_property_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"weight\": 40,", "\"weight\": 40, \"weight\": 41,", StringComparison.Ordinal));
        AssertAt(p, "DuplicateProperty", "$.indicators[1].weight", 9, "weight");
    }

    [Fact]
    public void Duplicate_flag_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"indicators\":", "\"flags\": { \"x\": true, \"x\": false },\n  \"indicators\":", StringComparison.Ordinal));
        Assert.Equal("DuplicateProperty", p.Code);
        Assert.Equal("$.flags.x", p.JsonPath);
        Assert.Equal(5, p.Line);
    }

    [Fact]
    public void Wrong_type_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"selfScore\": 38", "\"selfScore\": true", StringComparison.Ordinal));
        AssertAt(p, "WrongType", "$.indicators[1].selfScore", 9, "true");
        Assert.Contains("number", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"id\": \"p1\", ", string.Empty, StringComparison.Ordinal));
        AssertAt(p, "MissingField", "$.project", 4, "id");
        Assert.Contains("id", p.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_indicator_name_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"name\": \"满意度指标\", ", string.Empty, StringComparison.Ordinal));
        AssertAt(p, "MissingField", "$.indicators[1]", 9, "name");
    }

    [Fact]
    public void Number_in_quotes_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"weight\": 40", "\"weight\": \"40\"", StringComparison.Ordinal));
        AssertAt(p, "NumberInQuotes", "$.indicators[1].weight", 9, "\"40\"");
    }

    [Fact]
    public void NaN_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"selfScore\": 38", "\"selfScore\": NaN", StringComparison.Ordinal));
        Assert.Equal("NotANumber", p.Code);
        Assert.Equal("$.indicators[1].selfScore", p.JsonPath);
        Assert.Equal(9, p.Line);
        Assert.Contains("NaN", p.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinity_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"selfScore\": 38", "\"selfScore\": -Infinity", StringComparison.Ordinal));
        Assert.Equal("NotANumber", p.Code);
        Assert.Equal(9, p.Line);
    }

    [Fact]
    public void NaN_in_quotes_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"selfScore\": 38", "\"selfScore\": \"NaN\"", StringComparison.Ordinal));
        AssertAt(p, "NumberInQuotes", "$.indicators[1].selfScore", 9, "\"NaN\"");
    }

    [Fact]
    public void Trailing_comma_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"selfScore\": 38 }", "\"selfScore\": 38, }", StringComparison.Ordinal));
        Assert.Equal("TrailingComma", p.Code);
        Assert.Equal("$.indicators[1]", p.JsonPath);
        Assert.Equal(9, p.Line);
        Assert.Contains("38, }", p.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"indicators\": [", "\"indicators\": [ // 指标\n", StringComparison.Ordinal));
        Assert.Equal("CommentNotAllowed", p.Code);
        Assert.Equal("$.indicators", p.JsonPath);
        Assert.Equal(5, p.Line);
        Assert.Contains("// 指标", p.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_for_a_required_string_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"scheme\": \"national-2020\"", "\"scheme\": null", StringComparison.Ordinal));
        AssertAt(p, "NullNotAllowed", "$.scheme", 3, "null");
    }

    [Fact]
    public void Null_indicator_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"indicators\": [", "\"indicators\": [ null,", StringComparison.Ordinal));
        Assert.Equal("NullNotAllowed", p.Code);
        Assert.Equal("$.indicators[0]", p.JsonPath);
        Assert.Equal(5, p.Line);
    }

    [Fact]
    public void Unknown_method_kind_names_path_text_and_allowed_values()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"kind\": \"assessed\"", "\"kind\": \"linear\"", StringComparison.Ordinal));
        AssertAt(p, "UnknownValue", "$.indicators[1].method.kind", 9, "linear");
        Assert.Contains("proportional", p.MessageEn, StringComparison.Ordinal);
        Assert.Contains("executionRate", p.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_direction_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"actual\": \"96%\"", "\"actual\": \"96%\", \"direction\": \"正向\"", StringComparison.Ordinal));
        AssertAt(p, "UnknownValue", "$.indicators[0].children[0].direction", 7, "正向");
        Assert.Contains("positive, negative, equal", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Method_parameter_of_another_kind_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"kind\": \"assessed\"", "\"kind\": \"assessed\", \"pointsPerPercent\": 0.1", StringComparison.Ordinal));
        AssertAt(p, "FieldNotAllowed", "$.indicators[1].method.pointsPerPercent", 9, "pointsPerPercent");
    }

    [Fact]
    public void Missing_method_parameter_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"kind\": \"assessed\"", "\"kind\": \"perPointDeduction\"", StringComparison.Ordinal));
        AssertAt(p, "MissingField", "$.indicators[1].method", 9, "pointsPerPercent");
    }

    [Fact]
    public void Unreadable_reported_execution_rate_is_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"indicators\":", "\"reported\": { \"executionRate\": \"约97\" },\n  \"indicators\":", StringComparison.Ordinal));
        AssertAt(p, "UnreadableValue", "$.reported.executionRate", 5, "约97");
    }

    [Fact]
    public void Wrong_format_is_rejected_before_anything_else()
    {
        var p = Fails(TestFiles.Minimal.Replace("perfeval/evaluation@1", "perfeval/scheme@1", StringComparison.Ordinal));
        AssertAt(p, "UnsupportedFormat", "$.format", 2, "perfeval/scheme@1");
    }

    [Fact]
    public void Structural_problems_carry_file_path_and_line()
    {
        var json = TestFiles.Minimal.Replace("\"name\": \"满意度指标\"", "\"name\": \"产出指标\"", StringComparison.Ordinal)
            .Replace("\"weight\": 60, \"target\"", "\"weight\": -1, \"target\"", StringComparison.Ordinal);
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(json, "tree.json"));
        Assert.Equal("tree.json", ex.File);
        var dup = ex.Problems.Single(p => p.Code == "DuplicateIndicator");
        Assert.Equal("$.indicators[1]", dup.JsonPath);
        Assert.Equal(9, dup.Line);
        var neg = ex.Problems.Single(p => p.Code == "NegativeWeight");
        Assert.Equal("$.indicators[0].children[0]", neg.JsonPath);
        Assert.Equal(7, neg.Line);
        Assert.Equal("产出指标/数量指标", neg.IndicatorPath);
    }

    [Fact]
    public void Unreadable_actual_names_the_json_path_and_line()
    {
        var json = TestFiles.Minimal.Replace("\"actual\": \"96%\"", "\"actual\": \"待定\"", StringComparison.Ordinal);
        var e = EvaluationFile.Parse(json, "v.json");
        var p = Assert.Single(e.Walk().Single(i => i.Name == "数量指标").ValueProblems);
        Assert.Equal("$.indicators[0].children[0].actual", p.JsonPath);
        Assert.Equal(7, p.Line);
        Assert.Equal("待定", p.Text);
    }

    [Fact]
    public void Empty_children_are_rejected()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"method\": { \"kind\": \"assessed\" }", "\"children\": []", StringComparison.Ordinal));
        AssertAt(p, "EmptyList", "$.indicators[1].children", 9, "[]");
    }

    [Fact]
    public void Too_large_is_rejected_before_reading()
    {
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(TestFiles.Minimal, "big.json", new JsonFileOptions { MaxBytes = 100 }));
        Assert.Equal("TooLarge", ex.Problems[0].Code);
        Assert.Equal("big.json", ex.File);
    }

    [Fact]
    public void Too_large_file_is_rejected_by_its_length()
    {
        var path = TestFiles.TempFile("big.json", TestFiles.Minimal);
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Load(path, new JsonFileOptions { MaxBytes = 100 }));
        Assert.Equal("TooLarge", ex.Problems[0].Code);
        Assert.Equal(path, ex.File);
    }

    [Fact]
    public void Too_deep_is_rejected()
    {
        var deep = new StringBuilder();
        deep.Append("{ \"format\": \"perfeval/evaluation@1\", \"scheme\": \"s\", \"project\": { \"id\": \"p\" }, \"indicators\": [");
        for (var i = 0; i < 40; i++)
        {
            deep.Append("{ \"name\": \"n\", \"children\": [");
        }

        deep.Append("{ \"name\": \"leaf\" }");
        for (var i = 0; i < 40; i++)
        {
            deep.Append("] }");
        }

        deep.Append("] }");
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(deep.ToString(), "deep.json"));
        Assert.Equal("TooDeep", ex.Problems[0].Code);
        Assert.Equal(1, ex.Problems[0].Line);
        Assert.StartsWith("$.indicators[0].children[0]", ex.Problems[0].JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_indicators_are_rejected_before_deserializing()
    {
        var many = new StringBuilder();
        many.Append("{ \"format\": \"perfeval/evaluation@1\", \"scheme\": \"s\", \"project\": { \"id\": \"p\" }, \"indicators\": [");
        for (var i = 0; i <= EvaluationBuilder.MaxIndicators; i++)
        {
            many.Append(i == 0 ? string.Empty : ",").Append("{\"name\":\"n").Append(i).Append("\"}");
        }

        many.Append("] }");
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(many.ToString(), "many.json"));
        Assert.Equal("TooManyIndicators", ex.Problems[0].Code);
    }

    [Fact]
    public void Missing_file_is_an_evaluation_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), "perfeval-no-such-" + Guid.NewGuid().ToString("N") + ".json");
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Load(path));
        Assert.Equal("FileUnreadable", ex.Problems[0].Code);
        Assert.Equal(path, ex.File);
    }

    [Fact]
    public void Truncated_json_is_rejected()
    {
        var p = Fails(TestFiles.Minimal[..120]);
        Assert.Equal("InvalidJson", p.Code);
        Assert.NotNull(p.Line);
    }

    [Fact]
    public void A_word_where_a_number_belongs_is_a_wrong_type()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"weight\": 40", "\"weight\": \"四十\"", StringComparison.Ordinal));
        AssertAt(p, "WrongType", "$.indicators[1].weight", 9, "\"四十\"");
    }

    [Fact]
    public void A_huge_number_is_out_of_range()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"weight\": 40", "\"weight\": 1e400", StringComparison.Ordinal));
        AssertAt(p, "NumberOutOfRange", "$.indicators[1].weight", 9, "1e400");
    }

    [Fact]
    public void A_fractional_year_is_out_of_range()
    {
        var p = Fails(TestFiles.Minimal.Replace("\"name\": \"测试项目\"", "\"year\": 2021.5", StringComparison.Ordinal));
        AssertAt(p, "NumberOutOfRange", "$.project.year", 4, "2021.5");
        Assert.Contains("whole number", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_array_is_a_wrong_type()
    {
        var p = Fails("[1, 2]");
        AssertAt(p, "WrongType", "$", 1, null);
    }

    [Fact]
    public void A_null_document_is_rejected()
    {
        var p = Fails("null");
        Assert.Equal("WrongType", p.Code);
        Assert.Equal(1, p.Line);
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(TestFiles.Minimal.Replace("测试项目", "XX", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xFF;
        var ex = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(bytes, "u.json"));
        Assert.Equal("InvalidUtf8", ex.Problems[0].Code);
        Assert.Equal(4, ex.Problems[0].Line);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TestFiles.Minimal)).ToArray();
        Assert.Equal("p1", EvaluationFile.Parse(bytes, "bom.json").Id);
    }

    [Fact]
    public void A_schema_reference_is_accepted_and_ignored()
    {
        var json = TestFiles.Minimal.Replace("\"format\"", "\"$schema\": \"../docs/schemas/evaluation.schema.json\", \"format\"", StringComparison.Ordinal);
        Assert.Equal("p1", EvaluationFile.Parse(json).Id);
    }

    [Fact]
    public void Reading_is_thread_safe()
    {
        var files = TestFiles.ExampleFiles().Select(File.ReadAllBytes).ToArray();
        Parallel.For(0, 64, i => Assert.NotEmpty(EvaluationFile.Parse(files[i % files.Length]).Indicators));
    }

    // ─────────────── JSON Lines ───────────────

    private static string OneLine(string id) =>
        TestFiles.Minimal.Replace("\"p1\"", "\"" + id + "\"", StringComparison.Ordinal).ReplaceLineEndings(" ");

    [Fact]
    public void Json_lines_yield_one_record_per_line_with_the_bad_one_an_error()
    {
        var lines = new[] { OneLine("a"), OneLine("b"), OneLine("c").Replace("\"weight\": 40", "\"weight\": \"40\"", StringComparison.Ordinal), OneLine("d"), "{ not json", OneLine("f") };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\n"));
        var records = EvaluationFile.ReadLines(stream, "batch.jsonl").ToList();
        Assert.Equal(6, records.Count);
        Assert.Equal([1L, 2, 3, 4, 5, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "d", "f"], records.Where(r => !r.IsError).Select(r => r.Evaluation!.Id));
        var bad = records[2];
        Assert.True(bad.IsError);
        Assert.Equal("batch.jsonl", bad.Error.File);
        Assert.Equal("NumberInQuotes", bad.Error.Problems[0].Code);
        Assert.Equal(3, bad.Error.Problems[0].Line);
        Assert.Equal("$.indicators[1].weight", bad.Error.Problems[0].JsonPath);
        Assert.Contains("(line 3)", bad.Error.Message, StringComparison.Ordinal);
        Assert.Equal(5, records[4].Error!.Problems[0].Line);
    }

    [Fact]
    public void Json_lines_skip_blank_lines_but_keep_numbering()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("\uFEFF" + OneLine("a") + "\n\n   \n" + OneLine("b")));
        var records = EvaluationFile.ReadLines(stream).ToList();
        Assert.Equal([1L, 4], records.Select(r => r.Line));
        Assert.All(records, r => Assert.False(r.IsError));
    }

    [Fact]
    public void Json_lines_an_overlong_line_is_an_error_record_and_the_batch_goes_on()
    {
        var longLine = OneLine("big").Replace("测试项目", new string('长', 50_000), StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(OneLine("a") + "\n" + longLine + "\n" + OneLine("c") + "\n"));
        var records = EvaluationFile.ReadLines(stream, "b.jsonl", new JsonFileOptions { MaxBytes = 4096 }).ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal("TooLarge", records[1].Error!.Problems[0].Code);
        Assert.Equal(2, records[1].Error!.Problems[0].Line);
        Assert.Equal("c", records[2].Evaluation!.Id);
    }

    [Fact]
    public async Task Json_lines_async_matches_sync()
    {
        var text = OneLine("a") + "\n{}\n" + OneLine("c");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var records = new List<EvaluationRecord>();
        await foreach (var r in EvaluationFile.ReadLinesAsync(stream, "x.jsonl"))
        {
            records.Add(r);
        }

        Assert.Equal(3, records.Count);
        Assert.True(records[1].IsError);
        Assert.Equal("MissingField", records[1].Error!.Problems[0].Code);
    }

    // ---- issue 11 item 4: numbers beyond NumberLimit (10^12; 0 or ≥ 10^-10) are refused at reading, with the path

    [Fact]
    public void A_weight_of_1e28_is_refused_at_reading_with_its_path_not_an_overflow_in_grading()
    {
        // Repro overflow-weight-1e28.json: 1e28 fits a decimal, but 1e28 × 90% overflowed while scoring.
        var p = Fails(File.ReadAllText(PerfEval.Testing.Repo.Repro("overflow-weight-1e28.json")), "overflow-weight-1e28.json");
        AssertAt(p, "NumberOutOfRange", "$.indicators[0].weight", 5, "1e28");
    }

    [Theory]
    [InlineData("\"planned\": 1e28, \"executed\": 1", "$.budget.planned", "1e28")]
    [InlineData("\"planned\": 1e-28, \"executed\": 1", "$.budget.planned", "1e-28")]
    [InlineData("\"planned\": 100, \"executed\": 1000000000001", "$.budget.executed", "1000000000001")]
    public void A_budget_out_of_range_is_refused_at_reading(string budget, string path, string text)
    {
        var json = TestFiles.Minimal.Replace("\"indicators\": [", "\"budget\": { " + budget + " }, \"indicators\": [", StringComparison.Ordinal);
        AssertAt(Fails(json), "NumberOutOfRange", path, 5, text);
    }

    [Fact]
    public void Numbers_at_the_limits_are_read()
    {
        // 10^12 and 10^-10 themselves are inside the range.
        var json = TestFiles.Minimal.Replace("\"indicators\": [", "\"budget\": { \"planned\": 1000000000000, \"executed\": 0.0000000001 }, \"indicators\": [", StringComparison.Ordinal);
        Assert.Equal(new Budget(1_000_000_000_000m, 0.0000000001m), EvaluationFile.Parse(json).Budget);
    }

    [Fact]
    public void A_target_of_7e27_yuan_is_unreadable_and_named_not_an_overflow()
    {
        // Repro overflow-w-times-a.json: 7 × 10^27 元 parsed, then 100 × 6e27 overflowed. Above 10^12 the value is unreadable.
        var e = EvaluationFile.Parse(File.ReadAllText(PerfEval.Testing.Repo.Repro("overflow-w-times-a.json")), "overflow-w-times-a.json");
        var leaf = e.Walk().Single(i => i.Path == "产出指标/数量指标/a");
        Assert.Null(leaf.Target);
        var p = leaf.ValueProblems.First(x => x.JsonPath == "$.indicators[0].children[0].children[0].target");
        Assert.Equal(("UnreadableValue", "7000000000000000000000000000元"), (p.Code, p.Text));
        Assert.Contains("10^12", p.MessageEn, StringComparison.Ordinal);
        var ex = Assert.Throws<EvaluationException>(() => new PerfEval.Grading.Grader().Grade(e));
        Assert.Equal("Unscorable", ex.Problems[0].Code);
    }

    // ---- issue 11 item 5: "/" in an indicator name

    [Fact]
    public void A_slash_in_an_indicator_name_is_refused_with_its_path()
    {
        // Repro slash-name.json: 满意度指标/满意度 as a root name collided with the real path 满意度指标 → 满意度 and
        // triggered that node's grade cap.
        var p = Fails(File.ReadAllText(PerfEval.Testing.Repo.Repro("slash-name.json")), "slash-name.json");
        AssertAt(p, "SlashInName", "$.indicators[0]", 3, null);
        Assert.Equal("满意度指标/满意度", p.IndicatorPath);
    }
}
