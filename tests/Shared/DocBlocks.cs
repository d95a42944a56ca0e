using System.Text.RegularExpressions;

namespace PerfEval.Testing;

/// <summary>
/// The C# blocks of a documentation page and the compiled samples they must match, for the tests that keep docs
/// true to the code. Shared by every test project (linked, not copied).
/// </summary>
internal static partial class DocBlocks
{
    /// <summary>The bodies of the page's <c>```csharp</c> blocks, as written.</summary>
    public static List<string> CSharp(string markdown) => [.. CsharpBlockRegex().Matches(markdown).Select(m => m.Groups[1].Value)];

    /// <summary>The samples of a test source, between <c>// sample: name</c> and <c>// end</c>, normalized.</summary>
    public static List<string> Samples(string source) => [.. SampleRegex().Matches(source).Select(m => Normalize(m.Groups[1].Value))];

    /// <summary>Lines trimmed, blank lines dropped: indentation differs between a method body and a page.</summary>
    public static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"// sample: \w+\n(.*?)// end", RegexOptions.Singleline)]
    private static partial Regex SampleRegex();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlockRegex();
}
