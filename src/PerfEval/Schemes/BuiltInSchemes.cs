using PerfEval.Serialization;

namespace PerfEval.Schemes;

/// <summary>
/// The schemes embedded in the library: the scheme files of <c>Schemes/BuiltIn/*.json</c>, read with the
/// strict reader and resolved together (so they may extend one another) once, on first use.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal static class BuiltInSchemes
{
    private const string Prefix = "PerfEval.Schemes.BuiltIn.";

    private static readonly Lazy<SchemeCatalog> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SchemeCatalog Catalog => Lazy.Value;

    private static SchemeCatalog Load()
    {
        var assembly = typeof(BuiltInSchemes).Assembly;
        var definitions = new List<SchemeDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            definitions.Add(SchemeFile.Parse(memory.ToArray(), "BuiltIn/" + name[Prefix.Length..]));
        }

        return SchemeCatalog.Empty.WithDefinitions(definitions);
    }
}
