using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace PerfEval.Extensions.DependencyInjection.Tests;

/// <summary>
/// docs/hosting.md as pasted: each ```csharp block compiles on its own as the Program.cs of a <c>dotnet new web</c>
/// project that added the PerfEval packages — the .NET and ASP.NET Core shared frameworks (which carry
/// Microsoft.Extensions.Hosting, Logging, Options and Configuration), the PerfEval assemblies and NRules, the console
/// SDK's implicit usings and nothing of the tests. The last block (the MeterListener) is run and must print what the
/// page says it prints.
/// </summary>
[Collection(nameof(DocSamples))]
public sealed partial class HostingDocTests : IDisposable
{
    private const string Page = "docs/hosting.md";

    private readonly string _cwd = Environment.CurrentDirectory;
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        Environment.CurrentDirectory = _cwd;
        _dir.Dispose();
    }

    private static List<string> Blocks() =>
        DocBlocks.CSharp(File.ReadAllText(Path.Combine(Repo.Root, Page)).ReplaceLineEndings("\n"));

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Blocks().Count)];

    /// <summary>The shared frameworks a web project references, then the packages' own assemblies (not those the frameworks carry).</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> WebReferences = new(() =>
    {
        var netcore = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(netcore))!;
        var version = Path.GetFileName(netcore);
        var aspnet = Path.Combine(shared, "Microsoft.AspNetCore.App", version);
        if (!Directory.Exists(aspnet))
        {
            aspnet = Directory.GetDirectories(Path.Combine(shared, "Microsoft.AspNetCore.App"), version.Split('.')[0] + ".*").Order(StringComparer.Ordinal).Last();
        }

        var packages = new[] { "PerfEval.dll", "PerfEval.Extensions.DependencyInjection.dll", "NRules.dll", "NRules.Fluent.dll", "NRules.RuleModel.dll" }
            .Select(n => Path.Combine(AppContext.BaseDirectory, n));
        return [.. Directory.GetFiles(netcore, "*.dll").Concat(Directory.GetFiles(aspnet, "*.dll")).Where(GettingStartedTests.IsManaged).Concat(packages)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    [Fact]
    public void The_page_has_the_web_app_the_worker_and_the_listener()
    {
        var blocks = Blocks();
        Assert.Equal(3, blocks.Count);
        Assert.Contains("WebApplication.CreateBuilder", blocks[0], StringComparison.Ordinal);
        Assert.Contains("BackgroundService", blocks[1], StringComparison.Ordinal);
        Assert.Contains("MeterListener", blocks[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Each_csharp_block_compiles_alone_as_a_web_projects_program(int index)
    {
        var code = Blocks()[index];
        var (image, problems) = GettingStartedTests.Compile(code, "Hosting" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), WebReferences.Value);
        Assert.True(image is not null && problems.Count == 0, $"{Page} block {index + 1} does not compile on its own:\n{string.Join("\n", problems)}\n{code}");
    }

    [Fact]
    public void The_listener_block_prints_the_grading_and_findings_the_page_shows()
    {
        var (image, problems) = GettingStartedTests.Compile(Blocks()[^1], "HostingListener", WebReferences.Value);
        Assert.True(image is not null, string.Join("\n", problems));
        File.Copy(Repo.Hunan, Path.Combine(_dir.Path, "seed-hunan-zhijiang-2020.json"));
        Environment.CurrentDirectory = _dir.Path;

        var lines = GettingStartedTests.Run(image).Split('\n', StringSplitOptions.TrimEntries);
        // The page's comments: one grading tagged hunan-2020 and 优秀; 16 findings (the README's scorecard), one a ReportedTotalMismatch.
        Assert.Single(lines, l => l == "perfeval.gradings +1 scheme=hunan-2020, grade=优秀");
        Assert.Equal(16, lines.Count(l => l.StartsWith("perfeval.findings +1 code=", StringComparison.Ordinal)));
        Assert.Single(lines, l => l == "perfeval.findings +1 code=ReportedTotalMismatch");
        Assert.Contains("16 findings", lines);
    }

}
