using System.Text;
using System.Text.Json.Nodes;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Grading;

/// <summary>The example evaluation the grading benchmarks use, read from docs/examples.</summary>
internal static class Seed
{
    public const string FileName = "seed-hebei-changan-2019.json";

    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "docs", "examples", FileName);
            if (File.Exists(candidate)) return candidate;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "docs", "examples", FileName);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("docs/examples/" + FileName + " not found above " + AppContext.BaseDirectory);
    }

    public static ProjectEvaluation Load() => EvaluationFile.Load(Path());

    /// <summary>The seed as one compact JSON line, with its project id replaced by <paramref name="id"/>.</summary>
    public static string Line(JsonNode seed, string id)
    {
        var copy = seed.DeepClone();
        copy["project"]!["id"] = id;
        return copy.ToJsonString();
    }

    /// <summary>A JSON Lines document of <paramref name="count"/> copies of the seed with distinct ids, as UTF-8.</summary>
    public static byte[] JsonLines(int count)
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path()))!;
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(Line(seed, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
