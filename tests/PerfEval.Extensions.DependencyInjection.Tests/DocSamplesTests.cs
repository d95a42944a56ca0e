using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NRules.Fluent.Dsl;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Extensions.DependencyInjection.Tests;

// A host's own NRules rule, written in plain NRules fluent DSL against PerfEval's public facts; docs/rules-engine.md
// quotes it and HostRulesTests tests it. It must stay the only rule class in this assembly: samples load the whole assembly.
// sample: hostrule
public sealed class LowExecutionDeduction : Rule
{
    public override void Define()
    {
        ProjectEvaluation evaluation = default!;
        When().Match(() => evaluation, e => e.Budget != null && e.Budget.ExecutionRatePercent < 98m);
        Then()
            .Yield(_ => new ScoreAdjustment("预算执行率低于98%", -1m))
            .Yield(_ => new Finding("LowExecution", Severity.Warning, "预算执行率",
                "预算执行率低于 98%，按本单位规定扣 1 分", "Budget execution below 98%: 1 point off by the unit's own rule"));
    }
}
// end

[CollectionDefinition(nameof(DocSamples), DisableParallelization = true)]
public sealed class DocSamples;

/// <summary>
/// The C# samples of README.md and docs/rules-engine.md, compiled and run here (docs/getting-started.md's blocks are
/// whole programs, compiled and run on their own by <see cref="GettingStartedTests"/>). Each sample's body is
/// quoted in the docs line for line; <see cref="Every_csharp_block_in_the_docs_is_a_sample_here"/> checks that.
/// The samples use paths relative to the repository root, so these tests run there (not in parallel).
/// </summary>
[Collection(nameof(DocSamples))]
public sealed partial class DocSamplesTests : IDisposable
{
    private readonly string _cwd = Environment.CurrentDirectory;
    private readonly TempDir _dir = new();

    public DocSamplesTests() => Environment.CurrentDirectory = Repo.Root;

    public void Dispose()
    {
        Environment.CurrentDirectory = _cwd;
        _dir.Dispose();
    }

    [Fact]
    public void Grade_one_file()
    {
        // sample: grade
        var services = new ServiceCollection();
        services.AddPerfEval();
        using var provider = services.BuildServiceProvider();
        var grader = provider.GetRequiredService<IGrader>();

        ProjectEvaluation evaluation = EvaluationFile.Load("docs/examples/seed-hunan-zhijiang-2020.json");
        GradingResult result = grader.Grade(evaluation);
        Console.WriteLine(FormattableString.Invariant($"{result.Total} {result.Grade.Name}"));   // 96.6 优秀
        // end

        Assert.Equal(96.6m, result.Total);
        Assert.Equal("优秀", result.Grade.Name);
        Assert.Equal("96.6 优秀", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Total} {result.Grade.Name}"));
    }

    [Fact]
    public void Read_the_result()
    {
        var result = new Grader().Grade(EvaluationFile.Load("docs/examples/seed-hunan-zhijiang-2020.json"));
        var lines = new List<string>();
        void WriteLine(string s) => lines.Add(s);

        // sample: read
        foreach (IndicatorResult i in result.Indicators.Where(i => i.IsLeaf))
        {
            // e.g. 效果/项目效益/公众满意度  8 of 9  "8 / 9"
            WriteLine(FormattableString.Invariant($"{i.Path}  {i.Score} of {i.Weight}  \"{i.Explanation.Arithmetic}\""));
        }

        IndicatorResult satisfaction = result["效果/项目效益/公众满意度"];
        bool stated96 = result.Has(FindingCodes.ReportedTotalMismatch);   // the report says 96
        foreach (Finding f in result.Findings.Where(f => f.Severity >= Severity.Warning))
        {
            WriteLine($"{f.Severity} {f.Code} {f.Path}: {f.MessageEn}");
        }

        string json = ResultFile.ToJson(result);   // the result file, as `perfeval grade --format json` prints it
        // end

        Assert.Equal(8m, satisfaction.Score);
        Assert.Equal(9m, satisfaction.Weight);
        Assert.True(stated96);
        Assert.True(lines.Contains("效果/项目效益/公众满意度  8 of 9  \"8 / 9\""), string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("Error ReportedTotalMismatch :", StringComparison.Ordinal));
        Assert.Contains("\"total\": 96.6", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_a_batch()
    {
        var path = Path.Combine(_dir.Path, "projects.jsonl");
        var one = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText("docs/examples/seed-hunan-zhijiang-2020.json")).RootElement);
        // Ids are unique within a batch (a repeated id is an error record), so the third line is the same report under another id.
        var two = one.Replace("\"id\":\"seed-hunan-zhijiang-2020\"", "\"id\":\"seed-hunan-zhijiang-2020-b\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, $"{one}\n{{ not json\n{two}\n");
        var services = new ServiceCollection();
        services.AddPerfEval();
        using var provider = services.BuildServiceProvider();
        var cancellationToken = CancellationToken.None;
        var totals = new List<decimal>();
        var errors = new List<string>();

        // sample: batch
        var batchGrader = provider.GetRequiredService<Grader>();   // the same singleton as IGrader
        await using var input = File.OpenRead(path);                 // JSON Lines: one evaluation a line
        var options = new BatchOptions { MaxDegreeOfParallelism = 2, ChunkSize = 256 };
        await foreach (BatchResult record in batchGrader.GradeAllAsync(input, options, "batch.jsonl", cancellationToken))
        {
            if (record.IsError)
            {
                errors.Add($"line {record.Line}: {record.Error.Message}");   // the batch goes on
            }
            else
            {
                totals.Add(record.Result.Total);
            }
        }
        // end

        Assert.Equal([96.6m, 96.6m], totals);
        var error = Assert.Single(errors);
        Assert.StartsWith("line 2: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_a_region_scheme_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "schemes"));
        File.WriteAllText(Path.Combine(_dir.Path, "schemes", "example-county-2020.json"), """
            {
              "format": "perfeval/scheme@1",
              "id": "example-county-2020",
              "extends": "hunan-2020",
              "name": "示例县专项业务经费绩效自评（2020）",
              "region": "示例县",
              "sources": ["示例"],
              "grades": [
                { "name": "优秀", "nameEn": "Excellent", "min": 97 },
                { "name": "良好", "nameEn": "Good", "min": 80 },
                { "name": "中", "nameEn": "Fair", "min": 60 },
                { "name": "差", "nameEn": "Poor", "min": 0 }
              ]
            }
            """);
        Environment.CurrentDirectory = _dir.Path;
        var hunan = Path.Combine(Repo.Root, "docs", "examples", "seed-hunan-zhijiang-2020.json");
        var hunanText = File.ReadAllText(hunan).Replace("\"scheme\": \"hunan-2020\"", "\"scheme\": \"example-county-2020\"", StringComparison.Ordinal);
        Directory.CreateDirectory("docs/examples");
        File.WriteAllText("docs/examples/example-county.json", hunanText);

        // sample: scheme
        var services = new ServiceCollection();
        services.AddPerfEval(options => options.SchemeFiles.Add("schemes/example-county-2020.json"));
        using var provider = services.BuildServiceProvider();
        var grader = provider.GetRequiredService<IGrader>();

        var result = grader.Grade(EvaluationFile.Load("docs/examples/example-county.json"));
        Console.WriteLine(FormattableString.Invariant($"{result.Total} {result.Grade.Name}"));   // 96.6 良好: 优秀 starts at 97 here
        // end

        Assert.Equal("example-county-2020", result.Scheme.Id);
        Assert.Equal(96.6m, result.Total);
        Assert.Equal("良好", result.Grade.Name);
        Assert.True(result.Has(FindingCodes.ReportedGradeMismatch)); // the report says 优秀
    }

    [Fact]
    public void Handle_bad_input()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "report.json"), "{ \"format\": \"perfeval/evaluation@1\", \"weight\": \"40\" }");
        Environment.CurrentDirectory = _dir.Path;
        var seen = new List<string>();
        void WriteLine(string s) => seen.Add(s);

        // sample: errors
        try
        {
            var evaluation = EvaluationFile.Load("report.json");
        }
        catch (EvaluationException e)   // SchemeException for scheme files; both are PerfEvalException
        {
            foreach (Problem p in e.Problems)
            {
                WriteLine($"{e.File}:{p.Line} {p.JsonPath} {p.Code}: {p.MessageEn}");
            }
        }
        // end

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.StartsWith("report.json:1 $", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Regrade_live()
    {
        var grader = new Grader();
        var codes = new List<string>();
        void WriteLine(string s) => codes.Add(s);

        // sample: live
        using LiveGrading live = grader.Open(EvaluationFile.Load("docs/examples/seed-hebei-changan-2019.json"));
        const string satisfaction = "满意度指标/满意度指标/受益对象满意度";   // target 95%, actual 76%: 8 of 10, total 98

        live.SetActual(satisfaction, "95%");      // the leaf's fact is replaced; its rule, the sums above it, total, grade, audit follow
        GradingResult now = live.Result;          // 100 优秀, and SelfScoreDiffersFromRule: the self-score still says 8
        live.SetSelfScore(satisfaction, 10m);     // the finding goes with its cause

        try
        {
            live.SetActual("满意度指标/没有这个指标", "97%");
        }
        catch (EvaluationException e)   // a typed error (here UnknownIndicator); the grading is as it was
        {
            WriteLine(e.Problems[0].Code);
        }
        // end

        Assert.Equal(100m, now.Total);
        Assert.Equal("优秀", now.Grade.Name);
        Assert.Contains(now.Findings, f => f.Code == FindingCodes.SelfScoreDiffersFromRule && f.Path == satisfaction);
        Assert.DoesNotContain(live.Result.Findings, f => f.Code == FindingCodes.SelfScoreDiffersFromRule);
        Assert.Equal(["UnknownIndicator"], codes);
        Assert.Equal(ResultFile.ToJson(grader.Grade(live.Evaluation)), ResultFile.ToJson(live.Result));
    }

    [Fact]
    public void Add_host_rules()
    {
        var lines = new List<string>();
        void WriteLine(string s) => lines.Add(s);

        // sample: hostrules
        var services = new ServiceCollection();
        services.AddPerfEval(o => o.Rules.From(typeof(LowExecutionDeduction).Assembly));   // every rule class in it, every scheme
        using var provider = services.BuildServiceProvider();
        var grader = provider.GetRequiredService<IGrader>();

        var result = grader.Grade(EvaluationFile.Load("docs/examples/seed-hainan-baoting-2021.json"));
        WriteLine(FormattableString.Invariant($"{result.Total} {result.Grade.Name}"));   // 98.03 优: 99.03 less the host's point
        WriteLine(result.TotalExplanation.Arithmetic);   // … = 99.03; 预算执行率低于98% −1 → 98.03
        // end

        Assert.Equal("98.03 优", lines[0]);
        Assert.EndsWith("= 99.03; 预算执行率低于98% −1 → 98.03", lines[1], StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "LowExecution");
    }

    [Fact]
    public void Add_host_rules_to_one_scheme()
    {
        // sample: hostrulesscheme
        var hostRules = new HostRules().ForScheme("hainan-2021", typeof(LowExecutionDeduction));   // this scheme's gradings only
        var grader = new Grader(SchemeCatalog.Default, hostRules);   // takes a copy: later additions do not change it
        var hainan = grader.Grade(EvaluationFile.Load("docs/examples/seed-hainan-baoting-2021.json"));   // 98.03
        // end

        Assert.Equal(98.03m, hainan.Total);
        Assert.Equal(99.03m, new Grader(SchemeCatalog.Default, new HostRules().ForScheme("hunan-2020", typeof(LowExecutionDeduction)))
            .Grade(EvaluationFile.Load("docs/examples/seed-hainan-baoting-2021.json")).Total);
    }

    // ───────────────────────────── the docs quote these samples ─────────────────────────────

    public static TheoryData<string> Pages() => ["README.md", "docs/rules-engine.md"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_in_the_docs_is_a_sample_here(string page)
    {
        var source = Path.Combine(Repo.Root, "tests", "PerfEval.Extensions.DependencyInjection.Tests", "DocSamplesTests.cs");
        var samples = DocBlocks.Samples(File.ReadAllText(source));
        var blocks = DocBlocks.CSharp(File.ReadAllText(Path.Combine(Repo.Root, page)));

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            var text = DocBlocks.Normalize(block);
            Assert.True(samples.Any(s => s.Contains(text, StringComparison.Ordinal)), $"{page}: this block is not a compiled sample in DocSamplesTests.cs:\n{block}");
        }
    }



}
