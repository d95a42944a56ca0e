using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

/// <summary>The scheme files shipped in src/PerfEval/Schemes/BuiltIn read and resolve with the strict reader.</summary>
public sealed class BuiltInSchemeFileTests
{
    private static string[] Files() =>
        Directory.GetFiles(Path.Combine(TestFiles.RepoRoot, "src", "PerfEval", "Schemes", "BuiltIn"), "*.json").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_built_in_scheme_file_resolves()
    {
        var files = Files();
        Assert.NotEmpty(files);
        var catalog = SchemeCatalog.Empty.WithFiles(files);
        Assert.Equal(files.Length, catalog.Count);
        foreach (var s in catalog.Schemes)
        {
            var again = SchemeCatalog.Empty.WithDefinitions([SchemeFile.Parse(SchemeFile.ToJson(s), s.Id + ".json")]).Get(s.Id);
            Assert.Equal(SchemeFile.ToJson(s), SchemeFile.ToJson(again));
        }
    }

    [Fact]
    public void Every_example_names_a_built_in_scheme()
    {
        var catalog = SchemeCatalog.Empty.WithFiles(Files());
        foreach (var example in TestFiles.ExampleFiles())
        {
            var e = EvaluationFile.Load(example);
            Assert.True(catalog.TryGet(e.SchemeId, out _), $"{example} names {e.SchemeId}");
        }
    }

    [Fact]
    public void The_default_catalog_holds_every_built_in_file()
    {
        var ids = SchemeCatalog.Empty.WithFiles(Files()).Schemes.Select(s => s.Id);
        Assert.Equal(ids, SchemeCatalog.Default.Schemes.Select(s => s.Id));
        Assert.Equal("national-2020", SchemeCatalog.Default.Get("sichuan-2021").Extends);
    }
}
