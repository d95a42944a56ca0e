using PerfEval.Model;

namespace PerfEval.Html.Tests;

/// <summary>Issue 8 §2: every text from the input is HTML-escaped; markup in a name or a value shows as text.</summary>
public sealed class EscapingTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";

    // An indicator name cannot hold '/' (it separates paths; the builder refuses it), so the names carry the
    // breakout and an unclosed <script> tag, which in a page would swallow everything after it.
    private const string OpenScript = "<script>alert(1)";

    private static ProjectEvaluation Hostile() => Evaluation(Script, Breakout, OpenScript);

    private static ProjectEvaluation Evaluation(string script, string breakout, string openScript)
    {
        var b = new EvaluationBuilder("p-xss", "national-2020")
        {
            Name = script + " 项目",
            Unit = breakout,
            Region = script,
            Source = breakout,
            Reported = new ReportedFigures(Total: 90m, Grade: script),
        };
        b.Notes.Add(script + breakout);
        var output = b.Add("产出指标" + breakout, 60);
        output.Add(openScript, 30).Target = "≥95%";
        output.Children[0].Actual = script;
        output.Children[0].DeviationReason = breakout;
        output.Children[0].SelfScore = 40;
        var second = output.Add(breakout, 30);
        second.Target = "≥95%";
        second.Actual = breakout;
        b.Add("满意度指标", 40).Method = ScoringMethod.Assessed;
        b.Indicators[1].SelfScore = 38;
        return b.Build();
    }

    [Fact]
    public void Markup_in_names_and_values_appears_as_text_and_makes_no_element()
    {
        var result = Pages.Grade(Hostile());
        var html = ScorecardPage.Render(result, new ScorecardPageOptions { Title = Script });
        var doc = Pages.Parse(html);

        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(Script, doc.Title);
        Assert.Equal(Script + " 项目", doc.GetElementById("project-name")?.TextContent);
        var facts = doc.QuerySelectorAll(".facts dd").Select(d => d.TextContent).ToList();
        Assert.Contains(Breakout, facts);                      // unit, source
        Assert.Contains(Script, facts);                        // region
        var rows = doc.QuerySelectorAll("table.tree tbody tr").ToList();
        var leaf = rows.Single(r => r.GetAttribute("data-path") == "产出指标" + Breakout + "/" + OpenScript);
        Assert.Equal(OpenScript, leaf.QuerySelector("td.name")!.TextContent);
        Assert.StartsWith(Script, leaf.QuerySelectorAll("td")[3].TextContent, StringComparison.Ordinal);
        Assert.EndsWith(Breakout, leaf.QuerySelectorAll("td")[3].TextContent, StringComparison.Ordinal);
        var other = rows.Single(r => r.GetAttribute("data-path") == "产出指标" + Breakout + "/" + Breakout);
        Assert.Equal(Breakout, other.QuerySelector("td.name")!.TextContent);
        Assert.Equal(Breakout, other.QuerySelectorAll("td")[3].TextContent);
        Assert.Contains(doc.QuerySelectorAll("svg.bars g.bar"), g => g.GetAttribute("data-path") == "产出指标" + Breakout
            && g.QuerySelector("text.bar-name")!.TextContent == "产出指标" + Breakout);
        Assert.Equal(Script, doc.QuerySelectorAll("#comparison tbody tr")[1].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal(Script + Breakout, doc.QuerySelector("#notes li")?.TextContent);

        // Findings quote the input in their messages and paths: text there too. The page has as many elements as a
        // page of the same shape with harmless text, so nothing of the input became markup.
        Assert.Contains(doc.QuerySelectorAll("li.finding .path"), p => p.TextContent.Contains(Breakout, StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_hostile_page_has_the_same_elements_as_a_page_with_harmless_text()
    {
        // The same evaluation with each hostile string replaced by harmless text that reads the same way (all
        // three are unreadable as values): had any markup of the input got through, the hostile tree would have
        // more elements than this one.
        static List<string> Shape(ProjectEvaluation e) => [.. Pages.Parse(ScorecardPage.Render(Pages.Grade(e))).All.Select(x => x.LocalName)];
        var plain = Evaluation("script alert(1) script", "img src x onerror alert(1)", "script alert(1)");

        Assert.Equal(Shape(plain), Shape(Hostile()));
    }

    [Fact]
    public void Chinese_text_stays_readable_in_the_file()
    {
        // The encoder escapes markup characters only: 芷江 is in the source as it is, not as &#x82B7;&#x6C5F;.
        var html = ScorecardPage.Render(Pages.Grade("seed-hunan-zhijiang-2020.json"));
        Assert.Contains("芷江侗族自治县人力资源和社会保障局", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x82B7;", html, StringComparison.OrdinalIgnoreCase);
    }
}
