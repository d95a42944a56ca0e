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
    public const string Minimal = Samples.MinimalEvaluation;

    public static string TempFile(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
