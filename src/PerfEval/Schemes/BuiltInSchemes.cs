namespace PerfEval.Schemes;

/// <summary>The schemes embedded in the library.</summary>
internal static class BuiltInSchemes
{
    private static readonly Lazy<SchemeCatalog> Lazy = new(() => SchemeCatalog.Empty, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SchemeCatalog Catalog => Lazy.Value;
}
