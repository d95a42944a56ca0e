using System.Globalization;
using AngleSharp.Dom;
using PerfEval.Grading;

namespace PerfEval.Html.Tests;

/// <summary>Issue 8 §2: the page's structure, read back through an HTML5 parser, for every bundled example.</summary>
public sealed class ScorecardPageTests
{
    public static TheoryData<string> Examples() => Pages.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_page_holds_the_total_the_grade_and_every_finding_code(string example)
    {
        var result = Pages.Grade(example);
        var doc = Pages.Parse(ScorecardPage.Render(result));

        Assert.Equal(Pages.Total(result), doc.GetElementById("total")?.TextContent);
        Assert.Equal(result.Grade.Name, doc.GetElementById("grade")?.TextContent);
        var codes = doc.QuerySelectorAll("li.finding").Select(li => li.QuerySelector("code.code")?.TextContent).ToList();
        // Every finding is listed, in the result's order within its severity, and each code shows as text.
        Assert.Equal(result.Findings.Length, codes.Count);
        foreach (var code in result.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal))
        {
            Assert.Equal(result.Findings.Count(f => f.Code == code), codes.Count(c => c == code));
            Assert.Equal(result.Findings.Count(f => f.Code == code), doc.QuerySelectorAll("li.finding").Count(li => li.GetAttribute("data-code") == code));
        }

        // Each finding in its severity's group, with the indicator path it concerns and the JSON path of each figure.
        foreach (var (f, li) in result.Findings.OrderByDescending(f => f.Severity).Zip(doc.QuerySelectorAll("li.finding")))
        {
            Assert.Equal(f.Code, li.GetAttribute("data-code"));
            Assert.Equal("findings-" + f.Severity.ToString().ToLowerInvariant(), li.Closest("section")?.Id);
            Assert.Equal(f.Path, li.QuerySelector(".path")?.TextContent);
            Assert.Equal(f.MessageZh, li.QuerySelector("p.zh")?.TextContent);
            Assert.Equal(f.MessageEn, li.QuerySelector("p.en")?.TextContent);
            Assert.Equal(f.Evidence.Select(x => x.Source), li.QuerySelectorAll("code.source").Select(c => c.TextContent));
        }
    }

    /// <summary>Golden totals and grades from the seed reports (shared/DOMAIN.md §6), not from the code.</summary>
    [Theory]
    [InlineData("seed-hunan-zhijiang-2020.json", "96.60", "优秀")]
    [InlineData("seed-hebei-changan-2019.json", "98.00", "优秀")]
    [InlineData("seed-guangdong-dabu-2021.json", "90.80", "优")]
    public void The_seed_totals_and_grades_show_as_the_reports_give_them(string example, string total, string grade)
    {
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade(example)));
        Assert.Equal(total, doc.GetElementById("total")?.TextContent);
        Assert.Equal(grade, doc.GetElementById("grade")?.TextContent);
    }

    [Fact]
    public void The_Hunan_page_shows_the_reported_96_against_the_computed_96_60_as_a_mismatch()
    {
        // DOMAIN.md §6: the scores add up to 96.6 but the report states 96; 96.6 − 96 = 0.6.
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hunan-zhijiang-2020.json")));
        var row = doc.QuerySelectorAll("#comparison tbody tr").First(tr => tr.QuerySelector("th")!.TextContent.StartsWith("总分", StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["96", "96.60", "0.6"], cells.Take(3));
        Assert.Contains("ReportedTotalMismatch", cells[3], StringComparison.Ordinal);
        Assert.Contains("不符", cells[3], StringComparison.Ordinal);
        // The error group comes first and holds the mismatch with the JSON path it rests on.
        var error = doc.QuerySelector("#findings-error li.finding[data-code=ReportedTotalMismatch]");
        Assert.NotNull(error);
        Assert.Contains("$.reported.total", error.TextContent, StringComparison.Ordinal);
        Assert.True(doc.QuerySelectorAll("#findings > section").Select(s => s.Id).SequenceEqual(
            new[] { "findings-error", "findings-warning", "findings-info" }.Where(id => doc.GetElementById(id) is not null)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void One_bar_per_level_one_indicator_filled_in_proportion_to_score_over_weight(string example)
    {
        var result = Pages.Grade(example);
        var doc = Pages.Parse(ScorecardPage.Render(result));
        var roots = result.Indicators.Where(i => i.Level == 1).ToList();
        var bars = doc.QuerySelectorAll("svg.bars g.bar").ToList();

        Assert.Equal(roots.Count, bars.Count);
        var maxWeight = roots.Max(i => i.Weight);
        for (var n = 0; n < roots.Count; n++)
        {
            var i = roots[n];
            Assert.Equal(i.Path, bars[n].GetAttribute("data-path"));
            var track = Pages.Number(bars[n].QuerySelector("rect.track")?.GetAttribute("width"));
            var fill = Pages.Number(bars[n].QuerySelector("rect.fill")?.GetAttribute("width"));
            // The track is the weight (the heaviest is 600 units), the fill the score on the same scale.
            Assert.Equal(600m * i.Weight / maxWeight, track, 2);
            var expected = i.IsNotApplicable ? 0m : Math.Min(1m, i.Score / i.Weight);
            Assert.True(Math.Abs((fill / track) - expected) < 0.0001m, $"{i.Path}: fill {fill} of {track}, expected {i.Score}/{i.Weight}");
            Assert.Contains(i.Name, bars[n].TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_Hebei_satisfaction_bar_is_eight_tenths_full()
    {
        // DOMAIN.md §6: 满意度 76% against 95% → 10 × 76 / 95 = 8 of 10.
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hebei-changan-2019.json")));
        var bar = doc.QuerySelectorAll("svg.bars g.bar").Single(g => g.GetAttribute("data-path") == "满意度指标");
        var track = Pages.Number(bar.QuerySelector("rect.track")?.GetAttribute("width"));
        var fill = Pages.Number(bar.QuerySelector("rect.fill")?.GetAttribute("width"));
        Assert.Equal(0.8m, fill / track);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_tree_has_a_row_per_indicator_with_score_self_score_and_arithmetic(string example)
    {
        var result = Pages.Grade(example);
        var doc = Pages.Parse(ScorecardPage.Render(result));
        var rows = doc.QuerySelectorAll("table.tree tbody tr").ToList();

        Assert.Equal(result.Indicators.Length, rows.Count);
        var places = "F" + result.Scheme.Rounding.Places.ToString(CultureInfo.InvariantCulture);
        for (var n = 0; n < rows.Count; n++)
        {
            var i = result.Indicators[n];
            var row = rows[n];
            Assert.Equal(i.Path, row.GetAttribute("data-path"));
            Assert.StartsWith(i.Name, row.QuerySelector("td.name")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(i.IsNotApplicable ? "—" : i.Score.ToString(places, CultureInfo.InvariantCulture), row.QuerySelector("td.score")!.TextContent);
            Assert.Equal(i.SelfScore?.ToString("0.##########", CultureInfo.InvariantCulture) ?? string.Empty, row.QuerySelector("td.self")!.TextContent);
            Assert.StartsWith(i.Explanation.Arithmetic, row.QuerySelector("td.why")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(i.SelfScore is { } s && s != i.Score && !i.IsNotApplicable, row.ClassList.Contains("differs"));
        }
    }

    [Fact]
    public void A_self_score_that_differs_from_the_rule_is_marked_in_the_tree()
    {
        // DOMAIN.md §6, Hainan: execution 118.68 / 122.22 = 97.10%; the rule scores 9.71 where the report says 10.
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hainan-baoting-2021.json")));
        var row = doc.QuerySelectorAll("table.tree tbody tr").Single(tr => tr.GetAttribute("data-path") == "预算执行率");
        Assert.True(row.ClassList.Contains("differs"));
        Assert.Equal("9.71", row.QuerySelector("td.score")!.TextContent);
        Assert.Equal("10", row.QuerySelector("td.self")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_page_loads_nothing_and_carries_no_script(string example)
    {
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade(example)));

        Assert.Empty(doc.QuerySelectorAll("script, link, img, iframe, object, embed, video, audio, source, base, form"));
        Assert.DoesNotContain(doc.All, e => e.HasAttribute("src") || e.HasAttribute("href") || e.HasAttribute("xlink:href"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        var css = string.Concat(doc.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", css, StringComparison.OrdinalIgnoreCase);
        Assert.Single(doc.QuerySelectorAll("svg.bars"));
    }

    [Fact]
    public void The_page_reads_on_a_phone_and_prints_on_A4()
    {
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hunan-zhijiang-2020.json")));

        Assert.Equal("utf-8", doc.QuerySelector("meta[charset]")?.GetAttribute("charset"));
        Assert.Equal("width=device-width, initial-scale=1", doc.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        var css = doc.QuerySelector("style")!.TextContent;
        Assert.Contains("@page { size: A4;", css, StringComparison.Ordinal);
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 40em)", css, StringComparison.Ordinal);
        // The SVG scales with the page: a view box, no fixed pixel size.
        var svg = doc.QuerySelector("svg.bars")!;
        Assert.NotNull(svg.GetAttribute("viewBox"));
        Assert.Null(svg.GetAttribute("width"));
    }

    [Fact]
    public void Labels_are_in_Chinese_and_English_as_the_text_scorecard()
    {
        var text = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hunan-zhijiang-2020.json"))).Body!.TextContent;
        foreach (var label in new[] { "总分 Total", "等级 Grade", "分值 Weight", "得分 Score", "自评 Self", "计算 / 理由", "审核发现", "Findings", "报告所述 Reported", "错误", "Error" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_and_Write_give_the_same_page_and_the_same_result_gives_the_same_bytes()
    {
        var result = Pages.Grade("seed-hunan-zhijiang-2020.json");
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardPage.Write(result, writer);

        Assert.Equal(ScorecardPage.Render(result), writer.ToString());
        Assert.Equal(ScorecardPage.Render(result), ScorecardPage.Render(result));
        Assert.StartsWith("<!DOCTYPE html>", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_set_the_title_collapse_the_notes_and_stamp_the_time()
    {
        var result = Pages.Grade("seed-hunan-zhijiang-2020.json");
        var notes = result.Findings.Where(f => f.Severity == Severity.Info).ToList();
        Assert.NotEmpty(notes);
        var options = new ScorecardPageOptions { Title = "芷江 2020", ListNotes = false, GeneratedAt = new DateTimeOffset(2026, 12, 4, 1, 2, 3, TimeSpan.FromHours(8)) };
        var doc = Pages.Parse(ScorecardPage.Render(result, options));

        Assert.Equal("芷江 2020", doc.Title);
        var info = doc.QuerySelectorAll("#findings-info li.finding").ToList();
        Assert.Equal(notes.Select(f => f.Code).Distinct(StringComparer.Ordinal).Count(), info.Count);
        foreach (var li in info)
        {
            var code = li.GetAttribute("data-code");
            Assert.EndsWith("× " + notes.Count(f => f.Code == code).ToString(CultureInfo.InvariantCulture), li.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("2026-12-04 01:02:03 +08:00", doc.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("生成", ScorecardPage.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Hainan_execution_rate_is_compared_with_executed_over_planned()
    {
        // DOMAIN.md §6: 118.68 / 122.22 = 97.10% (97.1036…), as the report states 97.1%.
        var doc = Pages.Parse(ScorecardPage.Render(Pages.Grade("seed-hainan-baoting-2021.json")));
        var row = doc.QuerySelectorAll("#comparison tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.StartsWith("预算执行率", StringComparison.Ordinal));
        Assert.Equal(["97.1%", "97.10%", "0.00"], row.QuerySelectorAll("td").Take(3).Select(td => td.TextContent));
        Assert.Contains("一致", row.QuerySelectorAll("td")[3].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("zh-CN")]
    [InlineData("ar-SA")]
    public void The_page_is_the_same_under_any_culture(string culture)
    {
        var result = Pages.Grade("seed-hunan-zhijiang-2020.json");
        var options = new ScorecardPageOptions { GeneratedAt = new DateTimeOffset(2026, 12, 4, 1, 2, 3, TimeSpan.Zero) };
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string invariant, local;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            invariant = ScorecardPage.Render(result, options);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            local = ScorecardPage.Render(result, options);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
        }

        Assert.Equal(invariant, local);
        Assert.Contains("96.60", local, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_rendered_on_many_threads_at_once_are_the_same()
    {
        var results = Repo.ExampleFiles.Select(f => Pages.Grade(Path.GetFileName(f))).ToList();
        var expected = results.Select(r => ScorecardPage.Render(r)).ToList();
        var pages = new string[results.Count * 8];
        Parallel.For(0, pages.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => pages[n] = ScorecardPage.Render(results[n % results.Count]));
        for (var n = 0; n < pages.Length; n++)
        {
            Assert.Equal(expected[n % results.Count], pages[n]);
        }
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => ScorecardPage.Render(null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardPage.Write(Pages.Grade("seed-hebei-changan-2019.json"), null!)).ParamName);
    }

    [Theory]
    [InlineData("600", "8", "10", "480")]
    [InlineData("600", "12", "10", "600")]
    [InlineData("600", "-1", "10", "0")]
    [InlineData("100", "5", "0", "0")]
    public void Fill_width_is_in_proportion_and_stays_within_the_track(string track, string score, string weight, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture),
            ScorecardPage.FillWidth(decimal.Parse(track, CultureInfo.InvariantCulture), decimal.Parse(score, CultureInfo.InvariantCulture), decimal.Parse(weight, CultureInfo.InvariantCulture)));
}
