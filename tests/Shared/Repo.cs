using System.Text;

namespace PerfEval.Testing;

/// <summary>
/// Paths in the repository, found by walking up from the test assembly to the folder holding
/// PerfEval.sln. Shared by every test project (linked, not copied).
/// </summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfEval.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PerfEval.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string Examples => Path.Combine(Root, "docs", "examples");

    public static string Example(string name) => Path.Combine(Examples, name);

    public static string Hunan => Example("seed-hunan-zhijiang-2020.json");

    public static string Hebei => Example("seed-hebei-changan-2019.json");

    /// <summary>A minimal input from the tester's report of issue 11 (<c>tests/Repros</c>).</summary>
    public static string Repro(string name) => Path.Combine(Root, "tests", "Repros", name);

    public static IEnumerable<string> ExampleFiles => Directory.GetFiles(Examples, "*.json").Order(StringComparer.Ordinal);
}

/// <summary>A temporary directory, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfeval-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
