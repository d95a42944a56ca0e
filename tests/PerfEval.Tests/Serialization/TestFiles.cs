namespace PerfEval.Tests.Serialization;

internal static class TestFiles
{
    public static string RepoRoot => PerfEval.Testing.Repo.Root;

    public static string Examples => Path.Combine(RepoRoot, "docs", "examples");

    public static string Schemas => Path.Combine(RepoRoot, "docs", "schemas");

    /// <summary>A minimal input an independent tester found a defect with (copied from the shared repros).</summary>
    public static string Repro(string name) => Path.Combine(RepoRoot, "tests", "PerfEval.Tests", "Grading", "Repros", name);

    public static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(Examples, "*.json").Order(StringComparer.Ordinal);

    /// <summary>A minimal valid evaluation, one leaf per line so line numbers are easy to assert.</summary>
    public const string Minimal = """
        {
          "format": "perfeval/evaluation@1",
          "scheme": "national-2020",
          "project": { "id": "p1", "name": "测试项目" },
          "indicators": [
            { "name": "产出指标", "weight": 60, "children": [
              { "name": "数量指标", "weight": 60, "target": "≥95%", "actual": "96%" }
            ] },
            { "name": "满意度指标", "weight": 40, "method": { "kind": "assessed" }, "selfScore": 38 }
          ]
        }
        """;

    public static string TempFile(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
