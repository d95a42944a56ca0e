using System.Text.RegularExpressions;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Html.Tests;

[CollectionDefinition(nameof(WorkingDirectory), DisableParallelization = true)]
public sealed class WorkingDirectory;

/// <summary>docs/scorecard.md's C# sample, compiled and run here, and its claims that a test can check.</summary>
[Collection(nameof(WorkingDirectory))]
public sealed partial class DocsTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo.Root, relative));

    [Fact]
    public void The_sample_writes_a_page_and_renders_one()
    {
        var cwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Repo.Root;
        try
        {
            // sample: write
            GradingResult result = new Grader().Grade(EvaluationFile.Load("docs/examples/seed-hunan-zhijiang-2020.json"));

            var path = Path.Combine(Path.GetTempPath(), "card.html");
            using (var file = new StreamWriter(path))                 // UTF-8, as the page's <meta charset> says
            {
                ScorecardPage.Write(result, file);
            }

            string html = ScorecardPage.Render(result, new ScorecardPageOptions { ListNotes = false });
            // end

            var written = File.ReadAllBytes(path);
            Assert.False(written.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), "no byte-order mark");
            Assert.Equal(ScorecardPage.Render(result), System.Text.Encoding.UTF8.GetString(written));
            Assert.Equal("96.60", Pages.Parse(html).GetElementById("total")?.TextContent);
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }

    [Fact]
    public void Every_csharp_block_of_the_page_is_the_sample_here()
    {
        var source = Read("tests/PerfEval.Html.Tests/DocsTests.cs");
        var samples = DocBlocks.Samples(source);
        var blocks = DocBlocks.CSharp(Read("docs/scorecard.md")).Select(DocBlocks.Normalize).ToList();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.Contains(samples, s => s.Contains(b, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_page_shows_the_committed_screenshot_and_the_readme_links_both()
    {
        Assert.Contains("(images/scorecard-hunan-zhijiang-2020.png)", Read("docs/scorecard.md"), StringComparison.Ordinal);
        var readme = Read("README.md");
        Assert.Contains("(docs/images/scorecard-hunan-zhijiang-2020.png)", readme, StringComparison.Ordinal);
        Assert.Contains("(docs/scorecard.md)", readme, StringComparison.Ordinal);
        var png = File.ReadAllBytes(Path.Combine(Repo.Root, "docs", "images", "scorecard-hunan-zhijiang-2020.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png.Take(4));
    }



}
