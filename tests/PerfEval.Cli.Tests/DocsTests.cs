using System.Text.RegularExpressions;

namespace PerfEval.Cli.Tests;

/// <summary>The README and the pages under docs/ say what the program does: quoted output is real, links resolve.</summary>
public sealed partial class DocsTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo.Root, relative));

    [Fact]
    public void Readme_gives_the_two_commands_for_a_fresh_machine()
    {
        var readme = Read("README.md");

        Assert.Contains("\ndotnet run --project src/PerfEval.Cli -- grade docs/examples/seed-hunan-zhijiang-2020.json\n", readme, StringComparison.Ordinal);
        Assert.Contains("\ndotnet test PerfEval.sln -c Release\n", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test PerfEval.sln -c Release", Read(".ci/run"), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_scorecard_excerpt_is_what_grade_prints()
    {
        var excerpt = TextBlockRegex().Match(Read("README.md"));
        Assert.True(excerpt.Success, "README.md has no ```text block");
        var output = CliRun.Of("grade", Repo.Hunan).Out
            .ReplaceLineEndings("\n").Split('\n');

        var quoted = excerpt.Groups[1].Value.Split('\n').Where(l => l.Length > 0 && l != "…").ToList();
        Assert.True(quoted.Count >= 20, $"only {quoted.Count} lines quoted");
        // Each run of quoted lines between "…" appears in the output in order, line for line.
        var at = 0;
        foreach (var line in quoted)
        {
            var found = Array.IndexOf(output, line, at);
            Assert.True(found >= 0, $"README quotes a line the scorecard does not print (after line {at}):\n{line}");
            at = found + 1;
        }
    }

    /// <summary>The host-facing pages. (Other pages' links are their owners' to check: docs/rules-engine.md links a
    /// performance.md that does not exist yet.)</summary>
    public static TheoryData<string> Pages() => ["README.md", "docs/architecture.md", "docs/getting-started.md", "docs/examples/README.md"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves(string page)
    {
        var dir = Path.GetDirectoryName(Path.Combine(Repo.Root, page))!;
        foreach (Match m in LinkRegex().Matches(Read(page)))
        {
            var target = m.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(dir, target.Split('#')[0]));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{page} links to {target}, which does not exist");
        }
    }

    [Fact]
    public void Readme_links_every_page_under_docs()
    {
        var links = LinkRegex().Matches(Read("README.md")).Select(m => m.Groups[1].Value.Split('#')[0]).ToHashSet(StringComparer.Ordinal);

        foreach (var page in Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, page).Replace('\\', '/');
            Assert.True(links.Contains(relative), $"README.md does not link {relative}");
        }
    }

    [Fact]
    public void Architecture_names_the_rule_sets_the_grader_runs()
    {
        var architecture = Read("docs/architecture.md");

        foreach (var tag in new[] { "`scoring`", "`rollup`", "`grading`", "`policy`", "`audit`" })
        {
            Assert.Contains(tag, architecture, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TextBlockRegex();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkRegex();
}
