using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

public sealed class SchemeFileTests
{
    internal const string National = """
        {
          "format": "perfeval/scheme@1",
          "id": "national-2020",
          "name": "全国项目支出绩效自评（财预〔2020〕10号）",
          "nameEn": "National self-evaluation 2020",
          "sources": ["财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）"],
          "frame": [
            { "name": "预算执行率", "weight": 10 },
            { "name": "产出指标", "weight": 50, "children": [
              { "name": "数量指标" }, { "name": "质量指标" }, { "name": "时效指标" }, { "name": "成本指标" } ] },
            { "name": "效益指标", "weight": 30 },
            { "name": "满意度指标", "weight": 10, "aliases": ["服务对象满意度指标"] }
          ],
          "defaults": {
            "positive": { "kind": "proportional" },
            "negative": { "kind": "reverseLinear" },
            "equal": { "kind": "equal" },
            "qualitative": { "kind": "qualitative" },
            "executionRate": { "kind": "executionRate" }
          },
          "grades": [
            { "name": "优", "nameEn": "Excellent", "min": 90 },
            { "name": "良", "nameEn": "Good", "min": 80 },
            { "name": "中", "nameEn": "Fair", "min": 60 },
            { "name": "差", "nameEn": "Poor", "min": 0 }
          ],
          "rounding": { "places": 2, "mode": "halfAwayFromZero", "scope": "leaf" },
          "notApplicable": "rescale",
          "tolerance": 0.005,
          "policies": [
            { "kind": "veto", "name": "资金被挪用", "flag": "fundsMisappropriated", "grade": "差" }
          ]
        }
        """;

    internal const string Child = """
        {
          "format": "perfeval/scheme@1",
          "id": "demo-2021",
          "name": "示范市 2021",
          "region": "示范市",
          "extends": "national-2020",
          "frame": [
            { "name": "产出指标", "weight": 40 },
            { "name": "效益指标", "weight": 40, "children": [ { "name": "社会效益指标", "weight": 40 } ] }
          ],
          "defaults": { "executionRate": { "kind": "executionRate", "fullMarksFrom": 95 } },
          "rounding": { "places": 1 },
          "policies": [
            { "kind": "gradeCap", "name": "满意度低于六成", "indicator": "满意度指标", "belowFraction": 0.6, "maxGrade": "良" },
            { "kind": "bonus", "name": "创新加分", "flag": "innovation", "points": 2 },
            { "kind": "deduction", "name": "审计问题扣分", "flag": "auditIssue", "points": 3 }
          ]
        }
        """;

    private static Scheme Build(params string[] files) =>
        SchemeCatalog.Empty.WithDefinitions(files.Select((f, i) => SchemeFile.Parse(f, $"s{i}.json"))).Get(SchemeFile.Parse(files[^1]).Id);

    [Fact]
    public void A_scheme_file_reads_every_field()
    {
        var s = Build(National);
        Assert.Equal("national-2020", s.Id);
        Assert.Equal("National self-evaluation 2020", s.NameEn);
        Assert.Single(s.Sources);
        Assert.Equal([10m, 50m, 30m, 10m], s.Frame.Select(f => f.Weight!.Value));
        Assert.Equal(4, s.Frame[1].Children.Length);
        Assert.True(s.Frame[3].Matches("服务对象满意度指标"));
        Assert.Equal(["优", "良", "中", "差"], s.Grades.Select(g => g.Name));
        Assert.Equal(RoundingPolicy.Default, s.Rounding);
        Assert.Equal(NotApplicablePolicy.Rescale, s.NotApplicable);
        Assert.Equal(Policy.Veto("资金被挪用", "fundsMisappropriated", "差"), Assert.Single(s.Policies));
    }

    [Fact]
    public void Round_trip_write_then_read_gives_the_same_scheme()
    {
        var first = Build(National, Child);
        var json = SchemeFile.ToJson(first);
        Assert.Contains("\"满意度低于六成\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"extends\"", json, StringComparison.Ordinal);
        var second = SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(json, "written.json")]).Get(first.Id);
        Assert.Equal(json, SchemeFile.ToJson(second));
        Assert.Equal(first.Policies.ToList(), second.Policies.ToList());
        Assert.Equal(first.Grades.ToList(), second.Grades.ToList());
        Assert.Equal(first.Defaults, second.Defaults);
        Assert.Equal(first.Rounding, second.Rounding);
        Assert.Equal(first.Frame.Select(f => (f.Name, f.Weight)), second.Frame.Select(f => (f.Name, f.Weight)));
    }

    [Fact]
    public void Extends_overrides_merges_and_appends()
    {
        var s = Build(National, Child);
        Assert.Equal("national-2020", s.Extends);
        Assert.Equal("示范市", s.Region);
        Assert.Null(s.NameEn);
        Assert.Empty(s.Sources);
        Assert.Equal([("预算执行率", 10m), ("产出指标", 40m), ("效益指标", 40m), ("满意度指标", 10m)], s.Frame.Select(f => (f.Name, f.Weight!.Value)));
        Assert.Equal(4, s.Frame[1].Children.Length);
        Assert.Equal("社会效益指标", Assert.Single(s.Frame[2].Children).Name);
        Assert.True(s.Frame[3].Matches("服务对象满意度指标"));
        Assert.Equal(95m, s.Defaults.ExecutionRate.FullMarksFrom);
        Assert.Equal(MethodKind.ReverseLinear, s.Defaults.Negative.Kind);
        Assert.Equal(1, s.Rounding.Places);
        Assert.Equal(MidpointRounding.AwayFromZero, s.Rounding.Mode);
        Assert.Equal(["优", "良", "中", "差"], s.Grades.Select(g => g.Name));
        Assert.Equal([PolicyKind.Veto, PolicyKind.GradeCap, PolicyKind.Bonus, PolicyKind.Deduction], s.Policies.Select(p => p.Kind));
    }

    [Fact]
    public void Grades_replace_and_policies_can_be_replaced()
    {
        var child = Child.Replace("\"policies\": [", """
            "grades": [ { "name": "优秀", "min": 90 }, { "name": "良好", "min": 75 }, { "name": "合格", "min": 60 }, { "name": "不合格", "min": 0 } ],
            "replacePolicies": true,
            "policies": [
            """, StringComparison.Ordinal).Replace("\"maxGrade\": \"良\"", "\"maxGrade\": \"良好\"", StringComparison.Ordinal);
        var s = Build(National, child);
        Assert.Equal(["优秀", "良好", "合格", "不合格"], s.Grades.Select(g => g.Name));
        Assert.DoesNotContain(s.Policies, p => p.Kind == PolicyKind.Veto);
    }

    [Fact]
    public void Extending_a_scheme_already_in_the_catalog_works()
    {
        var catalog = SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(National)]);
        var s = catalog.WithDefinitions([SchemeFile.Parse(Child, "child.json")]).Get("demo-2021");
        Assert.Equal(40m, s.Frame[1].Weight);
    }

    [Fact]
    public void Files_load_through_the_catalog()
    {
        var a = TestFiles.TempFile("national.json", National);
        var b = TestFiles.TempFile("demo.json", Child);
        var catalog = SchemeCatalog.Empty.WithFiles([b, a]);
        Assert.Equal(2, catalog.Count);
    }

    [Fact]
    public void A_cycle_is_rejected_naming_the_files_and_the_chain()
    {
        var a = Child.Replace("\"demo-2021\"", "\"a\"", StringComparison.Ordinal).Replace("\"national-2020\"", "\"b\"", StringComparison.Ordinal);
        var b = Child.Replace("\"demo-2021\"", "\"b\"", StringComparison.Ordinal).Replace("\"national-2020\"", "\"a\"", StringComparison.Ordinal);
        var ex = Assert.Throws<SchemeException>(() => SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(a, "a.json"), SchemeFile.Parse(b, "b.json")]));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("ExtendsCycle", p.Code);
        Assert.Contains("a (a.json) → b (b.json) → a (a.json)", p.MessageEn, StringComparison.Ordinal);
        Assert.Equal("$.extends", p.JsonPath);
        Assert.Equal(6, p.Line);
        Assert.Equal("b.json", ex.File);
    }

    [Fact]
    public void A_self_extending_scheme_is_a_cycle()
    {
        var a = Child.Replace("\"national-2020\"", "\"demo-2021\"", StringComparison.Ordinal);
        var ex = Assert.Throws<SchemeException>(() => SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(a, "a.json")]));
        Assert.Equal("ExtendsCycle", ex.Problems[0].Code);
    }

    [Fact]
    public void An_unknown_parent_is_rejected_naming_file_line_and_text()
    {
        var ex = Assert.Throws<SchemeException>(() => SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(Child, "demo.json")]));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("UnknownParent", p.Code);
        Assert.Equal("demo.json", ex.File);
        Assert.Equal("$.extends", p.JsonPath);
        Assert.Equal(6, p.Line);
        Assert.Equal("national-2020", p.Text);
        Assert.Contains("demo-2021 (demo.json) → national-2020", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var ex = Assert.Throws<SchemeException>(() => SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(National, "a.json"), SchemeFile.Parse(National, "b.json")]));
        Assert.Equal("DuplicateScheme", ex.Problems[0].Code);
        Assert.Contains("a.json", ex.Problems[0].MessageEn, StringComparison.Ordinal);
        Assert.Contains("b.json", ex.Problems[0].MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resolved_scheme_is_validated_weights_must_add_up()
    {
        var child = Child.Replace("{ \"name\": \"产出指标\", \"weight\": 40 }", "{ \"name\": \"产出指标\", \"weight\": 45 }", StringComparison.Ordinal);
        var ex = Assert.Throws<SchemeException>(() => Build(National, child));
        Assert.Equal("s1.json", ex.File);
        var p = ex.Problems.First(x => x.Code == "WeightSumMismatch");
        Assert.Contains("105", p.MessageEn, StringComparison.Ordinal);
        Assert.Equal("$.frame", p.JsonPath);
        Assert.Equal(7, p.Line);
        Assert.Contains("demo-2021", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_bands_must_cover_zero_and_not_overlap()
    {
        var bad = National.Replace("\"min\": 0 }", "\"min\": 50 }", StringComparison.Ordinal).Replace("\"min\": 80 }", "\"min\": 90 }", StringComparison.Ordinal);
        var ex = Assert.Throws<SchemeException>(() => Build(bad));
        Assert.Contains(ex.Problems, p => p.Code == "GradesDoNotCover");
        var overlap = ex.Problems.Single(p => p.Code == "GradesOverlap");
        Assert.Equal("$.grades", overlap.JsonPath);
        Assert.Equal(21, overlap.Line);
        Assert.Equal("s0.json", ex.File);
    }

    [Fact]
    public void An_invalid_id_names_its_line()
    {
        var ex = Assert.Throws<SchemeException>(() => Build(National.Replace("\"national-2020\"", "\"national 2020\"", StringComparison.Ordinal)));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("InvalidId", p.Code);
        Assert.Equal("$.id", p.JsonPath);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void A_policy_naming_an_unknown_grade_is_rejected()
    {
        var ex = Assert.Throws<SchemeException>(() => Build(National.Replace("\"grade\": \"差\"", "\"grade\": \"很差\"", StringComparison.Ordinal)));
        Assert.Contains(ex.Problems, p => p.Code == "UnknownGrade");
    }

    // ─────────────── bad input in a scheme file ───────────────

    private static Problem Fails(string json)
    {
        var ex = Assert.Throws<SchemeException>(() => SchemeFile.Parse(json, "scheme.json"));
        Assert.Equal("scheme.json", ex.File);
        Assert.StartsWith("scheme.json: ", ex.Message, StringComparison.Ordinal);
        return ex.Problems[0];
    }

    [Fact]
    public void Unknown_policy_kind_is_rejected_listing_the_vocabulary()
    {
        var p = Fails(National.Replace("\"kind\": \"veto\"", "\"kind\": \"expression\"", StringComparison.Ordinal));
        Assert.Equal("UnknownValue", p.Code);
        Assert.Equal("$.policies[0].kind", p.JsonPath);
        Assert.Equal(31, p.Line);
        Assert.Equal("expression", p.Text);
        Assert.Contains("veto, gradeCap, bonus, deduction", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_field_of_another_kind_is_rejected()
    {
        var p = Fails(National.Replace("\"grade\": \"差\"", "\"grade\": \"差\", \"points\": 3", StringComparison.Ordinal));
        Assert.Equal("FieldNotAllowed", p.Code);
        Assert.Equal("$.policies[0].points", p.JsonPath);
        Assert.Equal(31, p.Line);
    }

    [Fact]
    public void A_policy_missing_its_flag_is_rejected()
    {
        var p = Fails(National.Replace("\"flag\": \"fundsMisappropriated\", ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("MissingField", p.Code);
        Assert.Equal("$.policies[0]", p.JsonPath);
        Assert.Equal("flag", p.Text);
    }

    [Fact]
    public void A_grade_cap_fraction_outside_zero_one_is_rejected()
    {
        var p = Fails(Child.Replace("\"belowFraction\": 0.6", "\"belowFraction\": 1.5", StringComparison.Ordinal));
        Assert.Equal("InvalidPolicy", p.Code);
        Assert.Equal("$.policies[0].belowFraction", p.JsonPath);
        Assert.Equal(14, p.Line);
        Assert.Equal("1.5", p.Text);
    }

    [Fact]
    public void Unknown_rounding_mode_is_rejected()
    {
        var p = Fails(National.Replace("halfAwayFromZero", "四舍五入", StringComparison.Ordinal));
        Assert.Equal("UnknownValue", p.Code);
        Assert.Equal("$.rounding.mode", p.JsonPath);
        Assert.Equal(27, p.Line);
        Assert.Equal("四舍五入", p.Text);
        Assert.Contains("halfAwayFromZero, halfEven", p.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_not_applicable_rule_is_rejected()
    {
        var p = Fails(National.Replace("\"rescale\"", "\"drop\"", StringComparison.Ordinal));
        Assert.Equal("$.notApplicable", p.JsonPath);
        Assert.Equal(28, p.Line);
    }

    [Fact]
    public void Unknown_default_method_is_rejected()
    {
        var p = Fails(National.Replace("{ \"kind\": \"reverseLinear\" }", "{ \"kind\": \"System.Math\" }", StringComparison.Ordinal));
        Assert.Equal("$.defaults.negative.kind", p.JsonPath);
        Assert.Equal(16, p.Line);
        Assert.Equal("System.Math", p.Text);
    }

    [Fact]
    public void Unknown_defaults_key_is_rejected()
    {
        var p = Fails(National.Replace("\"equal\": { \"kind\": \"equal\" },", "\"equal\": { \"kind\": \"equal\" }, \"banded\": { \"kind\": \"assessed\" },", StringComparison.Ordinal));
        Assert.Equal("UnknownProperty", p.Code);
        Assert.Equal("$.defaults.banded", p.JsonPath);
        Assert.Equal(17, p.Line);
    }

    [Fact]
    public void Number_in_quotes_in_a_frame_weight_is_rejected()
    {
        var p = Fails(National.Replace("\"weight\": 30", "\"weight\": \"30\"", StringComparison.Ordinal));
        Assert.Equal("NumberInQuotes", p.Code);
        Assert.Equal("$.frame[2].weight", p.JsonPath);
        Assert.Equal(11, p.Line);
    }

    [Fact]
    public void Duplicate_frame_names_are_rejected()
    {
        var p = Fails(National.Replace("\"name\": \"效益指标\"", "\"name\": \"产出指标\"", StringComparison.Ordinal));
        Assert.Equal("DuplicateIndicator", p.Code);
        Assert.Equal("$.frame[2].name", p.JsonPath);
        Assert.Equal(11, p.Line);
    }

    [Fact]
    public void An_evaluation_file_is_not_a_scheme()
    {
        var p = Fails(TestFiles.Minimal);
        Assert.Equal("UnsupportedFormat", p.Code);
        Assert.Equal("perfeval/evaluation@1", p.Text);
    }

    [Fact]
    public void Missing_name_is_rejected()
    {
        var p = Fails(Child.Replace("\"name\": \"示范市 2021\",", string.Empty, StringComparison.Ordinal));
        Assert.Equal("MissingField", p.Code);
        Assert.Equal("$", p.JsonPath);
        Assert.Equal("name", p.Text);
        Assert.Equal(1, p.Line);
    }

    [Fact]
    public void A_frame_weight_of_1e28_is_refused_at_reading_with_its_path()
    {
        // Issue 11 item 4: every number of every format is checked against NumberLimit.
        var p = Fails(National.Replace("{ \"name\": \"产出指标\", \"weight\": 50,", "{ \"name\": \"产出指标\", \"weight\": 1e28,", StringComparison.Ordinal));
        Assert.Equal(("NumberOutOfRange", "$.frame[1].weight", "1e28"), (p.Code, p.JsonPath, p.Text));
    }
}
