using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PerfEval.Extensions.DependencyInjection.Tests;

/// <summary>
/// Issue 12 §2: docs/getting-started.md runs as pasted in a new project. Each ```csharp block is compiled on its own
/// as a whole Program.cs (Roslyn, in process) against only what a new console project that followed § 1 has — the
/// .NET 10 framework, the PerfEval packages and what they bring (NRules, Microsoft.Extensions.DependencyInjection, logging and options abstractions),
/// and the SDK's implicit usings of a console project — then run in an empty directory holding only the files
/// § 1's <c>cp</c> lines copy. Nothing of the tests (no variables, no usings, no files, not this assembly) is supplied.
/// </summary>
[Collection(nameof(DocSamples))]
public sealed partial class GettingStartedTests : IDisposable
{
    private const string Page = "docs/getting-started.md";

    /// <summary>What each block, in page order, must print: a program that runs but says something else fails.</summary>
    private static readonly string[][] Expected =
    [
        ["96.6 优秀"],
        ["True"],
        ["效果/项目效益/公众满意度  8 of 9  \"8 / 9\"", "Error ReportedTotalMismatch :", "8 of 9; stated 96: True"],
        ["line 1: 96.6", "line 2: projects.jsonl: "],
        ["96.6 良好"],
        ["report.json:1 $"],
        ["100 优秀", "UnknownIndicator"],
        ["98.03 优"],
    ];

    /// <summary>The usings <c>dotnet new console</c> projects get (ImplicitUsings, Microsoft.NET.Sdk).</summary>
    internal const string SdkImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private readonly string _cwd = Environment.CurrentDirectory;
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        Environment.CurrentDirectory = _cwd;
        _dir.Dispose();
    }

    private static string Text() => File.ReadAllText(Path.Combine(Repo.Root, Page)).ReplaceLineEndings("\n");

    public static TheoryData<int> Blocks() => [.. Enumerable.Range(0, DocBlocks.CSharp(Text()).Count)];

    [Fact]
    public void Every_block_has_its_expected_output_here()
    {
        Assert.Equal(Expected.Length, DocBlocks.CSharp(Text()).Count);
    }

    /// <summary>The only references a new project has: the shared framework and the packages' assemblies — not this test assembly, not xunit.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var packages = new[] { "PerfEval.dll", "PerfEval.Extensions.DependencyInjection.dll", "NRules.dll", "NRules.Fluent.dll", "NRules.RuleModel.dll",
            "Microsoft.Extensions.DependencyInjection.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
            // What PerfEval's packages bring along for logging and the options pattern.
            "Microsoft.Extensions.Logging.Abstractions.dll", "Microsoft.Extensions.Options.dll", "Microsoft.Extensions.Primitives.dll",
            "Microsoft.Extensions.Options.ConfigurationExtensions.dll", "Microsoft.Extensions.Configuration.Abstractions.dll",
            "Microsoft.Extensions.Configuration.Binder.dll" }
            .Select(n => Path.Combine(AppContext.BaseDirectory, n));
        return [.. Directory.GetFiles(framework, "*.dll").Where(IsManaged).Concat(packages)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    internal static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private void CopyWhatSection1Copies()
    {
        var copies = CopyRegex().Matches(Text()).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(copies);
        foreach (var relative in copies)
        {
            File.Copy(Path.Combine(Repo.Root, relative), Path.Combine(_dir.Path, Path.GetFileName(relative)));
        }
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_csharp_block_compiles_alone_as_a_program_and_runs(int index)
    {
        var code = DocBlocks.CSharp(Text())[index];
        var (image, problems) = Compile(code, "GettingStarted" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(image is not null && problems.Count == 0,
            $"{Page} block {index + 1} does not compile as a program on its own:\n{string.Join("\n", problems)}\n{code}");

        CopyWhatSection1Copies();
        Environment.CurrentDirectory = _dir.Path;
        var printed = Run(image);
        foreach (var expected in Expected[index])
        {
            Assert.True(printed.Contains(expected, StringComparison.Ordinal), $"{Page} block {index + 1} printed:\n{printed}\nnot: {expected}");
        }
    }

    /// <summary>Runs a compiled program in this process and returns what it printed.</summary>
    internal static string Run(byte[] image)
    {
        var output = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(output);
        try
        {
            var entry = Assembly.Load(image).EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(stdout);
        }

        return output.ToString();
    }

    /// <summary>The program's image, or null, and its errors and warnings (nullable on, as in a new project).</summary>
    /// <remarks><see cref="HostingDocTests"/> compiles docs/hosting.md with other references (a web project's).</remarks>
    internal static (byte[]? Image, List<Diagnostic> Problems) Compile(string code, string name, IEnumerable<MetadataReference>? references = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(SdkImplicitUsings, parse, "GlobalUsings.g.cs"), CSharpSyntaxTree.ParseText(code, parse, "Program.cs")],
            references ?? References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        return (emitted.Success ? image.ToArray() : null, [.. emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)]);
    }

    /// <summary>The check itself: what the issue found in the old page (a missing using, an undeclared variable, a test-only type) fails it.</summary>
    [Theory]
    [InlineData("var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();\nservices.AddPerfEval();", "CS1061")]
    [InlineData("using PerfEval.Grading;\nforeach (IndicatorResult i in result.Indicators) Console.WriteLine(i.Path);", "CS0103")]
    [InlineData("Console.WriteLine(typeof(LowExecutionDeduction));", "CS0246")]
    [InlineData("Console.WriteLine(typeof(Xunit.Assert));", "CS0246")]
    public void A_block_that_leans_on_the_test_harness_does_not_compile(string code, string error)
    {
        var (image, problems) = Compile(code, "Leaning");
        Assert.Null(image);
        Assert.Contains(problems, d => d.Id == error);
    }


    [GeneratedRegex(@"^cp \.\./perfeval/(\S+) \.$", RegexOptions.Multiline)]
    private static partial Regex CopyRegex();
}
