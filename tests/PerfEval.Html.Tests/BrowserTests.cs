using StbImageSharp;
using Xunit.Abstractions;

namespace PerfEval.Html.Tests;

/// <summary>
/// Issue 8 §2: each example's page opened in a real browser (headless chromium): the screenshot is a PNG that is not
/// blank, the bars were drawn, and the DOM chromium built holds the total, the grade and every finding code.
/// </summary>
public sealed class BrowserTests : IClassFixture<BrowserTests.Blank>
{
    private const int Width = 1024;
    private const int Height = 2000;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Blank _blank;
    private readonly ITestOutputHelper _output;

    public BrowserTests(Blank blank, ITestOutputHelper output) => (_blank, _output) = (blank, output);

    public static TheoryData<string> Examples() => Pages.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_page_renders_in_chromium_as_a_screenshot_that_is_not_blank(string example)
    {
        var result = Pages.Grade(example);
        using var dir = new TempDir();
        var page = dir.File("card.html", ScorecardPage.Render(result));
        var png = Path.Combine(dir.Path, "card.png");

        Chromium.Screenshot(page, png, Path.Combine(dir.Path, "profile"));

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(PngSignature, bytes.Take(8));
        // A white page of the same size compresses to almost nothing; text, tables and bars do not.
        Assert.True(bytes.Length > 4 * _blank.Length, $"{bytes.Length} bytes against {_blank.Length} for a blank page");
        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        Assert.Equal((Width, Height), (image.Width, image.Height));

        var colours = new HashSet<int>();
        long inked = 0, accent = 0;
        for (var p = 0; p < image.Data.Length; p += 3)
        {
            var (r, g, b) = (image.Data[p], image.Data[p + 1], image.Data[p + 2]);
            colours.Add((r << 16) | (g << 8) | b);
            if (r < 200 || g < 200 || b < 200) inked++;
            if ((r, g, b) == (0x1f, 0x5f, 0xae)) accent++;
        }

        var pixels = (long)Width * Height;
        _output.WriteLine($"{example}: {bytes.Length} bytes (blank {_blank.Length}), {colours.Count} colours, {inked} inked and {accent} accent pixels of {pixels}");
        // Anti-aliased CJK and Latin text gives many greys; the accent blue is the total, the grade and the bars.
        Assert.True(colours.Count >= 100, $"{colours.Count} distinct colours");
        Assert.True(inked * 100 > pixels * 3, $"{inked} of {pixels} pixels are not near white");
        // The SVG bars are filled in the accent colour (the total and the grade are too): at least three quarters of
        // the fill area the result calls for (600 units for the heaviest weight, 14 high; the SVG is drawn at ≥ 1 px a unit).
        var roots = result.Indicators.Where(i => i.Level == 1).ToList();
        var maxWeight = roots.Max(i => i.Weight);
        var fillArea = roots.Where(i => !i.IsNotApplicable).Sum(i => 600m * i.Weight / maxWeight * Math.Min(1m, i.Score / i.Weight) * 14m);
        Assert.True(accent > fillArea * 0.75m, $"{accent} pixels in the accent colour for a fill area of {fillArea}");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_DOM_chromium_builds_holds_the_total_the_grade_and_every_finding_code(string example)
    {
        var result = Pages.Grade(example);
        using var dir = new TempDir();
        var page = dir.File("card.html", ScorecardPage.Render(result));

        var doc = Pages.Parse(Chromium.DumpDom(page, Path.Combine(dir.Path, "profile")));

        Assert.Equal(Pages.Total(result), doc.GetElementById("total")?.TextContent);
        Assert.Equal(result.Grade.Name, doc.GetElementById("grade")?.TextContent);
        var codes = doc.QuerySelectorAll("li.finding code.code").Select(c => c.TextContent).ToHashSet(StringComparer.Ordinal);
        foreach (var f in result.Findings)
        {
            Assert.Contains(f.Code, codes);
        }

        Assert.Equal(result.Indicators.Count(i => i.Level == 1), doc.QuerySelectorAll("svg.bars g.bar").Length);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void On_a_phone_the_page_needs_no_sideways_scrolling_and_the_tree_becomes_cards(string example)
    {
        // The page has no script; this test's copy gets one that measures the laid-out page and writes the figures
        // into the DOM chromium dumps. (Headless chromium makes a window at least 500 px wide: still below 40 em.)
        const string Probe = "<script>var d = document.documentElement; document.body.setAttribute('data-probe', [innerWidth, d.clientWidth, d.scrollWidth,"
            + " getComputedStyle(document.querySelector('table.tree thead')).display, getComputedStyle(document.querySelector('table.tree tr')).display].join(' '));</script>";
        using var dir = new TempDir();
        var page = dir.File("card.html", ScorecardPage.Render(Pages.Grade(example)).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        var doc = Pages.Parse(Chromium.DumpDom(page, Path.Combine(dir.Path, "profile"), "390,800"));

        var probe = doc.Body?.GetAttribute("data-probe")?.Split(' ');
        Assert.True(probe is { Length: 5 }, "the probe did not run: " + doc.Body?.GetAttribute("data-probe"));
        _output.WriteLine($"{example}: viewport {probe[0]} px, client {probe[1]}, scroll {probe[2]}, thead {probe[3]}, row {probe[4]}");
        Assert.True(int.Parse(probe[0], System.Globalization.CultureInfo.InvariantCulture) < 640, $"viewport {probe[0]} px is not a phone's");
        Assert.True(int.Parse(probe[2], System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(probe[1], System.Globalization.CultureInfo.InvariantCulture),
            $"the page is {probe[2]} px wide in a {probe[1]} px screen");
        Assert.Equal(("none", "block"), (probe[3], probe[4]));
    }

    [Fact]
    public void The_page_prints_on_A4()
    {
        using var dir = new TempDir();
        var page = dir.File("card.html", ScorecardPage.Render(Pages.Grade("seed-hunan-zhijiang-2020.json")));
        var pdf = Path.Combine(dir.Path, "card.pdf");

        Chromium.PrintToPdf(page, pdf, Path.Combine(dir.Path, "profile"));

        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        // A4 is 210 × 297 mm = 595.28 × 841.89 points; chromium's default paper (Letter) would be 612 × 792.
        var boxes = System.Text.RegularExpressions.Regex.Matches(text, @"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]");
        Assert.NotEmpty(boxes);
        foreach (System.Text.RegularExpressions.Match box in boxes)
        {
            var (w, h) = (Pages.Number(box.Groups[3].Value) - Pages.Number(box.Groups[1].Value), Pages.Number(box.Groups[4].Value) - Pages.Number(box.Groups[2].Value));
            Assert.True(Math.Abs(w - 595.28m) < 1m && Math.Abs(h - 841.89m) < 1m, $"page {w} × {h} pt");
        }

        // Hunan's tree and findings are longer than one sheet: the page breaks onto more.
        _output.WriteLine($"{boxes.Count} A4 pages");
        Assert.True(boxes.Count >= 2, $"{boxes.Count} pages");
    }

    [Fact]
    public void A_CJK_font_is_installed_for_the_browser()
    {
        // Without one chromium draws Chinese as empty boxes; fonts-noto-cjk is what .ci/run installs.
        var (code, output, error) = Chromium.RunProgram("fc-list", TimeSpan.FromSeconds(30), ":lang=zh", "family");
        Assert.True(code == 0, "fc-list failed: " + error);
        Assert.True(output.Contains("Noto Sans CJK", StringComparison.Ordinal),
            "No Noto CJK font: apt-get install -y --no-install-recommends fonts-noto-cjk (.ci/run does). fc-list :lang=zh says:\n" + output);
    }

    [Fact]
    public void A_program_that_hangs_is_killed_at_the_time_limit()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.ThrowsAny<Exception>(() => Chromium.RunProgram("/bin/sh", TimeSpan.FromSeconds(1), "-c", "sleep 60"));
        Assert.Contains("was killed", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.ToString());
    }

    /// <summary>The size of a screenshot of an empty page, taken once for the class.</summary>
    public sealed class Blank
    {
        public Blank()
        {
            using var dir = new TempDir();
            var page = dir.File("blank.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>");
            var png = Path.Combine(dir.Path, "blank.png");
            Chromium.Screenshot(page, png, Path.Combine(dir.Path, "profile"));
            Length = new FileInfo(png).Length;
        }

        public long Length { get; }
    }
}
