using Microsoft.Extensions.DependencyInjection;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Extensions.DependencyInjection.Tests;

/// <summary><c>services.AddPerfEval()</c> with Microsoft.Extensions.DependencyInjection's container.</summary>
public sealed class PerfEvalServiceCollectionExtensionsTests
{
    /// <summary>A standalone scheme (extends nothing) with the national frame and its own grades.</summary>
    internal const string StandaloneScheme = """
        {
          "format": "perfeval/scheme@1",
          "id": "standalone-2024",
          "name": "独立方案（测试）",
          "region": "测试地区",
          "frame": [
            { "name": "预算执行率", "weight": 10, "aliases": ["预算执行率指标"] },
            { "name": "产出指标", "weight": 40 },
            { "name": "效益指标", "weight": 40 },
            { "name": "满意度指标", "weight": 10 }
          ],
          "defaults": {
            "positive": { "kind": "proportional" },
            "negative": { "kind": "reverseLinear" },
            "equal": { "kind": "equal", "otherwise": "zero" },
            "qualitative": { "kind": "qualitative" },
            "executionRate": { "kind": "executionRate" }
          },
          "grades": [
            { "name": "A", "min": 95 },
            { "name": "B", "min": 0 }
          ]
        }
        """;

    private static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Grader_and_catalog_are_singletons()
    {
        using var provider = Build(s => s.AddPerfEval());
        using var scope = provider.CreateScope();

        var grader = provider.GetRequiredService<IGrader>();
        Assert.Same(grader, provider.GetRequiredService<IGrader>());
        Assert.Same(grader, scope.ServiceProvider.GetRequiredService<IGrader>());
        Assert.Same(grader, provider.GetRequiredService<Grader>());
        var catalog = provider.GetRequiredService<SchemeCatalog>();
        Assert.Same(catalog, scope.ServiceProvider.GetRequiredService<SchemeCatalog>());
        Assert.Same(catalog, provider.GetRequiredService<Grader>().Catalog);
    }

    [Fact]
    public void Registrations_are_singleton_descriptors()
    {
        var services = new ServiceCollection().AddPerfEval();

        foreach (var type in new[] { typeof(IGrader), typeof(Grader), typeof(SchemeCatalog), typeof(PerfEvalOptions) })
        {
            var descriptor = Assert.Single(services, d => d.ServiceType == type);
            Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        }
    }

    [Fact]
    public void The_default_catalog_holds_the_seven_built_in_schemes()
    {
        using var provider = Build(s => s.AddPerfEval());

        var ids = provider.GetRequiredService<SchemeCatalog>().Schemes.Select(s => s.Id);

        Assert.Equal(
            ["framework-2013", "guangdong-2021", "hainan-2021", "hebei-shijiazhuang-2019", "hunan-2020", "national-2020", "sichuan-2021"],
            ids);
    }

    [Fact]
    public void The_resolved_grader_grades_an_example()
    {
        using var provider = Build(s => s.AddPerfEval());
        var grader = provider.GetRequiredService<IGrader>();

        var result = grader.Grade(EvaluationFile.Load(Repo.Hunan));

        Assert.Equal(96.6m, result.Total);
        Assert.Equal("优秀", result.Grade.Name);
        Assert.True(result.Has(FindingCodes.ReportedTotalMismatch));
    }

    [Fact]
    public void Without_built_in_schemes_the_catalog_holds_only_the_scheme_file()
    {
        using var dir = new TempDir();
        var file = dir.File("standalone.json", StandaloneScheme);
        using var provider = Build(s => s.AddPerfEval(o =>
        {
            o.IncludeBuiltInSchemes = false;
            o.SchemeFiles.Add(file);
        }));
        var catalog = provider.GetRequiredService<SchemeCatalog>();
        var grader = provider.GetRequiredService<IGrader>();
        var hebei = EvaluationFile.Load(Repo.Hebei);

        Assert.Equal(["standalone-2024"], catalog.Schemes.Select(s => s.Id));
        var unknown = Assert.Throws<SchemeException>(() => grader.Grade(hebei)); // it names hebei-shijiazhuang-2019
        Assert.Contains("hebei-shijiazhuang-2019", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("standalone-2024", unknown.Message, StringComparison.Ordinal);

        var result = grader.Grade(hebei, catalog.Get("standalone-2024"));
        Assert.Equal("standalone-2024", result.Scheme.Id);
        // 产出指标 and 效益指标 weigh 40 each in the report and in this frame: the same 98 as by the built-in
        // scheme, graded by this file's bands (98 ≥ 95 → A).
        Assert.Equal(98m, result.Total);
        Assert.Equal("A", result.Grade.Name);
    }

    [Fact]
    public void A_bad_scheme_file_throws_SchemeException_naming_the_file_when_the_catalog_is_resolved()
    {
        using var dir = new TempDir();
        var file = dir.File("bad.json", StandaloneScheme.Replace("\"weight\": 40 }", "\"weight\": \"40\" }", StringComparison.Ordinal));
        var services = new ServiceCollection().AddPerfEval(o => o.SchemeFiles.Add(file));

        using var provider = services.BuildServiceProvider(); // nothing read yet
        var e = Assert.Throws<SchemeException>(() => provider.GetRequiredService<SchemeCatalog>());

        Assert.Equal(file, e.File);
        Assert.StartsWith(file + ": ", e.Message, StringComparison.Ordinal);
        var problem = Assert.Single(e.Problems);
        Assert.Equal("NumberInQuotes", problem.Code);
        Assert.Equal("$.frame[1].weight", problem.JsonPath);
        Assert.Equal(8, problem.Line); // the 产出指标 line of the file
        // The grader depends on the catalog, so it fails the same way.
        Assert.Throws<SchemeException>(() => provider.GetRequiredService<IGrader>());
    }

    [Fact]
    public void A_missing_scheme_file_throws_SchemeException_naming_the_file()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "absent.json");
        using var provider = Build(s => s.AddPerfEval(o => o.SchemeFiles.Add(file)));

        var e = Assert.Throws<SchemeException>(() => provider.GetRequiredService<SchemeCatalog>());

        Assert.Equal(file, e.File);
        Assert.Equal("FileUnreadable", Assert.Single(e.Problems).Code);
    }

    [Fact]
    public void Calling_AddPerfEval_twice_keeps_one_registration_and_applies_both_configurations()
    {
        using var dir = new TempDir();
        var first = dir.File("first.json", StandaloneScheme);
        var second = dir.File("second.json", """
            { "format": "perfeval/scheme@1", "id": "child-2024", "extends": "standalone-2024", "name": "子方案（测试）" }
            """);
        var services = new ServiceCollection()
            .AddPerfEval(o => o.SchemeFiles.Add(first))
            .AddPerfEval(o =>
            {
                o.IncludeBuiltInSchemes = false;
                o.SchemeFiles.Add(second);
            });

        foreach (var type in new[] { typeof(IGrader), typeof(Grader), typeof(SchemeCatalog), typeof(PerfEvalOptions) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<PerfEvalOptions>();
        Assert.Equal([first, second], options.SchemeFiles);
        Assert.False(options.IncludeBuiltInSchemes);
        // The second file extends a scheme of the first: both were read, into one catalog, without the built-ins.
        var catalog = provider.GetRequiredService<SchemeCatalog>();
        Assert.Equal(["child-2024", "standalone-2024"], catalog.Schemes.Select(s => s.Id));
        Assert.Equal("A", catalog.Get("child-2024").Grades[0].Name);
    }

    [Fact]
    public void Schemes_built_in_code_are_added()
    {
        var national = SchemeCatalog.Default.Get("national-2020");
        var renamed = SchemeFile.Parse(SchemeFile.ToJson(national).Replace("\"national-2020\"", "\"coded-2024\"", StringComparison.Ordinal));
        var scheme = SchemeCatalog.Empty.WithDefinitions([renamed]).Get("coded-2024");
        using var provider = Build(s => s.AddPerfEval(o => o.Schemes.Add(scheme)));

        var catalog = provider.GetRequiredService<SchemeCatalog>();

        Assert.Same(scheme, catalog.Get("coded-2024"));
        Assert.Equal(8, catalog.Count);
    }

    [Fact]
    public void AddPerfEval_rejects_a_null_collection()
    {
        Assert.Throws<ArgumentNullException>(() => PerfEvalServiceCollectionExtensions.AddPerfEval(null!));
    }

    [Fact]
    public void Grading_from_many_threads_with_the_resolved_grader_gives_identical_results()
    {
        using var provider = Build(s => s.AddPerfEval());
        var grader = provider.GetRequiredService<IGrader>();
        var files = new[] { Repo.Hunan, Repo.Hebei, Repo.Example("seed-guangdong-dabu-2021.json"), Repo.Example("seed-sichuan-yanbian-2021-equipment.json") };
        var evaluations = files.Select(f => EvaluationFile.Load(f)).ToArray();
        var expected = evaluations.Select(e => ResultFile.ToJson(new Grader().Grade(e))).ToArray();

        var actual = new string[400];
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = t; i < actual.Length; i += 8)
            {
                actual[i] = ResultFile.ToJson(grader.Grade(evaluations[i % evaluations.Length]));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % expected.Length], actual[i]);
        }

        Assert.Contains("\"total\": 96.6,", expected[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resolved_grader_grades_a_batch_asynchronously()
    {
        using var provider = Build(s => s.AddPerfEval());
        var grader = provider.GetRequiredService<Grader>();
        var line = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Hunan)).RootElement);
        // Ids are unique within a batch, so the third line is the same report under another id.
        var other = line.Replace("\"id\":\"seed-hunan-zhijiang-2020\"", "\"id\":\"seed-hunan-zhijiang-2020-b\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{line}\nnot json\n{other}\n"));

        var records = new List<BatchResult>();
        await foreach (var record in grader.GradeAllAsync(stream, new BatchOptions { MaxDegreeOfParallelism = 2 }))
        {
            records.Add(record);
        }

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Line));
        Assert.Equal(96.6m, records[0].Result!.Total);
        Assert.True(records[1].IsError);
        Assert.Equal(2, records[1].Error!.Problems[0].Line);
        Assert.Equal(96.6m, records[2].Result!.Total);
    }
}
