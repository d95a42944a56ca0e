using PerfEval.Serialization;

namespace PerfEval.Schemes;

/// <summary>
/// The schemes embedded in the library: the same scheme files a rule author writes, read through the
/// same strict reader, so a built-in scheme is data like any other.
/// </summary>
internal static class BuiltInSchemes
{
    private const string Prefix = "PerfEval.Schemes.BuiltIn.";

    private static readonly Lazy<SchemeCatalog> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SchemeCatalog Catalog => Lazy.Value;

    private static SchemeCatalog Load()
    {
        var assembly = typeof(BuiltInSchemes).Assembly;
        var definitions = new List<SchemeDefinition>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            definitions.Add(SchemeFile.Parse(buffer.ToArray(), "builtin:" + name[Prefix.Length..]));
        }

        return SchemeCatalog.Empty.WithDefinitions(definitions);
    }
}
